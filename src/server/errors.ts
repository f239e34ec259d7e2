/**
 * The HTTP boundary's one error type and its one handler. Handlers throw
 * `ApiError`; store errors are translated here; anything else is a 500 whose
 * details go to the server log, not to the client.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StoreError } from '../store/types.js';
import { errorPage } from '../web/pages/layout.js';

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  /** The request parameter at fault, when there is one. */
  readonly param: string | undefined;
  constructor(status: ContentfulStatusCode, message: string, param?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.param = param;
  }
}

export interface ErrorBody {
  error: { status: number; message: string; param?: string };
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof StoreError) {
    switch (err.code) {
      case 'ambiguous_region':
      case 'unknown_region':
      case 'invalid':
        return new ApiError(400, err.message, err.field);
      case 'not_found':
        return new ApiError(404, err.message, err.field);
      case 'conflict':
        return new ApiError(409, err.message, err.field);
      case 'unavailable':
      case 'schema_too_new':
        return new ApiError(503, err.message);
    }
  }
  return new ApiError(500, 'internal error: the server log has the details; please report it');
}

export type Logger = (line: string) => void;

/** Builds the app's `onError`: JSON under /api, an HTML page elsewhere. */
export function errorHandler(log: Logger) {
  return (err: Error, c: Context): Response | Promise<Response> => {
    const e = toApiError(err);
    if (e.status >= 500) log(`${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    if (c.req.path.startsWith('/api/')) {
      const body: ErrorBody = { error: { status: e.status, message: e.message, ...(e.param ? { param: e.param } : {}) } };
      if (e.status === 401) c.header('WWW-Authenticate', 'Bearer realm="zhibiao"');
      return c.json(body, e.status);
    }
    return c.html(errorPage(e.status, e.message), e.status);
  };
}
