/**
 * Runs the app on a local port (127.0.0.1 unless told otherwise).
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/types.js';
import { IsolatedExtractor } from './isolate.js';
import { createApp } from './app.js';
import type { ReadAccess } from './auth.js';
import { removeStaleIncoming, type UploadConfig } from './upload.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  read?: ReadAccess;
  uploads?: UploadConfig | null;
}

export async function startServer(store: Store, options: ServeOptions = {}): Promise<RunningServer> {
  if (options.uploads) await removeStaleIncoming(options.uploads.dir);
  // uploads are read in a child process with time and memory limits, so reads keep being answered meanwhile
  const extractor = options.uploads ? new IsolatedExtractor(options.uploads.isolation) : undefined;
  const app = createApp({ store, read: options.read ?? 'open', uploads: options.uploads ?? null, ...(extractor ? { extractor } : {}) });
  const hostname = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname }, (info: AddressInfo) => {
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${host}:${info.port}/`,
        port: info.port,
        close: async () => {
          await new Promise<void>((done, fail) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close((err) => (err ? fail(err) : done()));
          });
          await extractor?.close();
        },
      });
    });
    server.once('error', (err: NodeJS.ErrnoException) => {
      void extractor?.close();
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`port ${options.port ?? 8787} on ${hostname} is in use: pass another with --port`)
          : err,
      );
    });
  });
}
