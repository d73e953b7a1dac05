import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  DateInput,
  Environment,
  Label,
  Notes,
  ProviderId,
  SecretValue,
  TokenKind,
  TokenMode,
  TokenStatus,
  type CredentialPolicy,
  type ParsedInput,
  type StoreProfile,
  type Token,
} from '../../../contract';
import { buildToken } from '../tokens/build-token';
import type { Catalog } from '../../providers/catalog';
import { validateFields } from '../../providers/fields';
import { policyOf } from '../../providers/provider-module';
import { accountPeers } from '../../rules/slots';
import { checkTokenWrite } from '../../rules/write-rules';
import type { VaultData } from '../../vault/vault-data';
import { type Cells, cellsToValues, IDENTIFIER_COLUMNS, SETTING_COLUMNS, splitList } from './columns';
import { cellProblem, oneOf, shownCells, suggestion } from './import-hints';
import { previewOf, tokenPreview, type ImportPreview, type ImportPreviewRow } from './import-preview';
import { type ImportFormat, parseImport, type RawRow } from './parse-import';

/** One row ready for the transfer feature's importRows: the shapes `addToken` takes, plus the status to save. */
export interface ImportRowInput {
  client: string | null;
  store: Omit<ParsedInput<'createStore'>, 'clientId'>;
  token: Omit<ParsedInput<'createToken'>, 'storeId'> & { status: Token['status'] };
}

/** The plan behind a preview. Holds secret values: it stays in the main process and is never sent anywhere. */
export interface ImportPlan {
  rows: PlannedRow[];
}
export interface PlannedRow {
  row: number;
  line: number | null;
  /** Empty when the row will be imported. */
  reasons: string[];
  /** The id the token will get, fixed at planning so a failed import can take back exactly its secrets. */
  tokenId: string;
  /** The row's cells as read, secret included, for "Download the rejected rows" (which leaves the secret out). */
  cells: Cells;
  input: ImportRowInput | null;
  preview: Omit<ImportPreviewRow, 'row' | 'line' | 'status' | 'reasons'>;
}

/** What an applied import did. */
export interface ImportResult {
  imported: number;
  skippedInvalid: number;
  clientsCreated: number;
  storesCreated: number;
  tokenIds: string[];
}

/** The simulated vault: existing data plus what earlier valid rows of the file add. */
interface World {
  vault: Pick<VaultData, 'stores' | 'tokens'>;
  clients: Map<string, { id: string; name: string; existing: boolean }>;
  stores: Map<string, StoreProfile>;
  storesById: Map<string, StoreProfile>;
  tokensByStore: Map<string, Token[]>;
  fingerprints: Map<string, string>;
  newStoreIds: Set<string>;
}

/**
 * Validates every row against the schema and the catalog's rules, counting earlier rows of the same file
 * (a third active Shippo live token in one store is refused even when all three are in the file).
 */
export function planImport(
  rows: readonly RawRow[],
  vault: Readonly<VaultData>,
  catalog: Catalog,
  now: Date,
): ImportPlan {
  const world: World = {
    vault,
    clients: new Map(
      vault.clients.map((c) => [c.name.toLocaleLowerCase(), { id: c.id, name: c.name, existing: true }]),
    ),
    stores: new Map(vault.stores.map((s) => [storeKey(s.provider, s.label, s.clientId), s])),
    storesById: new Map(vault.stores.map((s) => [s.id, s])),
    tokensByStore: new Map(),
    fingerprints: new Map(),
    newStoreIds: new Set(),
  };
  for (const t of vault.tokens) {
    push(world.tokensByStore, t.storeId, t);
    if (t.secret) world.fingerprints.set(t.secret.fingerprint, t.name);
  }
  return {
    rows: rows.map((raw) => {
      const planned = planRow(raw, world, catalog, now);
      if (planned.reasons.length) planned.preview.cells = shownCells(planned.cells, catalog, now);
      return planned;
    }),
  };
}

