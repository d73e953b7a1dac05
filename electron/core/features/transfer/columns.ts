import type { FieldDescriptor } from '../../../contract';

type FieldValue = string | number | boolean | string[];

/**
 * The one column scheme for CSV and JSON import and export. Store identifiers and token settings each
 * have their own column, named in snake_case after the catalog field they fill.
 */

/** Store identifier columns -> the catalog's store field key. */
export const IDENTIFIER_COLUMNS = {
  store_id: 'storeId',
  subdomain: 'subdomain',
  host: 'host',
  plan: 'plan',
  shop_id: 'shopId',
  account_email: 'accountEmail',
  contact_email: 'contactEmail',
} as const satisfies Record<string, string>;

/** Token setting columns -> the catalog's credential field key; lists are `;`-separated. */
export const SETTING_COLUMNS = {
  access_level: 'accessLevel',
  permissions: 'permissions',
  ip_allowlist: 'ipAllowlist',
  managed_by: 'managedBy',
  key_id: 'keyId',
  rate_limit: 'rateLimit',
  unneeded_scopes: 'unneededScopes',
} as const satisfies Record<string, string>;

export const REQUIRED_COLUMNS = ['store', 'provider', 'token_name'] as const;

/** Columns import reads, in the order export writes them. */
export const IMPORT_COLUMNS = [
  'client',
  'store',
  'provider',
  'environment',
  ...Object.keys(IDENTIFIER_COLUMNS),
  'token_name',
  'kind',
  'mode',
  'scopes',
  'created',
  'expires',
  'status',
  ...Object.keys(SETTING_COLUMNS),
  'notes',
  'secret',
] as const;

/** Written by export for people to read; accepted and ignored by import, so an export imports as is. */
export const EXPORT_ONLY_COLUMNS = [
  'token_id',
  'fingerprint',
  'expiry_source',
  /** "yes" when the expiry is a provider rule's estimate (a Printify expiry that could not be read). */
  'expiry_estimated',
  'last_check',
  'last_check_at',
  'last_check_detail',
] as const;

/** Export's columns: everything import reads except the secret, then the read-only facts. */
export const EXPORT_COLUMNS = [...IMPORT_COLUMNS.filter((c) => c !== 'secret'), ...EXPORT_ONLY_COLUMNS] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type Cells = Partial<Record<ImportColumn, string>>;

/** Written beside each rejected row in "Download the rejected rows"; ignored by import, so the file imports again. */
export const PROBLEMS_COLUMN = 'problems';

export const KNOWN_COLUMNS: ReadonlySet<string> = new Set<string>([
  ...IMPORT_COLUMNS,
  ...EXPORT_ONLY_COLUMNS,
  PROBLEMS_COLUMN,
]);

/** A list cell: `;` or line breaks between items; scopes may also be space-separated. */
export function splitList(cell: string, spacesToo = false): string[] {
  return cell
    .split(spacesToo ? /[;\s]+/ : /[;\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reads the identifier or setting columns a row fills into catalog values, typed by each field's descriptor. */
export function cellsToValues(
  cells: Cells,
  columns: Record<string, string>,
  fields: readonly FieldDescriptor[],
  what: string,
  owner: string,
  reasons: string[],
): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const [column, key] of Object.entries(columns)) {
    const cell = cells[column as keyof Cells]?.trim();
    if (!cell) continue;
    const descriptor = fields.find((f) => f.key === key);
    if (!descriptor) {
      reasons.push(`${column}: not a ${what} of ${owner}; leave it empty.`);
      continue;
    }
    if (descriptor.type === 'number') {
      const n = Number(cell);
      if (!/^-?\d+$/.test(cell) || !Number.isSafeInteger(n)) reasons.push(`${column}: must be a whole number.`);
      else values[key] = n;
    } else if (descriptor.type === 'lines' || descriptor.type === 'multiselect') {
      values[key] = splitList(cell);
    } else {
      values[key] = cell;
    }
  }
  return values;
}
