import { stringify } from 'csv-stringify/sync';
import type { Catalog } from '../../providers/catalog';
import { type Cells, IMPORT_COLUMNS, PROBLEMS_COLUMN } from './columns';
import { spreadsheetSafe } from './export';
import { secretInCell } from './import-hints';
import type { ImportPlan } from './import-plan';

/**
 * The rows an import refused, as CSV in the import's own columns plus a problems column (which import
 * ignores), so the user can fix them and import the file again. Secrets are never written: the secret
 * column is left empty, as is any other cell that holds the secret or reads as a token.
 */
export function rejectedRowsCsv(plan: ImportPlan, catalog: Catalog, now: Date): { csv: string; rows: number } {
  const records: Record<string, string>[] = [];
  for (const planned of plan.rows) {
    if (planned.reasons.length === 0) continue;
    const { kept, leftOut } = withoutSecrets(planned.cells, catalog, now);
    const problems = [...planned.reasons];
    if (leftOut.length)
      problems.push(
        `${leftOut.join(', ')}: left empty, as Keyward never writes a secret to a file; fill in from your source.`,
      );
    records.push({ ...kept, [PROBLEMS_COLUMN]: problems.join(' | ') });
  }
  const csv = stringify(records, {
    header: true,
    columns: [...IMPORT_COLUMNS, PROBLEMS_COLUMN],
    record_delimiter: 'windows',
    cast: { string: spreadsheetSafe },
  });
  return { csv, rows: records.length };
}

function withoutSecrets(
  cells: Cells,
  catalog: Catalog,
  now: Date,
): { kept: Record<string, string>; leftOut: string[] } {
  const secret = cells.secret?.trim() ?? '';
  const kept: Record<string, string> = {};
  const leftOut: string[] = [];
  for (const [column, value] of Object.entries(cells) as [string, string][]) {
    const cell = value.trim();
    if (cell === '') continue;
    if (secretInCell(column, cell, secret, catalog, now)) leftOut.push(column);
    else kept[column] = value;
  }
  return { kept, leftOut };
}
