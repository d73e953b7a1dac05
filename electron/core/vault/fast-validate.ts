import {
  CheckResult,
  Client,
  ExpirySource,
  Id,
  IsoDateTime,
  SecretFacts,
  StoreProfile,
  Token,
  TokenKind,
  TokenMode,
  TokenStatus,
  TokenSummary,
  Environment,
  CheckOutcome,
} from '../../contract';
import { FieldKey, ProviderId } from '../../contract/primitives';

// A fast path for validating the vault's clients, stores and tokens (zod costs ~15 µs per token; a 10,000-token
// vault ~200 ms). Each check below answers "yes" only for a value that zod's schema accepts AND returns
// unchanged (the same keys in the schema's order, nothing to strip or trim): then the value itself is the
// parse result. For anything else (a value zod would refuse, trim or strip, or that these checks do not know)
// it answers "no" and the caller runs zod, so what is accepted or refused, and every error message, stays
// zod's. tests/unit/vault/fast-validate.test.ts holds the checks to that.

type Obj = Record<string, unknown>;

/** The patterns zod itself uses for these formats, taken from the schemas so they cannot drift. */
const patternOf = (schema: unknown): RegExp => {
  const pattern = (schema as { _zod?: { def?: { pattern?: unknown } } })._zod?.def?.pattern;
  if (!(pattern instanceof RegExp)) throw new Error('fast-validate: schema without a pattern');
  return new RegExp(pattern.source, pattern.flags.replace('g', ''));
};
const checkPatternOf = (schema: unknown): RegExp => {
  const checks =
    (schema as { _zod?: { def?: { checks?: { _zod?: { def?: { pattern?: unknown } } }[] } } })._zod?.def?.checks ?? [];
  const pattern = checks.map((c) => c._zod?.def?.pattern).find((p) => p instanceof RegExp);
  if (!(pattern instanceof RegExp)) throw new Error('fast-validate: schema without a pattern check');
  return new RegExp(pattern.source, pattern.flags.replace('g', ''));
};

const UUID = patternOf(Id);
const ISO = patternOf(IsoDateTime);
const FIELD_KEY = checkPatternOf(FieldKey);
const PROVIDER_ID = checkPatternOf(ProviderId);
const FINGERPRINT = checkPatternOf(SecretFacts.shape.fingerprint);

const set = (options: readonly string[]): ReadonlySet<unknown> => new Set(options);
const KINDS = set(TokenKind.options);
const MODES = set(TokenMode.options);
const STATUSES = set(TokenStatus.options);
const EXPIRY_SOURCES = set(ExpirySource.options);
const ENVIRONMENTS = set(Environment.options);
const OUTCOMES = set(CheckOutcome.options);

const isObject = (v: unknown): v is Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};
const isArray = (v: unknown): v is unknown[] => Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype;
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const uuid = (v: unknown): boolean => typeof v === 'string' && UUID.test(v);
const iso = (v: unknown): boolean => typeof v === 'string' && ISO.test(v);
/** Label: trimmed already (zod would trim), 1 to 120 characters. */
const label = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= 120 && v.trim() === v;
const notes = (v: unknown): boolean => str(v, 2000);
const int = (v: unknown, min: number, max: number): boolean =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

/**
 * The object's own keys are `keys` in that order, with only the `optional` ones allowed to be missing: what
 * zod's object output would have (it writes keys in the schema's order and drops unknown ones).
 */
function exactKeys(o: Obj, keys: readonly string[], optional?: ReadonlySet<string>): boolean {
  // for...in instead of Object.keys (no array per object). It also lists inherited enumerable keys, which
  // then count as unknown keys: a "no", as it must be.
  const n = keys.length;
  let j = 0;
  for (const key in o) {
    while (j < n && keys[j] !== key) {
      if (!optional?.has(keys[j]!)) return false;
      j++;
    }
    if (j === n) return false; // Unknown, repeated or out of order.
    // An own key whose value is undefined is kept by neither JSON nor these checks' callers; refuse to be safe.
    if (o[key] === undefined) return false;
    j++;
  }
  for (; j < n; j++) if (!optional?.has(keys[j]!)) return false;
  return true;
}

