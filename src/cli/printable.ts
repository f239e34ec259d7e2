/**
 * Text from outside (file names, reasons quoting them) made safe to print on
 * a terminal line: control characters (C0, DEL, C1), line and paragraph
 * separators and bidirectional overrides are written as escapes (\n, \x1b,
 * \u202e), so a file name cannot start a fake `zhibiao:` line, recolour the
 * terminal or reorder what is shown. Everything else, Chinese included, is
 * printed as it is.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\\]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

export function printable(text: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
  return text.replace(UNSAFE, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const c = ch.charCodeAt(0);
    return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
  });
}

/** Flags every command shares (set from the global options before a command runs). */
export const cliFlags = { debug: false };

/** The first line of an error reason; the whole of it (a stack trace) only with --debug. */
export function reasonLine(reason: string): string {
  if (cliFlags.debug) return reason;
  const first = reason.split('\n', 1)[0]!.trim();
  return first.length < reason.trim().length ? `${first} (run with --debug for the details)` : first;
}
