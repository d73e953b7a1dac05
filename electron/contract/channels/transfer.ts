// Import, export, reports and encrypted backups.
import { z } from 'zod';
import { Id } from '../primitives';
import { BackupSummary, ImportPreview, ImportResult, RestoreResult, SavedFile } from '../transfer';
import { type ChannelSpec } from './shared';

export const transferChannels = {
  /** Main opens the file dialog, reads the file and keeps the plan (it holds secrets); the preview is masked. */
  importPreview: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ format: z.enum(['csv', 'json']) }).strict(),
    output: z.union([
      z.object({ cancelled: z.literal(true) }),
      z.object({ cancelled: z.literal(false), planId: Id, fileName: z.string().max(300), preview: ImportPreview }),
    ]),
  },
  /** Applies a previewed import in one change; allOrNothing refuses the file if any row is invalid. */
  importApply: {
    access: 'write',
    input: z.object({ planId: Id, allOrNothing: z.boolean() }).strict(),
    output: ImportResult,
  },
  /** Saves a previewed import's refused rows as CSV to fix and import again; secrets are left out. */
  importRejectedRows: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ planId: Id }).strict(),
    output: SavedFile.extend({ rows: z.number().int().nonnegative() }),
  },
  /** Metadata and last checks as CSV or JSON (no secrets), for everything or one client (null: stores without one). */
  exportInventory: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ format: z.enum(['csv', 'json']), clientId: Id.nullable().optional() }).strict(),
    output: SavedFile,
  },
  /** The audit log as CSV (no secrets), filtered as in the view: by subject id and action prefix. */
  exportAuditLog: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ subjectId: z.string().max(64).optional(), actionPrefix: z.string().max(60).optional() }).strict(),
    output: SavedFile.extend({ rows: z.number().int().nonnegative() }),
  },
  /** A status report for one client (null: stores without a client), as printable HTML or PDF; no secrets. */
  clientReport: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ clientId: Id.nullable(), format: z.enum(['html', 'pdf']).optional() }).strict(),
    output: SavedFile,
  },
  /** One file with metadata and secrets, encrypted with the passphrase (scrypt + AES-256-GCM). */
  backupCreate: {
    access: 'act',
    input: z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
    output: SavedFile.extend({ summary: BackupSummary.nullable() }),
  },
  backupRestore: {
    access: 'write',
    input: z.object({ passphrase: z.string().min(1).max(1024), mode: z.enum(['merge', 'replace']) }).strict(),
    output: z.union([z.object({ cancelled: z.literal(true) }), RestoreResult.extend({ cancelled: z.literal(false) })]),
  },
} as const satisfies Record<string, ChannelSpec>;
