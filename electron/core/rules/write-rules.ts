import type { CredentialPolicy, StoreProfile, Token } from '../../contract';
import type { Catalog } from '../providers/catalog';
import { policyOf, type ProviderModule } from '../providers/provider-module';
import type { VaultData } from '../vault/vault-data';
import { day } from './expiry';
import { parseIpAllowlist } from './ip-allowlist';
import { modeFromPrefixes, occupies, retireFirst, slotUsage } from './slots';

/** Why a write is refused: shaped like an AppError so the inventory service can throw it as is. */
export interface RuleProblem {
  code: 'rule_violation';
  message: string;
  /** Form field -> message. */
  fields: Record<string, string>;
}

type Problem = { field: string; message: string };
type Rule = (ctx: WriteContext) => Problem[];
interface WriteContext {
  vault: Pick<VaultData, 'stores' | 'tokens'>;
  candidate: Token;
  previous: Token | undefined;
  store: StoreProfile;
  module: ProviderModule;
  policy: CredentialPolicy;
  catalog: Catalog;
}

/**
 * Checks a token about to be written (created or changed; `candidate` is the whole token after the change)
 * against its provider's rules. `vault` is the state before the write. Null means the write may go ahead.
 */
export function checkTokenWrite(
  vault: Pick<VaultData, 'stores' | 'tokens'>,
  candidate: Token,
  catalog: Catalog,
): RuleProblem | null {
  const store = vault.stores.find((s) => s.id === candidate.storeId);
  const module = store ? catalog.find(store.provider) : undefined;
  if (!store || !module) return null; // The inventory service reports unknown stores and providers itself.
  const previous = vault.tokens.find((t) => t.id === candidate.id);
  const ctx: WriteContext = {
    vault,
    candidate,
    previous,
    store,
    module,
    policy: policyOf(module, candidate.kind),
    catalog,
  };
  const problems = RULES.flatMap((rule) => rule(ctx));
  if (problems.length === 0) return null;
  const fields: Record<string, string> = {};
  for (const p of problems) fields[p.field] = fields[p.field] ? `${fields[p.field]} ${p.message}` : p.message;
  return { code: 'rule_violation', message: problems.map((p) => p.message).join(' '), fields };
}

/** Managed keys belong to the integration that made them: only their status (and Keyward's own notes) may change. */
const managedReadOnly: Rule = ({ candidate, previous, policy }) => {
  const key = policy.managedByKey;
  const managedBy = key && previous ? previous.settings[key] : undefined;
  if (!previous || typeof managedBy !== 'string' || managedBy.trim() === '') return [];
  const changed = (['name', 'kind', 'mode', 'scopes', 'settings', 'createdAt', 'expiresAt', 'storeId'] as const).filter(
    (f) => canonical(previous[f]) !== canonical(candidate[f]),
  );
  if (changed.length === 0) return [];
  return [
    {
      field: changed[0] === 'settings' ? key! : changed[0]!,
      message: `This key is managed by ${managedBy}: it can only be activated or deactivated here. Change it in ${managedBy} instead.`,
    },
  ];
};

/** The mode a token's prefix names is its mode at the provider: a picked mode that contradicts it is refused. */
const modeMatchesPrefix: Rule = ({ candidate, policy, module }) => {
  const named = candidate.secret ? modeFromPrefixes(policy, candidate.secret.masked) : null;
  if (!named || !candidate.mode || candidate.mode === named) return [];
  return [
    {
      field: 'mode',
      message: `This ${module.descriptor.name} token's prefix makes it a ${named} token, so its mode cannot be ${candidate.mode}: choose ${named}, or paste the ${candidate.mode} token instead.`,
    },
  ];
};

