import type { Client, ClientView } from '../../../contract';
import type { Database } from '../../db/sqlite';
import { AppError } from '../../errors';
import { storeEntries } from '../stores/queries';
import type { ProviderName } from '../tokens/queries';

/** One client and its stores with token counts. */
export function clientView(db: Database, id: string, providerName: ProviderName): ClientView {
  const row = db.prepare('SELECT doc FROM clients WHERE id = ?').get<{ doc: string }>(id);
  if (!row) throw new AppError('not_found', 'No client with this id: it may have been deleted.');
  return { client: JSON.parse(row.doc) as Client, stores: storeEntries(db, providerName, id) };
}

/** Names for the given client ids, in the order asked. */
export function clientNames(db: Database, ids: readonly string[]): { id: string; name: string }[] {
  if (ids.length === 0) return [];
  return db
    .prepare('SELECT c.id AS id, c.name AS name FROM json_each(?) j JOIN clients c ON c.id = j.value ORDER BY j.key')
    .all<{ id: string; name: string }>(JSON.stringify(ids));
}