/** FieldValues: a record of FieldKey -> string | finite number | boolean | string[] (at most 40 keys). */
function fieldValues(v: unknown): boolean {
  if (!isObject(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const keys = Object.keys(v);
  if (keys.length > 40) return false;
  for (const key of keys) {
    if (!FIELD_KEY.test(key)) return false;
    const value = v[key];
    if (typeof value === 'string') {
      if (value.length > 4000) return false;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return false;
    } else if (typeof value !== 'boolean') {
      if (!isArray(value) || value.length > 256) return false;
      for (let i = 0; i < value.length; i++) if (!(i in value) || !str(value[i], 200)) return false;
    }
  }
  return true;
}

const CLIENT_KEYS = ['id', 'name', 'notes', 'createdAt', 'updatedAt'] as const;
const STORE_KEYS = [
  'id',
  'clientId',
  'provider',
  'label',
  'identifiers',
  'environment',
  'notes',
  'createdAt',
  'updatedAt',
] as const;
const TOKEN_KEYS = [
  'id',
  'storeId',
  'name',
  'kind',
  'mode',
  'scopes',
  'settings',
  'status',
  'createdAt',
  'expiresAt',
  'expirySource',
  'secret',
  'lastCheck',
  'checkHistory',
  'rotatedFrom',
  'rotatedTo',
  'notes',
  'addedAt',
  'updatedAt',
] as const;
const SECRET_KEYS = ['fingerprint', 'masked', 'setAt', 'formatProblem', 'account'] as const;
const SECRET_OPTIONAL = new Set(['formatProblem', 'account']);
const CHECK_KEYS = ['outcome', 'httpStatus', 'detail', 'retryAfterMs', 'context', 'checkedAt'] as const;
const CHECK_OPTIONAL = new Set(['httpStatus', 'retryAfterMs', 'context']);

/** Whether these checks still describe the schemas (same keys): when not, every value goes to zod. */
const sameKeys = (schema: { shape: object }, keys: readonly string[]): boolean => {
  const shapeKeys = Object.keys(schema.shape);
  return shapeKeys.length === keys.length && shapeKeys.every((k, i) => k === keys[i]);
};
const SUMMARY_KEYS = TOKEN_KEYS.filter((k) => k !== 'checkHistory');
export const FAST_PATH_ENABLED =
  sameKeys(Client, CLIENT_KEYS) &&
  sameKeys(StoreProfile, STORE_KEYS) &&
  sameKeys(Token, TOKEN_KEYS) &&
  sameKeys(TokenSummary, SUMMARY_KEYS) &&
  sameKeys(SecretFacts, SECRET_KEYS) &&
  sameKeys(CheckResult, CHECK_KEYS);

export function isCanonicalClient(v: unknown): boolean {
  return (
    isObject(v) &&
    exactKeys(v, CLIENT_KEYS) &&
    uuid(v.id) &&
    label(v.name) &&
    notes(v.notes) &&
    iso(v.createdAt) &&
    iso(v.updatedAt)
  );
}

export function isCanonicalStore(v: unknown): boolean {
  return (
    isObject(v) &&
    exactKeys(v, STORE_KEYS) &&
    uuid(v.id) &&
    (v.clientId === null || uuid(v.clientId)) &&
    typeof v.provider === 'string' &&
    v.provider.length <= 48 &&
    PROVIDER_ID.test(v.provider) &&
    label(v.label) &&
    fieldValues(v.identifiers) &&
    ENVIRONMENTS.has(v.environment) &&
    notes(v.notes) &&
    iso(v.createdAt) &&
    iso(v.updatedAt)
  );
}

function isCanonicalSecret(v: unknown): boolean {
  if (v === null) return true;
  if (!isObject(v) || !exactKeys(v, SECRET_KEYS, SECRET_OPTIONAL)) return false;
  if (typeof v.fingerprint !== 'string' || !FINGERPRINT.test(v.fingerprint) || !str(v.masked, 64) || !iso(v.setAt))
    return false;
  if ('account' in v && !(typeof v.account === 'string' && v.account.length >= 1 && v.account.length <= 200))
    return false;
  return !('formatProblem' in v) || v.formatProblem === null || str(v.formatProblem, 400);
}

function isCanonicalCheck(v: unknown): boolean {
  if (!isObject(v) || !exactKeys(v, CHECK_KEYS, CHECK_OPTIONAL)) return false;
  if (!OUTCOMES.has(v.outcome) || !str(v.detail, 500) || !iso(v.checkedAt)) return false;
  if ('httpStatus' in v && !int(v.httpStatus, 100, 599)) return false;
  if ('retryAfterMs' in v && !int(v.retryAfterMs, 0, Number.MAX_SAFE_INTEGER)) return false;
  if ('context' in v) {
    const context = v.context;
    if (!isObject(context) || Object.getPrototypeOf(context) !== Object.prototype) return false;
    for (const key of Object.keys(context)) {
      // An own "__proto__" key (JSON.parse makes one) does not survive zod's copy of a record: leave it to zod.
      if (key.length > 40 || key === '__proto__') return false;
      const value = context[key];
      if (
        typeof value === 'string'
          ? value.length > 500
          : typeof value === 'number'
            ? !Number.isFinite(value)
            : typeof value !== 'boolean'
      )
        return false;
    }
  }
  return true;
}

export function isCanonicalToken(v: unknown): boolean {
  if (!isObject(v) || !exactKeys(v, TOKEN_KEYS) || !tokenFields(v)) return false;
  const history = v.checkHistory;
  if (!isArray(history) || history.length > 20) return false;
  for (let i = 0; i < history.length; i++) if (!(i in history) || !isCanonicalCheck(history[i])) return false;
  return true;
}

/**
 * TokenSummary's parse result for `v` when it is plain to see: `v` itself when it is a summary in exact form,
 * or `v` without its check history when it is otherwise a token in exact form (TokenSummary drops the history
 * as an unknown key, whatever it holds); else undefined.
 */
export function canonicalTokenSummary(v: unknown): unknown {
  if (!isObject(v)) return undefined;
  if (exactKeys(v, SUMMARY_KEYS)) return tokenFields(v) ? v : undefined;
  if (!exactKeys(v, TOKEN_KEYS) || !tokenFields(v)) return undefined;
  // The summary's keys, in the schema's order (SUMMARY_KEYS; FAST_PATH_ENABLED checks that order against TokenSummary).
  return {
    id: v.id,
    storeId: v.storeId,
    name: v.name,
    kind: v.kind,
    mode: v.mode,
    scopes: v.scopes,
    settings: v.settings,
    status: v.status,
    createdAt: v.createdAt,
    expiresAt: v.expiresAt,
    expirySource: v.expirySource,
    secret: v.secret,
    lastCheck: v.lastCheck,
    rotatedFrom: v.rotatedFrom,
    rotatedTo: v.rotatedTo,
    notes: v.notes,
    addedAt: v.addedAt,
    updatedAt: v.updatedAt,
  };
}

/** Every field of a token but its check history. */
function tokenFields(v: Obj): boolean {
  if (
    !uuid(v.id) ||
    !uuid(v.storeId) ||
    !label(v.name) ||
    !KINDS.has(v.kind) ||
    !(v.mode === null || MODES.has(v.mode))
  )
    return false;
  const scopes = v.scopes;
  if (!isArray(scopes) || scopes.length > 128) return false;
  for (let i = 0; i < scopes.length; i++) if (!(i in scopes) || !str(scopes[i], 80)) return false;
  if (!fieldValues(v.settings) || !STATUSES.has(v.status)) return false;
  if (
    !(v.createdAt === null || iso(v.createdAt)) ||
    !(v.expiresAt === null || iso(v.expiresAt)) ||
    !EXPIRY_SOURCES.has(v.expirySource)
  )
    return false;
  if (!isCanonicalSecret(v.secret) || !(v.lastCheck === null || isCanonicalCheck(v.lastCheck))) return false;
  return (
    (v.rotatedFrom === null || uuid(v.rotatedFrom)) &&
    (v.rotatedTo === null || uuid(v.rotatedTo)) &&
    notes(v.notes) &&
    iso(v.addedAt) &&
    iso(v.updatedAt)
  );
}

type SafeParser<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown } };
export interface CanonicalList {
  key: string;
  /** The element schema the container's list holds (checked: the fast path is used only when it is that very schema). */
  schema: SafeParser<unknown>;
  /** The element's parse result when it is plain to see, else undefined (then the element goes through `schema`). */
  canonical: (value: unknown) => unknown;
}
const asIs =
  (check: (v: unknown) => boolean) =>
  (v: unknown): unknown =>
    check(v) ? v : undefined;
