/**
 * Plain-text tables for the database commands, aligned for terminals where a
 * CJK character takes two columns.
 */

/** Display width of a string in a terminal (East Asian wide characters count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd)
      ? 2
      : 1;
  }
  return w;
}

function fit(s: string, width: number): string {
  if (displayWidth(s) <= width) return s + ' '.repeat(width - displayWidth(s));
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…' + ' '.repeat(Math.max(0, width - 1 - displayWidth(out)));
}

/** Renders rows under a header; columns wider than `maxWidth` are cut with an ellipsis. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], maxWidth = 40): string {
  const widths = header.map((h, i) => Math.min(maxWidth, Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? '')))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : fit(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
