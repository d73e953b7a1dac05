/** A plain text table: columns padded to their widest cell, for people reading a terminal. */
export function table(headers: string[], rows: (string | null | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => c ?? '—'))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');
