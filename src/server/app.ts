/**
 * The HTTP application: the JSON API under /api, the dashboard pages, one
 * error handler for both. It talks to the database only through `Store`.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { Store } from '../store/types.js';
import type { Extractor } from '../store/pool.js';
import { mountWeb } from '../web/routes.js';
import { mountApi } from './api.js';
import type { ReadAccess } from './auth.js';
import { ApiError, errorHandler, type Logger } from './errors.js';
import { openApiDocument } from './openapi.js';
import { securityHeaders } from './security.js';
import type { UploadConfig } from './upload.js';

export interface AppOptions {
  store: Store;
  /** Where server errors are logged (default: stderr). */
  log?: Logger;
  /** `open` (default): anyone may read; `token`: reads need a signed-in user too. Writes always do. */
  read?: ReadAccess;
  /** Where uploads go (default: uploads are off). */
  uploads?: UploadConfig | null;
  /** The extractor uploads use (default: a worker per upload). */
  extractor?: Extractor;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export function createApp(options: AppOptions): Hono {
  const log = options.log ?? ((line: string) => process.stderr.write(`zhibiao serve: ${line}\n`));
  const read = options.read ?? 'open';
  const app = new Hono();
  app.use(securityHeaders());
  const openapi = openApiDocument(packageVersion());
  app.get('/api/openapi.json', (c) => c.json(openapi));
  mountApi(app, { store: options.store, uploads: options.uploads ?? null, read, ...(options.extractor ? { extractor: options.extractor } : {}) });
  mountWeb(app, { store: options.store, read });
  const onError = errorHandler(log);
  app.notFound((c) =>
    onError(new ApiError(404, c.req.path.startsWith('/api/') ? `no endpoint ${c.req.method} ${c.req.path}: see /api/openapi.json` : `没有这个页面：${c.req.path}`), c),
  );
  app.onError(onError);
  return app;
}
