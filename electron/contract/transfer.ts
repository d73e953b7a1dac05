import { z } from 'zod';
import { ExpirySource, TokenKind, TokenMode, TokenStatus } from './model';
import { FieldValue, Id } from './primitives';

const Count = z.number().int().nonnegative();

/** A token as an import will save it: the masked form at most, never the value. */
export const TokenPreview = z.object({
  name: z.string().max(200),
  kind: TokenKind,
  mode: TokenMode.nullable(),
  scopes: z.array(z.string().max(80)).max(128),
  settings: z.record(z.string().max(40), FieldValue),
  status: TokenStatus,
  createdAt: z.string().max(40).nullable(),
  expiresAt: z.string().max(40).nullable(),
  expirySource: ExpirySource,
  secret: z.object({ masked: z.string().max(64), formatProblem: z.string().max(400).nullable() }).nullable(),
});

export const ImportPreviewRow = z.object({
  row: Count,
  line: Count.nullable(),
  status: z.enum(['ok', 'invalid']),
  reasons: z.array(z.string().max(600)).max(20),
  client: z.object({ name: z.string().max(200), action: z.enum(['new', 'existing']) }).nullable(),
  store: z
    .object({
      label: z.string().max(200),
      provider: z.string().max(48),
      providerName: z.string().max(80),
      identifiers: z.record(z.string().max(40), FieldValue),
      action: z.enum(['new', 'existing']),
    })
    .nullable(),
  token: TokenPreview.nullable(),
  /** An invalid row's cells as read (secrets and token-like cells masked), so the user sees what to fix. */
  cells: z.record(z.string().max(40), z.string().max(240)).optional(),
});

export const ImportPreview = z.object({
  rows: z.array(ImportPreviewRow).max(20_000),
  counts: z.object({ rows: Count, ok: Count, invalid: Count, newClients: Count, newStores: Count, withSecret: Count }),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  imported: Count,
  skippedInvalid: Count,
  clientsCreated: Count,
  storesCreated: Count,
  tokenIds: z.array(Id).max(20_000),
});

export const BackupSummary = z.object({
  clients: Count,
  stores: Count,
  tokens: Count,
  secrets: Count,
  secretsMissing: Count,
});

export const RestoreResult = z.object({
  mode: z.enum(['merge', 'replace']),
  clientsAdded: Count,
  storesAdded: Count,
  tokensAdded: Count,
  secretsRestored: Count,
  secretsMissing: Count,
  skipped: z
    .array(
      z.object({
        tokenId: z.string().max(64),
        name: z.string().max(200),
        store: z.string().max(200),
        reason: z.enum(['same token id', 'same secret', 'same name in the store']),
      }),
    )
    .max(100_000),
  removedSecrets: Count,
  removeFailures: Count,
});

/** Where a file went, or that the user cancelled the dialog. */
export const SavedFile = z.object({ saved: z.boolean(), path: z.string().max(4096) });
