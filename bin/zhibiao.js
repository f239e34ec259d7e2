#!/usr/bin/env node
import { existsSync } from 'node:fs';

// The bundle (npm run build writes it) starts in fewer module loads; the plain
// build is the fallback for a dist/ compiled by tsc alone.
const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const { main, applyJitPolicy } = await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js');
// V8 tuned for short runs (see src/cli/jit.ts); before any pipeline code is optimized
applyJitPolicy();

// A reader that stops early (`zhibiao extract … | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`zhibiao: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
