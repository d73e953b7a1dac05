import { parse as parseCsvSync } from 'csv-parse/sync';
import { AppError } from '../../errors';
import { type Cells, IMPORT_COLUMNS, KNOWN_COLUMNS, REQUIRED_COLUMNS } from './columns';
import { didYouMean } from './import-hints';

export type ImportFormat = 'csv' | 'json';
/** Bounds: an agency's spreadsheet, with room to spare. */
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_CHARS = 32 * 1024 * 1024;

/** One data row as read from the file, before any validation of its values. */
export interface RawRow {
  /** 1-based data row (the header is not counted). */
  row: number;
  /** 1-based line of the file where the row starts (CSV), or null (JSON). */
  line: number | null;
  cells: Cells;
  /** Shape problems found while reading, e.g. more cells than the header has. */
  problems: string[];
}

/**
 * Reads CSV or JSON rows in the import column scheme. File-level problems (malformed CSV, unknown or
 * missing columns, too many rows) throw AppError('invalid_input'); messages never quote cell values.
 */
export function parseImport(text: string, format: ImportFormat): RawRow[] {
  if (text.length > MAX_IMPORT_CHARS)
    throw new AppError(
      'invalid_input',
      `The file is too large to import (more than ${MAX_IMPORT_CHARS / 1024 / 1024} MiB of text).`,
    );
  if (format === 'json') return parseJson(text);
  const rows = new CsvRows();
  try {
    parseCsvSync(text, rows.options());
  } catch (err) {
    throw rows.failure(err);
  }
  return rows.finish();
}

const tooManyRows = (): AppError =>
  new AppError(
    'invalid_input',
    `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows; Keyward imports at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} at once. Split it into smaller files.`,
  );

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by something other than a comma or line break',
  INVALID_OPENING_QUOTE: 'a quote appears in the middle of an unquoted field (double it, or quote the whole field)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by other characters',
};

/**
 * Builds rows one CSV record at a time, as csv-parse hands them over (whole text or a stream of chunks).
 * It keeps no record of its own and throws at row MAX_IMPORT_ROWS + 1, which stops the parser there.
 */
export class CsvRows {
  /** Records csv-parse has handed over, header included. */
  records = 0;
  private columns: string[] | null = null;
  private readonly rows: RawRow[] = [];
  private previousEnd = 0;

  /** csv-parse options: records go to `add` and are not collected by the parser. */
  options() {
    return {
      bom: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record: string[], context: { lines: number }): null => {
        this.add(record, context.lines);
        return null;
      },
    };
  }

  add(record: string[], endLine: number): void {
    this.records++;
    const line = this.previousEnd + 1;
    this.previousEnd = endLine;
    if (!this.columns) {
      this.columns = record.map((c) => c.trim().toLowerCase());
      checkColumns(this.columns);
      return;
    }
    if (record.every((c) => c.trim() === '')) return; // Blank lines and rows of empty cells.
    if (this.rows.length === MAX_IMPORT_ROWS) throw tooManyRows();
    const columns = this.columns;
    const cells: Cells = {};
    columns.forEach((c, i) => {
      if (KNOWN_COLUMNS.has(c)) (cells as Record<string, string>)[c] = unguard(record[i] ?? '');
    });
    const problems =
      record.length === columns.length
        ? []
        : [`Row has ${record.length} cells, but the header has ${columns.length} columns.`];
    this.rows.push({ row: this.rows.length + 1, line, cells, problems });
  }

  /** The error to show for what stopped the parser: our own refusals as they are, csv-parse's without its text. */
  failure(err: unknown): unknown {
    // csv-parse's errors by their codes: its CommonJS entry points each carry their own CsvError class.
    const e = err as { code?: unknown; lines?: number };
    if (err instanceof AppError || typeof e?.code !== 'string' || !/^(CSV_|INVALID_)/.test(e.code)) return err;
    // csv-parse's own message quotes the field, which may be a secret: say where and what, never the text.
    return new AppError(
      'invalid_input',
      `The CSV is malformed${e.lines ? ` near line ${e.lines}` : ''}: ${CSV_PROBLEMS[e.code] ?? 'it could not be read as comma-separated values'}.`,
    );
  }

  finish(): RawRow[] {
    if (!this.columns) throw new AppError('invalid_input', 'The file is empty.');
    if (this.rows.length === 0) throw new AppError('invalid_input', 'The file has no rows to import.');
    return this.rows;
  }
}

