import { localDate } from '../core/time';

/** A plain text table: columns padded to their widest cell, for people reading a terminal. */
export function table(headers: string[], rows: (string | null | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => c ?? '—'))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (c ?? '').padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The calendar day of an instant where the user is (a typed date is stored as that day's start there). */
export const day = (iso: string | null): string => (iso ? localDate(iso) : '—');

/** Rows as JSON.stringify(rows, null, 2) prints them, written a batch at a time: no list of every row is built. */
export async function writeJsonRows(rows: Iterable<unknown>): Promise<void> {
  let batch = '';
  let count = 0;
  const flush = () =>
    new Promise<void>((resolve) => (process.stdout.write(batch) ? resolve() : process.stdout.once('drain', resolve)));
  for (const row of rows) {
    batch += `${count++ === 0 ? '[\n' : ',\n'}  ${JSON.stringify(row, null, 2).replaceAll('\n', '\n  ')}`;
    if (batch.length >= 64 * 1024) {
      await flush();
      batch = '';
    }
  }
  batch += count === 0 ? '[]\n' : '\n]\n';
  await flush();
}
