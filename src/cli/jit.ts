/**
 * The JIT setting of the `zhibiao` process.
 *
 * A `zhibiao` run is short: extracting a folder of a hundred documents takes
 * about a second, and most of that second is spent before V8 has optimized
 * the pipeline (the first pass over the dev corpus takes about three times a
 * warm pass). TurboFan's inlining makes each optimization job large (the value
 * clause handler took 55–90 ms a compile, recompiled after each deopt), and on
 * a machine with few cores those jobs wait for a core while the pipeline runs
 * unoptimized. Without inlining the jobs are small and arrive sooner. Measured
 * on the 2-core VM, 126 dev documents as whole processes, interleaved, medians
 * of nine: 1,028 → 912 ms, 1,069 → 978 ms, 1,045 → 947 ms; a warm pass in one
 * process was the same within noise (the pipeline gains little from inlining).
 *
 * The setting is skipped when the user chose inlining flags of their own
 * (NODE_OPTIONS or node's command line), or set ZHIBIAO_V8_DEFAULTS=1.
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flags this process should set, given its environment and node's own arguments. */
export function jitFlags(env: NodeJS.ProcessEnv, execArgv: readonly string[]): string[] {
  if (env['ZHIBIAO_V8_DEFAULTS'] === '1') return [];
  const chosen = [...execArgv, ...(env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  if (chosen.some((a) => /^--(no-)?(turbo[-_]inlining|max[-_]inlined)/.test(a))) return [];
  return ['--no-turbo-inlining'];
}

/** Sets the JIT flags for this process; to be called before the pipeline runs. */
export function applyJitPolicy(env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): string[] {
  const flags = jitFlags(env, execArgv);
  for (const f of flags) setFlagsFromString(f);
  return flags;
}
