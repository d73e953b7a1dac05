// The names of Keyward's files in its data folder: the database, and the JSON files it imports once.

export const DATABASE_FILE = 'keyward.db';
export const VAULT_FILE = 'vault.json';
export const BACKUP_FILE = 'vault.previous.json';
export const AUDIT_FILE = 'audit.jsonl';
export const NOTIFICATIONS_FILE = 'notifications.json';
/** What a JSON file becomes once the database holds its content: kept, read-only, never read again. */
export const MIGRATED_SUFFIX = '.migrated';