/** Export prefixes formula-like cells with ' so spreadsheets keep them as text; take it off again. */
const unguard = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

function parseJson(text: string): RawRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // JSON.parse's message quotes part of the text, which may be a secret.
    throw new AppError('invalid_input', 'The file is not valid JSON.');
  }
  const list = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc.rows) ? doc.rows : null;
  if (!list)
    throw new AppError('invalid_input', 'The JSON must be an array of rows, or an object with a "rows" array.');
  if (list.length === 0) throw new AppError('invalid_input', 'The file has no rows to import.');
  if (list.length > MAX_IMPORT_ROWS)
    throw new AppError(
      'invalid_input',
      `The file has ${list.length} rows; Keyward imports at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} at once. Split it into smaller files.`,
    );
  const seen = new Set<string>();
  const rows = list.map((item: unknown, i): RawRow => {
    const problems: string[] = [];
    const cells: Cells = {};
    if (!isRecord(item)) return { row: i + 1, line: null, cells, problems: ['Row is not an object of column: value.'] };
    for (const [key, value] of Object.entries(item)) {
      const column = key.trim().toLowerCase();
      seen.add(column);
      const cell = jsonCell(value);
      if (cell === null) problems.push(`${column} must be text, a number, true/false, a list of text or null.`);
      else if (KNOWN_COLUMNS.has(column)) (cells as Record<string, string>)[column] = cell;
    }
    return { row: i + 1, line: null, cells, problems };
  });
  checkColumns([...seen], false);
  return rows;
}

function jsonCell(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(';');
  return null;
}

/** Unknown, duplicate or missing columns refuse the whole file, naming them. */
function checkColumns(columns: string[], header = true): void {
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (header && missing.length === REQUIRED_COLUMNS.length) {
    throw new AppError(
      'invalid_input',
      `The first row is not a header: it names none of the required columns (${REQUIRED_COLUMNS.join(', ')}). Add a header row.`,
    );
  }
  const unknown = [...new Set(columns.filter((c) => !KNOWN_COLUMNS.has(c)))];
  if (unknown.length) {
    throw new AppError(
      'invalid_input',
      `Unknown column${unknown.length === 1 ? '' : 's'}: ${unknown.map(unknownColumn).join(', ')}. Import reads these columns: ${IMPORT_COLUMNS.join(', ')}.`,
    );
  }
  const duplicate = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (header && duplicate.length)
    throw new AppError(
      'invalid_input',
      `Column${duplicate.length === 1 ? '' : 's'} given twice: ${[...new Set(duplicate)].join(', ')}.`,
    );
  if (missing.length)
    throw new AppError(
      'invalid_input',
      `Missing required column${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}.`,
    );
}

/** An unknown column's name, with the known column it is one typo away from. */
function unknownColumn(name: string): string {
  const close = /^[a-z][a-z _-]{0,29}$/.test(name) ? didYouMean(name, KNOWN_COLUMNS) : undefined;
  return close === undefined ? columnName(name) : `${columnName(name)} (did you mean "${close}"?)`;
}

/** A header cell could be a pasted secret: only names that look like column names are quoted back. */
function columnName(name: string): string {
  return /^[a-z][a-z _-]{0,29}$/.test(name)
    ? `"${name}"`
    : `(a ${name.length}-character name not shown, as it does not look like a column name)`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
