// Editing a saved token: every field a user could get wrong, and a re-paste of its secret, in one change.
import type { ParsedInput, StoreProfile, Token } from '../../../contract';
import { AppError } from '../../errors';
import { policyOf, type ProviderModule } from '../../providers/provider-module';
import { checkTokenWrite } from '../../rules/write-rules';
import { accountOf } from '../../secrets/accounts';
import type { KeychainTransaction } from '../../secrets/keychain-transaction';
import { assertUniqueName, find, lookup, positionOf, throwIfProblems, vaultIdOf } from '../../session/lookup';
import type { Applied, ChangeContext } from '../../session/session';
import type { StoreIndex } from '../../session/store-index';
import { effectiveExpiry } from '../../rules/expiry';
import { normaliseDate } from '../../time';
import { thawed, type Draft, type Frozen } from '../../vault/plain-data';
import { contradictedMode, fieldProblems, secretFacts, withNewSecret } from './build-token';
import { nearViewOf } from './create-token';

export type EditInput = ParsedInput<'updateToken'>;

/** The integration that manages a key (Printago's managed keys), or null when the user manages it. */
export function managedBy(module: ProviderModule, token: Frozen<Token>): string | null {
  const key = policyOf(module, token.kind).managedByKey;
  const value = key ? token.settings[key] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Why a managed key allows only its status here, in the provider's terms. */
export const managedWhy = (providerName: string, by: string): string =>
  `This key is managed by ${by}: ${providerName} does not let it be edited or deleted by hand, and removes it when the integration disconnects. Only its status can change here.`;

const EDITABLE_WHEN_MANAGED = new Set(['id', 'status', 'notes']);

/**
 * Applies an edit to a token in the draft: each field checked by the provider's rules (a per-field error, and
 * nothing changes), a re-pasted secret written under a fresh keychain account before the change commits.
 */
export async function applyEditToken(
  data: Draft,
  context: ChangeContext,
  stores: StoreIndex,
  input: EditInput,
  tx: KeychainTransaction,
): Promise<Applied<Token>> {
  const { now, catalog } = context;
  const before = lookup(data.tokens, input.id, 'token');
  const store = lookup(data.stores, before.storeId, 'store');
  const module = catalog.get(store.provider);
  const policy = policyOf(module, before.kind);
  const credential = module.descriptor.credentials.find((c) => c.kind === before.kind);
  const by = managedBy(module, before);
  if (by) {
    const asked = Object.keys(input).filter((k) => !EDITABLE_WHEN_MANAGED.has(k));
    if (asked.length) {
      const why = managedWhy(module.descriptor.name, by);
      throw new AppError('rule_violation', why, Object.fromEntries(asked.map((k) => [k, why])));
    }
  }
  const near = nearViewOf(stores, data, store, before.kind, catalog);
  if (input.name !== undefined && input.name.toLocaleLowerCase() !== before.name.toLocaleLowerCase()) {
    assertUniqueName(
      near.tokens.filter((t) => t.storeId === store.id && t.id !== before.id).map((t) => t.name),
      input.name,
      'token in this store',
    );
  }
  const problems: Record<string, string> = {};
  let token: Token = structuredClone(thawed(before));
  if (input.secret !== undefined) {
    const { facts, problem } = secretFacts(catalog, module, before.kind, input.secret, new Date(now), before.createdAt);
    if (problem) throw new AppError('invalid_input', problem, { secret: problem });
    const next = withNewSecret(before, facts, input.secret, now);
    if (before.secret && next.secret!.fingerprint !== before.secret.fingerprint) {
      const why = `This is not the value ${before.name} had (its fingerprint differs). To give the token a new value, use Rotate.`;
      throw new AppError('invalid_input', why, { secret: why });
    }
    token = next;
    const mode = contradictedMode(facts, input.mode ?? undefined);
    if (mode) problems.mode = mode;
  } else if (input.mode && token.secret) {
    // The stored value's prefix (its masked form keeps it) decides the mode.
    const prefixes = policy.formats?.find((f) => f.modePrefixes)?.modePrefixes;
    const said = (['live', 'test'] as const)
      .filter((m) => prefixes?.[m] && token.secret!.masked.startsWith(prefixes[m]!))
      .sort((a, b) => prefixes![b]!.length - prefixes![a]!.length)[0];
    if (said && said !== input.mode)
      problems.mode = `The token's prefix says ${said}, so it cannot be saved as ${input.mode}.`;
  }
  if (input.name !== undefined) token.name = input.name;
  if (input.mode !== undefined && !problems.mode && !(input.secret !== undefined && token.mode && input.mode === null))
    token.mode = input.mode;
  if (input.scopes !== undefined) {
    const known = policy.scopes ?? [];
    const unknown = known.length ? input.scopes.filter((s) => !known.includes(s)) : [];
    if (unknown.length) problems.scopes = `${module.descriptor.name} has no scope named ${unknown.join(', ')}.`;
    else token.scopes = [...new Set(input.scopes)];
  }
  if (input.settings !== undefined) token.settings = { ...input.settings, ...keyIdOf(token) };
  if (input.status !== undefined) token.status = input.status;
  if (input.createdAt !== undefined) {
    token.createdAt = input.createdAt ? normaliseDate(input.createdAt, 'start') : null;
    // An estimated expiry (Printify's year from creation) follows the corrected created date.
    const estimate = token.expirySource === 'provider-rule' ? effectiveExpiry(token, policy) : null;
    if (estimate) token.expiresAt = estimate.at.toISOString();
  }
  if (input.expiresAt !== undefined) {
    if (token.expirySource === 'token' && token.expiresAt) {
      const said = token.expiresAt.slice(0, 10);
      if (!input.expiresAt || normaliseDate(input.expiresAt, 'end').slice(0, 10) !== said)
        problems.expiresAt = `The token itself says it expires on ${said}; that date cannot be changed here.`;
    } else {
      token.expiresAt = input.expiresAt ? normaliseDate(input.expiresAt, 'end') : null;
      token.expirySource = input.expiresAt ? 'user' : policy.expiry?.kind === 'none' ? 'none' : 'unknown';
    }
  }
  if (input.notes !== undefined) token.notes = input.notes;
  const planKey = policy.rateLimit?.planKey;
  let storeAfter: StoreProfile | null = null;
  if (input.plan !== undefined) {
    const caps = policy.rateLimit?.planCaps ?? {};
    if (!planKey) problems.plan = `${module.descriptor.name} has no plan that bounds this token.`;
    else if (input.plan !== null && !(input.plan in caps))
      problems.plan = `Plan must be one of: ${Object.keys(caps).join(', ')}.`;
    else {
      storeAfter = structuredClone(thawed(store));
      if (input.plan === null) delete storeAfter.identifiers[planKey];
      else storeAfter.identifiers[planKey] = input.plan;
    }
  }
  token.updatedAt = now;
  if (credential) Object.assign(problems, fieldProblems(credential.fields, token), problems);
  throwIfProblems(problems);
  const rule = checkTokenWrite(thawed(near), token, catalog);
  if (rule) throw new AppError('rule_violation', rule.message, rule.fields);
  if (input.secret !== undefined) {
    if (before.secret?.account || before.secret) await tx.retire([accountOf(before)]);
    token.secret = { ...token.secret!, account: await tx.write(vaultIdOf(data), token.id, input.secret) };
  }
  data.tokens[positionOf(data.tokens, before.id, 'token')] = token;
  if (storeAfter) {
    const s = find(data.stores, store.id, 'store');
    s.identifiers = storeAfter.identifiers;
    s.updatedAt = now;
  }
  const what = changedFields(before, token, input);
  return {
    result: token,
    change: {
      action: input.secret !== undefined ? 'token.secret.set' : 'token.update',
      subject: { type: 'token', id: token.id },
      summary: `Edited token ${token.name}${what.length ? ` (${what.join(', ')})` : ''}${
        input.secret !== undefined ? `; stored its secret again (${token.secret!.masked})` : ''
      }`,
    },
  };
}

/** The key id read from the secret stays whatever settings the form sends. */
const keyIdOf = (token: Token): Token['settings'] =>
  token.settings.keyId !== undefined ? { keyId: token.settings.keyId } : {};

function changedFields(before: Frozen<Token>, after: Token, input: EditInput): string[] {
  const fields = ['name', 'mode', 'scopes', 'settings', 'status', 'createdAt', 'expiresAt', 'notes'] as const;
  const out: string[] = fields.filter(
    (f) => input[f] !== undefined && JSON.stringify(before[f]) !== JSON.stringify(after[f]),
  );
  if (input.plan !== undefined) out.push('plan');
  return out;
}
