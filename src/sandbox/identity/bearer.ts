import type { Request } from 'express';

/** The token of an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}
