/** Route parameters read the same way everywhere. */
import type { Request } from 'express';
import { NotFoundError } from '../common/errors.js';

/** The `:id` of the route: anything that cannot be an id is simply not found (404), never queried. */
export function idParam(req: Request): string {
  const id: unknown = req.params.id;
  if (typeof id !== 'string' || id.length > 36) throw new NotFoundError();
  return id;
}
