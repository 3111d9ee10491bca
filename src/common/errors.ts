/**
 * One error family. `code` is stable (logs, tests), `status` is the HTTP status, `message` is fit to
 * show a user, `cause` keeps the original for the log.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'page', options?: { cause?: unknown }) {
    super('not_found', 404, `We couldn't find that ${what}.`, options);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You don't have access to that.", options?: { cause?: unknown }) {
    super('forbidden', 403, message, options);
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super('validation_failed', 422, message, options);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', 409, message, options);
  }
}

/** Turns anything thrown into an AppError; unknown failures become a generic 500 that keeps the cause. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = httpStatusOf(error);
  if (status === 403)
    return new ForbiddenError('This form has expired or was not sent from Ledgerside. Go back, reload the page and try again.', { cause: error });
  if (status === 404) return new NotFoundError('page', { cause: error });
  if (status !== undefined && status >= 400 && status < 500) {
    return new AppError('bad_request', status, 'That request could not be understood.', { cause: error });
  }
  return new AppError('internal', 500, 'Something went wrong on our side. It has been logged; please try again.', { cause: error });
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = 'status' in error ? error.status : 'statusCode' in error ? error.statusCode : undefined;
  return typeof candidate === 'number' ? candidate : undefined;
}
