/**
 * What a vault change touched (vaultChanged names them), and for each read channel the topics its answer depends on:
 * the window asks a read again when a change names one of them. Plain data without zod, so the renderer can import it.
 */
export const VAULT_TOPICS = [
  'clients',
  'stores',
  'tokens',
  'checks',
  'providers',
  'settings',
  'expiry',
  'audit',
  'keychain',
] as const;
type Topic = (typeof VAULT_TOPICS)[number];
const ALL_TOPICS = VAULT_TOPICS;

export const READ_TOPICS = {
  getAppInfo: [],
  getVaultStatus: ['keychain', 'tokens'],
  getNavigation: ['clients', 'stores', 'tokens', 'providers'],
  getToken: ['tokens', 'stores', 'clients', 'checks', 'providers'],
  getRotationPlan: ['tokens', 'stores', 'checks', 'providers'],
  getStore: ['stores', 'clients', 'tokens', 'checks'],
  getClient: ['clients', 'stores', 'tokens', 'providers'],
  getNames: ['tokens', 'stores', 'clients', 'providers'],
  getDashboard: ['tokens', 'stores', 'checks', 'providers'],
  queryInventory: ALL_TOPICS,
  listProviders: ['providers'],
  getFindings: ALL_TOPICS,
  getFindingCounts: ALL_TOPICS,
  getFindingGroups: ALL_TOPICS,
  planCheck: ['tokens', 'stores', 'providers'],
  expiryOverview: ['tokens', 'stores', 'clients', 'settings', 'expiry'],
  expiryAttentionCount: ['tokens', 'stores', 'settings', 'expiry'],
  getExpirySettings: ['settings'],
  getAuditLog: ['audit'],
  getSupportMode: ['settings'],
  getUiSettings: ['settings'],
  readIfChanged: ALL_TOPICS,
} as const satisfies Record<string, readonly Topic[]>;
export type ReadChannelName = keyof typeof READ_TOPICS;

const TOKENS = ['tokens', 'keychain', 'audit', 'expiry'] as const;
/**
 * For each write channel, the topics it may change: writeThenRead's caller brings back the on-screen reads that
 * depend on one of them, and treats the others as still current at the write's revision.
 */
export const WRITE_TOPICS = {
  deactivateTokens: TOKENS,
  createClient: ['clients', 'audit'],
  updateClient: ['clients', 'audit', 'expiry'],
  deleteClient: ['clients', 'audit'],
  createStore: ['stores', 'audit'],
  updateStore: ['stores', 'audit', 'expiry'],
  deleteStore: ['stores', ...TOKENS],
  createToken: TOKENS,
  updateToken: ['stores', ...TOKENS],
  setTokenSecret: TOKENS,
  addToken: ['clients', 'stores', ...TOKENS],
  deleteToken: TOKENS,
  saveCustomProvider: ['providers', 'audit'],
  deleteCustomProvider: ['providers', 'audit'],
  checkTokens: ['checks', 'tokens', 'audit', 'expiry'],
  snoozeExpiryWarning: ['expiry'],
  acknowledgeExpiryWarning: ['expiry'],
  wakeExpiryWarning: ['expiry'],
  updateExpirySettings: ['settings', 'expiry', 'audit'],
  rotateToken: ['checks', ...TOKENS],
  setSupportMode: ['settings', 'audit'],
  importApply: ['clients', 'stores', ...TOKENS],
  backupRestore: ALL_TOPICS,
  writeThenRead: ALL_TOPICS,
  updateUiSettings: ['settings', 'audit'],
} as const satisfies Record<string, readonly Topic[]>;
export type WriteChannelName = keyof typeof WRITE_TOPICS;

/** Most reads one writeThenRead answers: more than any screen shows at once. */
export const WRITE_THEN_READ_MAX = 24;
/** Most ids one getNames asks about. */
export const MAX_NAMES = 5_000;
