/**
 * Runs the app on a local port (127.0.0.1 unless told otherwise).
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startServer(store: Store, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const app = createApp({ store });
  const hostname = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname }, (info: AddressInfo) => {
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${host}:${info.port}/`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`port ${options.port ?? 8787} on ${hostname} is in use: pass another with --port`)
          : err,
      );
    });
  });
}
