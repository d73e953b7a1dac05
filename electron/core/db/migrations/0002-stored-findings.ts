// Findings stored per token, and what the inventory filters, searches and sorts on, kept by the transaction that
// changes the vault (electron/core/features/findings). Derived from the vault tables: rebuilt whenever
// derived_state's revision is not meta's (a database written without them, e.g. imported or written by a test).
export default /* sql */ `
CREATE TABLE findings (
  seq INTEGER PRIMARY KEY,
  -- Whose findings these are, replaced together: 't:<token id>', 's:<store id>', 'keychain' or 'catalog'.
  owner TEXT NOT NULL,
  token_id TEXT,
  store_id TEXT,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  doc TEXT NOT NULL
) STRICT;
CREATE INDEX findings_by_owner ON findings (owner);
CREATE INDEX findings_by_token ON findings (token_id) WHERE token_id IS NOT NULL;
CREATE INDEX findings_by_store ON findings (store_id) WHERE store_id IS NOT NULL;
CREATE INDEX findings_by_severity ON findings (severity);

-- One row per token: the inventory's filter and sort keys, its search text and its findings' worst and count.
CREATE TABLE inventory_rows (
  token_id TEXT PRIMARY KEY,
  -- The token's place in the name order (Intl.Collator over name, then id); new names get a rank between neighbours.
  name_rank REAL NOT NULL,
  -- Lowercase name, store, client, provider name, masked fingerprint and its tail, one per line.
  search TEXT NOT NULL,
  provider TEXT NOT NULL,
  client_id TEXT,
  -- The secret's fingerprint: the tokens an edit's duplicate findings involve.
  fingerprint TEXT,
  status TEXT NOT NULL,
  mode TEXT,
  expiry_key TEXT NOT NULL,
  checked_key TEXT NOT NULL,
  created_key TEXT NOT NULL,
  -- 0 critical, 1 warning, 2 info; NULL without findings.
  worst INTEGER,
  finding_count INTEGER NOT NULL,
  -- The span (Unix ms) over which the token's time-dependent findings stay as stored.
  valid_from REAL,
  valid_until REAL
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX inventory_by_name ON inventory_rows (name_rank);
CREATE INDEX inventory_by_expiry ON inventory_rows (expiry_key, name_rank);
CREATE INDEX inventory_by_checked ON inventory_rows (checked_key, name_rank);
CREATE INDEX inventory_by_created ON inventory_rows (created_key, name_rank);
CREATE INDEX inventory_by_provider ON inventory_rows (provider);
CREATE INDEX inventory_by_until ON inventory_rows (valid_until);
CREATE INDEX inventory_by_fingerprint ON inventory_rows (fingerprint) WHERE fingerprint IS NOT NULL;

CREATE TABLE derived_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
