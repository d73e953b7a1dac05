// The first schema. Each entity keeps its whole record as JSON in `doc` (what the app reads back) and copies
// into columns only what SQL filters, sorts or joins on; rowFor* in vault-rows.ts fills both from one object.
export default /* sql */ `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  pos INTEGER NOT NULL,
  name TEXT NOT NULL,
  doc TEXT NOT NULL
) STRICT;

CREATE TABLE stores (
  id TEXT PRIMARY KEY,
  pos INTEGER NOT NULL,
  client_id TEXT REFERENCES clients (id),
  provider TEXT NOT NULL,
  label TEXT NOT NULL,
  doc TEXT NOT NULL
) STRICT;
CREATE INDEX stores_by_client ON stores (client_id);

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  pos INTEGER NOT NULL,
  store_id TEXT NOT NULL REFERENCES stores (id),
  name TEXT NOT NULL,
  mode TEXT,
  status TEXT NOT NULL,
  expires_at TEXT,
  -- expires_at as Unix milliseconds: ISO texts with different offsets do not sort as text.
  expires_ms INTEGER,
  expiry_source TEXT NOT NULL,
  masked TEXT,
  last_outcome TEXT,
  doc TEXT NOT NULL
) STRICT;
CREATE INDEX tokens_by_pos ON tokens (pos);
CREATE INDEX tokens_by_store ON tokens (store_id);
CREATE INDEX tokens_by_expiry ON tokens (status, expires_ms);

-- A token's check history, newest first (seq 0), at most CHECK_HISTORY_LIMIT rows.
CREATE TABLE check_results (
  token_id TEXT NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  checked_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (token_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE custom_providers (
  id TEXT PRIMARY KEY,
  pos INTEGER NOT NULL,
  doc TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Sent, snoozed and acknowledged expiry warnings, keyed by token and expiry instant (<tokenId>@<expiresAt>).
CREATE TABLE expiry_warnings (
  key TEXT PRIMARY KEY,
  doc TEXT NOT NULL
) STRICT;

-- Append-only: nothing in Keyward updates or deletes a row.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX audit_by_subject ON audit_log (subject_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
