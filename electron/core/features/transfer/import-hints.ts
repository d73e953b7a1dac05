import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { TokenFormat } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { maskWithFormats } from '../../providers/mask';
import { recognizeSecret } from '../../recognition/recognize';
import type { Cells } from './columns';

/**
 * The closest of `known` to what the user typed, when it is close enough to be a typo: at most one edit in
 * five characters (two for longer words), compared without case.
 */
export function didYouMean(typed: string, known: Iterable<string>): string | undefined {
  const lower = typed.trim().toLowerCase();
  if (lower === '') return undefined;
  let best: { value: string; cost: number } | undefined;
  for (const value of known) {
    const cost = distance(lower, value.toLowerCase());
    if (cost > 0 && (!best || cost < best.cost)) best = { value, cost };
  }
  const allowed = lower.length <= 4 ? 1 : lower.length <= 8 ? 2 : 3;
  return best && best.cost <= allowed ? best.value : undefined;
}

/** ` Did you mean "x"?`, or nothing. */
export const suggestion = (typed: string, known: Iterable<string>): string => {
  const close = didYouMean(typed, known);
  return close === undefined ? '' : ` Did you mean "${close}"?`;
};

const DATE_COLUMNS = new Set(['created', 'expires']);
const SLASHED_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * What to say when a date cell does not read: the format, and the ISO form of a day/month/year date when
 * only one reading is possible. Only the reformatted date is quoted, never the cell.
 */
export function dateProblem(column: string, cell: string): string {
  const format = 'dates are YYYY-MM-DD (for example 2027-12-31) or an ISO date-time';
  const m = SLASHED_DATE.exec(cell.trim());
  if (!m) return `${column}: not a date; ${format}.`;
  const [a, b, year] = [Number(m[1]), Number(m[2]), m[3]!];
  const iso = (month: number, day: number) =>
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const dayFirst = a > 12 && b <= 12;
  const monthFirst = b > 12 && a <= 12;
  if (dayFirst) return `${column}: reads as day/month/year; write it as ${iso(b, a)} (${format}).`;
  if (monthFirst) return `${column}: reads as month/day/year; write it as ${iso(a, b)} (${format}).`;
  if (a <= 12 && b <= 12)
    return `${column}: could be ${iso(b, a)} or ${iso(a, b)}; write it as YYYY-MM-DD so it reads one way.`;
  return `${column}: not a date; ${format}.`;
}

/**
 * A clear, specific message for a cell a schema refused: the allowed values with a suggestion for a
 * choice, the format for a date, else the schema's own message. Cells are never quoted back.
 */
export function cellProblem(column: string, cell: unknown, error: z.ZodError): string {
  if (DATE_COLUMNS.has(column)) return dateProblem(column, String(cell ?? ''));
  const issue = error.issues[0];
  if (issue?.code === 'invalid_value' && issue.values.every((v) => typeof v === 'string')) {
    const values = issue.values as string[];
    return `${column}: must be ${oneOf(values)}.${suggestion(String(cell ?? ''), values)}`;
  }
  const message = issue?.message ?? 'invalid';
  return `${column}: ${message.replace(/\.$/, '')}.`;
}

/** "a", "a or b", "a, b or c". */
export function oneOf(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

const SHOWN_CELL_CHARS = 200;

/** Why a cell must not be shown or written: it is the secret column, holds the secret, or reads as a token. */
export function secretInCell(column: string, cell: string, secret: string, catalog: Catalog, now: Date): string | null {
  if (column === 'secret') return 'the secret';
  if (secret.length >= 8 && cell.includes(secret)) return 'holds the secret';
  if (!/\s/.test(cell) && recognizeSecret(catalog, cell, now).length > 0) return 'reads as a token';
  return null;
}

/** An invalid row's cells as the preview shows them: the secret masked, other secret-like cells hidden. */
export function shownCells(cells: Cells, catalog: Catalog, now: Date): Record<string, string> {
  const secret = cells.secret?.trim() ?? '';
  const shown: Record<string, string> = {};
  for (const [column, value] of Object.entries(cells) as [string, string][]) {
    const cell = value.trim();
    if (cell === '') continue;
    const hidden = secretInCell(column, cell, secret, catalog, now);
    if (column === 'secret') shown[column] = maskWithFormats(formatsOfRow(cells, catalog), cell);
    else if (hidden) shown[column] = `(hidden: ${hidden})`;
    else shown[column] = cell.length > SHOWN_CELL_CHARS ? `${cell.slice(0, SHOWN_CELL_CHARS)}…` : cell;
  }
  return shown;
}

/** The token formats of the row's provider (or of every provider), so the mask keeps the public prefix. */
function formatsOfRow(cells: Cells, catalog: Catalog): TokenFormat[] {
  const module = catalog.find((cells.provider ?? '').trim().toLowerCase());
  return (module ? [module] : catalog.modules()).flatMap((m) =>
    m.descriptor.credentials.flatMap((c) => c.policy?.formats ?? []),
  );
}