function planRow(raw: RawRow, world: World, catalog: Catalog, now: Date): PlannedRow {
  const reasons = [...raw.problems];
  const planned: PlannedRow = {
    row: raw.row,
    line: raw.line,
    reasons,
    tokenId: randomUUID(),
    cells: raw.cells,
    input: null,
    preview: { client: null, store: null, token: null },
  };
  const c = raw.cells;
  const field = <S extends z.ZodType>(column: keyof Cells, schema: S, value: unknown): z.output<S> | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    reasons.push(cellProblem(column, value, parsed.error));
    return undefined;
  };
  const text = (column: keyof Cells): string | undefined => {
    const v = c[column]?.trim();
    return v === '' ? undefined : v;
  };
  const clientName = text('client') === undefined ? null : field('client', Label, text('client'));
  const label = field('store', Label, c.store ?? '');
  const providerText = (c.provider ?? '').trim().toLowerCase();
  const providerId = ProviderId.safeParse(providerText).success ? providerText : undefined;
  const environment =
    text('environment') === undefined ? undefined : field('environment', Environment, text('environment'));
  const name = field('token_name', Label, c.token_name ?? '');
  const kind = text('kind') === undefined ? undefined : field('kind', TokenKind, text('kind'));
  const mode = text('mode') === undefined ? undefined : field('mode', TokenMode, text('mode'));
  const status = text('status') === undefined ? 'active' : field('status', TokenStatus, text('status'));
  const createdAt = text('created') === undefined ? undefined : field('created', DateInput, text('created'));
  const expiresAt = text('expires') === undefined ? undefined : field('expires', DateInput, text('expires'));
  const notes = c.notes ? field('notes', Notes, c.notes) : undefined;
  const secret = text('secret') === undefined ? undefined : field('secret', SecretValue, c.secret);
  const scopes = text('scopes') === undefined ? undefined : splitList(c.scopes ?? '', true);

  const module = providerId ? catalog.find(providerId) : undefined;
  if (providerText === '') reasons.push('provider: empty; every row names its provider.');
  else if (!module) {
    const known = catalog.modules().map((m) => m.descriptor.id);
    const builtin = catalog.modules().filter((m) => m.descriptor.builtin);
    reasons.push(
      `provider: unknown provider.${suggestion(providerText, known)} Built-in providers are ${oneOf(builtin.map((m) => m.descriptor.id))}; a custom one is custom:<its id>, defined in Settings first.`,
    );
  }
  if (!module || label === undefined || name === undefined || status === undefined || reasons.length) return planned;

  const provider = module.descriptor;
  const credential = kind ? provider.credentials.find((k) => k.kind === kind) : provider.credentials[0];
  if (!credential) {
    reasons.push(`kind: ${provider.name} takes ${oneOf(provider.credentials.map((k) => k.kind))}.`);
    return planned;
  }

  // Client and store: reused by name (client) and by provider + label + client (store), as addToken does.
  const clientHit = clientName ? world.clients.get(clientName.toLocaleLowerCase()) : undefined;
  const client = clientName ? (clientHit ?? { id: randomUUID(), name: clientName, existing: false }) : null;
  planned.preview.client = client ? { name: client.name, action: client.existing ? 'existing' : 'new' } : null;
  const identifiers = cellsToValues(
    c,
    IDENTIFIER_COLUMNS,
    provider.storeFields,
    'store identifier',
    provider.name,
    reasons,
  );
  const existingStore = world.stores.get(storeKey(provider.id, label, client?.id ?? null));
  const storeIsNew = !existingStore || world.newStoreIds.has(existingStore.id);
  if (existingStore) {
    for (const [key, value] of Object.entries(identifiers)) {
      if (
        existingStore.identifiers[key] !== undefined &&
        JSON.stringify(existingStore.identifiers[key]) !== JSON.stringify(value)
      ) {
        reasons.push(
          `Store "${label}" already has ${key} = ${String(existingStore.identifiers[key])}; this row says ${String(value)}.`,
        );
      }
    }
  } else {
    for (const message of Object.values(validateFields(provider.storeFields, identifiers, '')))
      reasons.push(`Store: ${message}.`);
  }
  const store: StoreProfile = existingStore ?? {
    id: randomUUID(),
    clientId: client?.id ?? null,
    provider: provider.id,
    label,
    identifiers,
    environment: environment ?? 'production',
    notes: '',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  planned.preview.store = {
    label: store.label,
    provider: provider.id,
    providerName: provider.name,
    identifiers: store.identifiers,
    action: storeIsNew ? 'new' : 'existing',
  };

  const settings = cellsToValues(
    c,
    SETTING_COLUMNS,
    credential.fields,
    'setting',
    `${provider.name} ${credential.label}`,
    reasons,
  );
  // The token exactly as the import will save it (the one token builder), for the preview and the rules.
  const built = buildToken({
    id: planned.tokenId,
    store,
    catalog,
    now,
    input: { name, kind: credential.kind, status, settings, mode, scopes, createdAt, expiresAt, notes, secret },
  });
  if (built.problems.secret) reasons.push(`secret: ${built.problems.secret}`);
  const token = built.token;
  planned.preview.token = tokenPreview(token);
  if (reasons.length) return planned;

  for (const message of Object.values(built.problems.fields ?? {})) reasons.push(`${message}.`);
  const siblings = world.tokensByStore.get(store.id) ?? [];
  if (siblings.some((t) => t.name.toLocaleLowerCase() === name.toLocaleLowerCase()))
    reasons.push(`Store "${store.label}" already has a token named "${name}".`);
  const policy = policyOf(module, credential.kind);
  const problem = checkTokenWrite(narrowVault(world, store, policy), token, catalog);
  if (problem) reasons.push(problem.message);
  const duplicateOf = token.secret ? world.fingerprints.get(token.secret.fingerprint) : undefined;
  if (duplicateOf !== undefined) reasons.push(`The same secret is already stored as token "${duplicateOf}".`);
  if (reasons.length) return planned;

  // The row is valid: later rows see its client, store and token.
  if (client && !clientHit) world.clients.set(client.name.toLocaleLowerCase(), client);
  if (!existingStore) {
    world.stores.set(storeKey(store.provider, store.label, store.clientId), store);
    world.storesById.set(store.id, store);
    world.newStoreIds.add(store.id);
  }
  push(world.tokensByStore, store.id, token);
  if (token.secret) world.fingerprints.set(token.secret.fingerprint, token.name);
  planned.input = {
    client: client?.name ?? null,
    store: { provider: provider.id, label, identifiers, ...(environment ? { environment } : {}) },
    token: {
      name,
      kind: credential.kind,
      status,
      settings,
      ...(mode !== undefined ? { mode } : {}),
      ...(scopes !== undefined ? { scopes } : {}),
      ...(createdAt !== undefined ? { createdAt } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(notes !== undefined ? { notes } : {}),
      ...(secret !== undefined ? { secret } : {}),
    },
  };
  return planned;
}

/** Only the stores and tokens a write rule can look at for this store (its site, or its provider's accounts). */
function narrowVault(
  world: World,
  store: StoreProfile,
  policy: CredentialPolicy,
): Pick<VaultData, 'stores' | 'tokens'> {
  const siteKey = policy.uniqueNamePerIdentifier;
  const site = siteKey ? store.identifiers[siteKey] : undefined;
  // Slots counted per provider account can span store profiles: the stores of the same account.
  const stores = policy.slotAccount
    ? accountPeers(world.storesById.values(), store, policy, (id) => world.tokensByStore.get(id) ?? [])
    : typeof site === 'string' && site !== ''
      ? [...world.storesById.values()].filter(
          (s) =>
            s.provider === store.provider && String(s.identifiers[siteKey!] ?? '').toLowerCase() === site.toLowerCase(),
        )
      : [store];
  if (!stores.includes(store)) stores.push(store);
  return { stores, tokens: stores.flatMap((s) => world.tokensByStore.get(s.id) ?? []) };
}

const storeKey = (provider: string, label: string, clientId: string | null): string =>
  `${provider}\u0000${label}\u0000${clientId ?? ''}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Reads and plans a CSV or JSON file. The plan holds secrets: keep it in main, send only `previewOf(plan)`. */
export function planImportText(
  text: string,
  format: ImportFormat,
  vault: Readonly<VaultData>,
  catalog: Catalog,
  now: Date,
): ImportPlan {
  return planImport(parseImport(text, format), vault, catalog, now);
}

/** What an import would do, row by row; writes nothing and holds no secret value. */
export function previewImport(
  text: string,
  format: ImportFormat,
  vault: Readonly<VaultData>,
  catalog: Catalog,
  now: Date,
): ImportPreview {
  return previewOf(planImportText(text, format, vault, catalog, now));
}
