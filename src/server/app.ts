/**
 * The HTTP application: the JSON API under /api, the dashboard pages, one
 * error handler for both. It talks to the database only through `Store`.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { Store } from '../store/types.js';
import { mountWeb } from '../web/routes.js';
import { mountApi } from './api.js';
import { ApiError, errorHandler, type Logger } from './errors.js';
import { openApiDocument } from './openapi.js';

export interface AppOptions {
  store: Store;
  /** Where server errors are logged (default: stderr). */
  log?: Logger;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export function createApp(options: AppOptions): Hono {
  const log = options.log ?? ((line: string) => process.stderr.write(`zhibiao serve: ${line}\n`));
  const app = new Hono();
  const openapi = openApiDocument(packageVersion());
  app.get('/api/openapi.json', (c) => c.json(openapi));
  mountApi(app, { store: options.store });
  mountWeb(app, options.store);
  const onError = errorHandler(log);
  app.notFound((c) =>
    onError(new ApiError(404, c.req.path.startsWith('/api/') ? `no endpoint ${c.req.path}: see /api/openapi.json` : `没有这个页面：${c.req.path}`), c),
  );
  app.onError(onError);
  return app;
}