/** The vault file's three lists (VaultData). */
export const VAULT_LISTS: readonly CanonicalList[] = [
  { key: 'clients', schema: Client, canonical: asIs(isCanonicalClient) },
  { key: 'stores', schema: StoreProfile, canonical: asIs(isCanonicalStore) },
  { key: 'tokens', schema: Token, canonical: asIs(isCanonicalToken) },
];
/** A vault snapshot's three lists (VaultSnapshot: tokens as summaries, without check history). */
export const SNAPSHOT_LISTS: readonly CanonicalList[] = [
  { key: 'clients', schema: Client, canonical: asIs(isCanonicalClient) },
  { key: 'stores', schema: StoreProfile, canonical: asIs(isCanonicalStore) },
  { key: 'tokens', schema: TokenSummary, canonical: canonicalTokenSummary },
];

/** Whether `schema` is an object schema holding each list as an unbounded z.array of exactly the list's element schema. */
const listsFit = new WeakMap<object, WeakMap<readonly CanonicalList[], boolean>>();
function fits(schema: object, lists: readonly CanonicalList[]): boolean {
  let byLists = listsFit.get(schema);
  if (!byLists) listsFit.set(schema, (byLists = new WeakMap()));
  let answer = byLists.get(lists);
  if (answer === undefined) {
    const shape = (
      schema as {
        shape?: Record<string, { _zod?: { def?: { type?: string; element?: unknown; checks?: unknown[] } } }>;
      }
    ).shape;
    answer =
      !!shape &&
      lists.every((l) => {
        const def = shape[l.key]?._zod?.def;
        return def?.type === 'array' && def.element === l.schema && (def.checks?.length ?? 0) === 0;
      });
    byLists.set(lists, answer);
  }
  return answer;
}