/** A write that makes a token take a slot must leave room under the provider's limit for the whole account. */
const slotLimits: Rule = ({ vault, candidate, previous, store, module, policy, catalog }) => {
  if (!policy.slotLimits?.length) return [];
  const after = { stores: vault.stores, tokens: [...vault.tokens.filter((t) => t.id !== candidate.id), candidate] };
  return slotUsage(after, store.id, catalog, {
    kind: candidate.kind,
    except: candidate.id,
  }).flatMap(({ limit, account, occupying: others }) => {
    if (!occupies(candidate, limit, policy)) return [];
    if (previous && account.storeIds.includes(previous.storeId) && occupies(previous, limit, policy)) return [];
    if (others.length < limit.maxActive) return [];
    const suggest = retireFirst(others)!;
    const why =
      suggest.lastCheck?.outcome === 'invalid'
        ? 'its last status check said the provider no longer accepts it'
        : 'it is the oldest';
    const names = others.slice(0, 5).map((t) => `"${t.name}" (since ${day(new Date(t.createdAt ?? t.addedAt))})`);
    const where = account.source === 'store-profile' ? `in ${store.label}` : `in ${account.label}`;
    return [
      {
        field: 'status',
        message:
          `${limit.text} ${joinNames(names)} ${others.length === 1 ? 'is' : 'are'} already held ${where}. ` +
          `Remove one at ${module.descriptor.name} and mark it revoked here first; we suggest "${suggest.name}", because ${why}.`,
      },
    ];
  });
};

const ipAllowlist: Rule = ({ candidate, policy }) => {
  if (!policy.ipAllowlistKey) return [];
  const value = candidate.settings[policy.ipAllowlistKey];
  if (value === undefined) return [];
  if (typeof value !== 'string' && !Array.isArray(value))
    return [{ field: policy.ipAllowlistKey, message: 'The IP allowlist must be lines of text.' }];
  const { problems } = parseIpAllowlist(value);
  return problems.map((p) => ({ field: policy.ipAllowlistKey!, message: `${p.message}.` }));
};

const rateLimitRange: Rule = ({ candidate, policy }) => {
  const rl = policy.rateLimit;
  const value = rl ? candidate.settings[rl.settingKey] : undefined;
  if (!rl || value === undefined) return [];
  if (typeof value === 'number' && Number.isInteger(value) && value >= rl.min && value <= rl.max) return [];
  return [
    {
      field: rl.settingKey,
      message: `The rate limit must be a whole number of requests per minute from ${rl.min} to ${rl.max} (default ${rl.default}).`,
    },
  ];
};

const minScopes: Rule = ({ candidate, policy, module }) => {
  const min = policy.minScopes ?? 0;
  if (candidate.scopes.length >= min) return [];
  return [
    {
      field: 'scopes',
      message: `A ${module.descriptor.name} token needs at least ${min} scope${min === 1 ? '' : 's'}.`,
    },
  ];
};

const requiredExpiry: Rule = ({ candidate, policy, module }) => {
  if (policy.expiry?.kind !== 'required' || candidate.expiresAt) return [];
  return [
    {
      field: 'expiresAt',
      message: `A ${module.descriptor.name} ${candidate.kind === 'access-token' ? 'access token' : 'key'} has the expiry date chosen when it was made: enter it.`,
    },
  ];
};

/** Names unique among live tokens of a kind on one site (store profiles can share a site). Revoked and rotated ones are gone there. */
const uniqueNamePerSite: Rule = ({ vault, candidate, store, policy, module }) => {
  const key = policy.uniqueNamePerIdentifier;
  const site = key ? store.identifiers[key] : undefined;
  if (
    !key ||
    typeof site !== 'string' ||
    site === '' ||
    candidate.status === 'revoked' ||
    candidate.status === 'rotated'
  )
    return [];
  const sameSite = new Set(
    vault.stores
      .filter(
        (s) => s.provider === store.provider && String(s.identifiers[key] ?? '').toLowerCase() === site.toLowerCase(),
      )
      .map((s) => s.id),
  );
  const wanted = candidate.name.toLocaleLowerCase();
  const clash = vault.tokens.find(
    (t) =>
      t.id !== candidate.id &&
      t.kind === candidate.kind &&
      sameSite.has(t.storeId) &&
      t.status !== 'revoked' &&
      t.status !== 'rotated' &&
      t.name.toLocaleLowerCase() === wanted,
  );
  if (!clash) return [];
  return [
    {
      field: 'name',
      message: `${module.descriptor.name} needs a unique name per site: "${candidate.name}" is already used on ${site}.`,
    },
  ];
};

const RULES: readonly Rule[] = [
  managedReadOnly,
  modeMatchesPrefix,
  slotLimits,
  ipAllowlist,
  rateLimitRange,
  minScopes,
  requiredExpiry,
  uniqueNamePerSite,
];

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Order-independent JSON for comparing plain values. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    ) ?? 'undefined'
  );
}
