import { stringify } from 'csv-stringify/sync';
import type { Client, StoreProfile, Token } from '../../../contract';
import type { VaultData } from '../../vault/vault-data';
import { EXPORT_COLUMNS, type ExportColumn, IDENTIFIER_COLUMNS, SETTING_COLUMNS } from './columns';

type ExportRow = Record<ExportColumn, string>;
type JsonValue = string | number | string[] | null;

const LIST_COLUMNS = new Set<ExportColumn>(['scopes', 'permissions', 'ip_allowlist', 'unneeded_scopes']);
const NUMBER_COLUMNS = new Set<ExportColumn>(['rate_limit']);

/** Which tokens to export: all, or one client's (null: tokens of stores without a client). */
export interface ExportSelection {
  clientId?: string | null;
}

/**
 * One row per token in the import column scheme, without the secret column: metadata, masked fingerprint
 * and last check only. Reads metadata alone, so no secret can reach it.
 */
export function exportRows(
  vault: Pick<VaultData, 'clients' | 'stores' | 'tokens'>,
  selection: ExportSelection = {},
): ExportRow[] {
  const clients = new Map<string, Client>(vault.clients.map((c) => [c.id, c]));
  const stores = new Map<string, StoreProfile>(vault.stores.map((s) => [s.id, s]));
  const rows: ExportRow[] = [];
  for (const token of vault.tokens) {
    const store = stores.get(token.storeId);
    if (!store) continue;
    if (selection.clientId !== undefined && store.clientId !== selection.clientId) continue;
    rows.push(rowOf(token, store, store.clientId ? clients.get(store.clientId) : undefined));
  }
  return rows;
}

function rowOf(token: Token, store: StoreProfile, client: Client | undefined): ExportRow {
  const row = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, ''])) as ExportRow;
  row.client = client?.name ?? '';
  row.store = store.label;
  row.provider = store.provider;
  row.environment = store.environment;
  for (const [column, key] of Object.entries(IDENTIFIER_COLUMNS))
    row[column as ExportColumn] = cell(store.identifiers[key]);
  row.token_name = token.name;
  row.kind = token.kind;
  row.mode = token.mode ?? '';
  row.scopes = token.scopes.join(';');
  row.created = token.createdAt ?? '';
  row.expires = token.expiresAt ?? '';
  row.status = token.status;
  for (const [column, key] of Object.entries(SETTING_COLUMNS)) row[column as ExportColumn] = cell(token.settings[key]);
  row.notes = token.notes;
  row.token_id = token.id;
  row.fingerprint = token.secret?.masked ?? '';
  row.expiry_source = token.expirySource;
  row.expiry_estimated = token.expirySource === 'provider-rule' ? 'yes' : '';
  row.last_check = token.lastCheck?.outcome ?? '';
  row.last_check_at = token.lastCheck?.checkedAt ?? '';
  row.last_check_detail = token.lastCheck?.detail ?? '';
  return row;
}

const cell = (value: string | number | boolean | string[] | undefined): string =>
  value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);

/** CSV with a header row, CRLF line ends (what spreadsheets expect), quoted where needed. */
export function exportCsv(
  vault: Pick<VaultData, 'clients' | 'stores' | 'tokens'>,
  selection: ExportSelection = {},
): string {
  const rows = exportRows(vault, selection);
  return stringify(rows, {
    header: true,
    columns: [...EXPORT_COLUMNS],
    record_delimiter: 'windows',
    cast: { string: spreadsheetSafe },
  });
}

/** A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' so it stays text. */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** JSON in the same scheme: lists as arrays, the rate limit as a number, empty cells as null. Import reads it back. */
export function exportJson(
  vault: Pick<VaultData, 'clients' | 'stores' | 'tokens'>,
  now: Date,
  selection: ExportSelection = {},
): string {
  const rows = exportRows(vault, selection).map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]): [string, JsonValue] => {
        if (value === '') return [column, null];
        if (LIST_COLUMNS.has(column as ExportColumn)) return [column, value.split(';')];
        if (NUMBER_COLUMNS.has(column as ExportColumn) && /^\d+$/.test(value)) return [column, Number(value)];
        return [column, value];
      }),
    ),
  );
  return `${JSON.stringify({ format: 'keyward-tokens', version: 1, exportedAt: now.toISOString(), rows }, null, 1)}\n`;
}