/**
 * `schema.safeParse(value)`, faster when `value` holds long lists of clients, stores or tokens: the rest goes
 * through `schema` (with the lists empty), each element whose result is plain to see (`canonical`) is taken
 * as that and any other element goes through its own schema. On any refusal the whole value goes through
 * `schema`, so every refusal, and its message, is the schema's own. Used only when `schema` holds each list
 * as an unbounded z.array of exactly the list's element schema; otherwise it is plain `schema.safeParse`.
 */
export function safeParseWithLists<T>(
  schema: SafeParser<T>,
  value: unknown,
  lists: readonly CanonicalList[],
): ReturnType<SafeParser<T>['safeParse']> {
  if (
    FAST_PATH_ENABLED &&
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    fits(schema, lists)
  ) {
    const input = value as Obj;
    if (lists.every((l) => Array.isArray(input[l.key]))) {
      const emptied: Obj = { ...input };
      for (const l of lists) emptied[l.key] = [];
      const shell = schema.safeParse(emptied);
      if (shell.success) {
        const data = { ...(shell.data as Obj) };
        let ok = true;
        for (const l of lists) {
          const items = input[l.key] as unknown[];
          const out: unknown[] = new Array(items.length);
          for (let i = 0; i < items.length && ok; i++) {
            const item = items[i];
            const plain = l.canonical(item);
            if (plain !== undefined) out[i] = plain;
            else {
              const parsed = l.schema.safeParse(item);
              if (parsed.success) out[i] = parsed.data;
              else ok = false;
            }
          }
          if (!ok) break;
          data[l.key] = out;
        }
        if (ok) return { success: true, data: data as T };
      }
    }
  }
  return schema.safeParse(value);
}
