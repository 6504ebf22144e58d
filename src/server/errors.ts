/** One error type for the whole application; routes never build error responses by hand. */
export type ErrorCode = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'payload_too_large' | 'internal';

export const statusForCode: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

/** What went wrong with one input: which field, which rule, what to do. */
export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
  value?: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

export function invalid(field: string, rule: string, message: string, value?: unknown): AppError {
  return new AppError('validation', message, [{ field, rule, message, value }]);
}

export function conflict(field: string, message: string, value?: unknown): AppError {
  return new AppError('conflict', message, [{ field, rule: 'unique', message, value }]);
}

export function forbidden(message = 'Your role does not allow this'): AppError {
  return new AppError('forbidden', message);
}
