import { AppError } from '../errors';
import { CURRENT_SCHEMA_VERSION } from './vault-data';

type Raw = Record<string, unknown>;
/** migrations[n] turns a version-n document into version n+1. */
const migrations: Record<number, (doc: Raw) => Raw> = {
  // Version 0: the pre-release layout had no schemaVersion, no revision and no custom providers.
  0: (doc) => ({
    ...doc,
    schemaVersion: 1,
    revision: typeof doc.revision === 'number' ? doc.revision : 0,
    customProviders: Array.isArray(doc.customProviders) ? doc.customProviders : [],
    settings: typeof doc.settings === 'object' && doc.settings !== null ? doc.settings : {},
    updatedAt: typeof doc.updatedAt === 'string' ? doc.updatedAt : new Date(0).toISOString(),
  }),
};

/** Brings a parsed vault document up to the current schema version; newer versions are refused untouched. */
export function migrate(doc: Raw): { doc: Raw; migratedFrom: number | null } {
  const start = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (!Number.isInteger(start) || start < 0)
    throw new AppError('vault_unavailable', 'The vault file has an invalid schema version.');
  if (start > CURRENT_SCHEMA_VERSION) {
    throw new AppError(
      'vault_unavailable',
      `The vault was written by a newer Keyward (schema ${start}; this version reads up to ${CURRENT_SCHEMA_VERSION}). Update Keyward; the file was left untouched.`,
    );
  }
  let current = doc;
  for (let v = start; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new AppError('vault_unavailable', `No migration from vault schema ${v}.`);
    current = step(current);
  }
  return { doc: current, migratedFrom: start === CURRENT_SCHEMA_VERSION ? null : start };
}
