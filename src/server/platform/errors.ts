// One error class for the whole server; the HTTP layer maps its code to a status in one place.
export const errorStatus = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError('bad_request', message, details);
export const forbidden = (message = '无权访问该资源 (outside your units or scopes)') => new AppError('forbidden', message);
export const notFound = (message = '资源不存在 (not found)') => new AppError('not_found', message);
export const unauthenticated = (message = '请先登录 (authentication required)') => new AppError('unauthenticated', message);
