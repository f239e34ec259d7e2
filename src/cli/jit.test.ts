import { describe, expect, it } from 'vitest';
import { jitFlags } from './jit.js';

describe('jitFlags', () => {
  it.each([
    { env: {}, argv: [], want: ['--no-turbo-inlining'] },
    { env: { NODE_OPTIONS: '--max-old-space-size=4096' }, argv: [], want: ['--no-turbo-inlining'] },
    { env: {}, argv: ['--enable-source-maps'], want: ['--no-turbo-inlining'] },
    // the user's own choice wins
    { env: { ZHIBIAO_V8_DEFAULTS: '1' }, argv: [], want: [] },
    { env: {}, argv: ['--turbo-inlining'], want: [] },
    { env: {}, argv: ['--no-turbo-inlining'], want: [] },
    { env: { NODE_OPTIONS: '--trace-warnings --max-inlined-bytecode-size=100' }, argv: [], want: [] },
    { env: {}, argv: ['--max_inlined_bytecode_size_cumulative=300'], want: [] },
  ])('$env $argv', ({ env, argv, want }) => {
    expect(jitFlags(env, argv)).toEqual(want);
  });
});
