/** Route parameters read the same way everywhere. */
import type { Request } from 'express';
import { NotFoundError } from '../common/errors.js';
import { isUuid } from './input-boundary.js';

/** The `:id` of the route: anything that is not a UUID (every record id is one) is simply not found (404), never queried. */
export function idParam(req: Request, what?: string): string {
  const id: unknown = req.params.id;
  if (!isUuid(id)) throw new NotFoundError(what);
  return id;
}
