// After the TypeScript build: the command line and the extraction worker as one
// bundle (dist/bundle/), so that a start loads a few files instead of ~90 modules
// and commander through the CommonJS loader. bin/zhibiao.js imports it when it is
// there and falls back to dist/cli/main.js when it is not.
//
// The modules stay where tsc wrote them: data files are found relative to each
// module's own URL (`new URL('./data/x.tsv', import.meta.url)`), so every
// `import.meta.url` of a bundled module is rewritten to that module's URL
// relative to its chunk, which keeps the package relocatable. Heavy or native
// packages stay external and load only when a command or reader needs them.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'bundle');

/** Modules whose import.meta.url must stay the chunk's own: they start a bundled sibling entry. */
const SIBLING_ENTRIES = new Set([join(dist, 'store', 'pool.js')]);

/** Packages loaded lazily by one reader or command, or native: never bundled. */
const EXTERNAL = [
  'better-sqlite3',
  'pg',
  'pg-*',
  '@duckdb/*',
  'pdfjs-dist',
  'pdfjs-dist/*',
  'cheerio',
  'mammoth',
  'echarts',
  'echarts/*',
  'hono',
  'hono/*',
  '@hono/*',
  'hyparquet-writer',
  'write-excel-file',
  'write-excel-file/*',
  'fflate',
  'opencc-js',
  'opencc-js/*',
  'iconv-lite',
  'jschardet',
  'cli-progress',
];

/** `import.meta.url` of the module at `file`, written relative to the chunk it ends up in. */
const moduleUrl = (file) => {
  const rel = relative(out, file).split(sep).join('/');
  return `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
};

const keepModuleUrls = {
  name: 'module-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (SIBLING_ENTRIES.has(args.path) || !text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      return { contents: text.replaceAll('import.meta.url', moduleUrl(args.path)), loader: 'js' };
    });
  },
};

// commander requires child_process (and with it net and dgram) at load, for executable
// subcommands, which zhibiao has none of: load it on that path only (about 3 ms of a start)
const CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(CHILD_PROCESS)) {
        console.warn(`bundle: ${args.path} no longer has "${CHILD_PROCESS}": child_process stays eager`);
        return { contents: text, loader: 'js' };
      }
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: text.replace(CHILD_PROCESS, lazy), loader: 'js' };
    });
  },
};

// chunk names carry content hashes: clear out the last build's
rmSync(out, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: join(dist, 'cli', 'main.js'), 'ingest-worker': join(dist, 'store', 'ingest-worker.js') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // commander is CommonJS: its require('node:events') needs a real require in an ES module
  banner: { js: "import { createRequire as __zhibiaoRequire } from 'node:module'; const require = __zhibiaoRequire(import.meta.url);" },
  plugins: [keepModuleUrls, lazyChildProcess],
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
const files = Object.keys(result.metafile.outputs);
const bytes = files.reduce((s, f) => s + result.metafile.outputs[f].bytes, 0);
console.log(`bundle: ${files.length} files, ${(bytes / 1024).toFixed(0)} KB`);
