// The one token builder: create, add, rotate, import preview and import apply all build a token here.
import type { FieldDescriptor, ParsedInput, StoreProfile, Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { deriveTokenFacts, type TokenFacts } from '../../providers/derive';
import { validateFields } from '../../providers/fields';
import { formatsOf, policyOf, type ProviderModule } from '../../providers/provider-module';
import { sha256Hex } from '../../secrets/fingerprint';
import { dateInstant } from '../../time';
import { thawed, type Frozen } from '../../vault/plain-data';

type FieldValue = Token['settings'][string];
/** What a token is built from: the createToken input without its store, plus the status to save. */
export type TokenInput = Omit<ParsedInput<'createToken'>, 'storeId'> & { status?: Token['status'] | undefined };

export interface TokenSpec {
  id: string;
  store: Frozen<StoreProfile>;
  catalog: Catalog;
  now: Date;
  input: TokenInput;
  /** Values kept from the token this one replaces (rotation): the new secret's facts win over them. */
  inherited?: { scopes?: readonly string[]; settings?: Frozen<Record<string, FieldValue>> };
}

/** Why a token cannot be saved as built, by what is wrong: the credential kind, the secret, the fields. */
export interface TokenProblems {
  kind?: { message: string; fields: Record<string, string> };
  secret?: string;
  fields?: Record<string, string>;
}

export interface BuiltToken {
  /** The token as it will be saved; its secret facts have no keychain account until the value is written. */
  token: Token;
  module: ProviderModule;
  problems: TokenProblems;
}

/**
 * Builds a token from what the user gave and what the secret says: facts read from the secret (mode,
 * scopes, expiry, creation, settings) under the values the user entered, then the credential's fields
 * checked. A value that breaks a confirmed provider format is a problem; an unconfirmed one is kept and flagged.
 */
export function buildToken({ id, store, catalog, now, input, inherited }: TokenSpec): BuiltToken {
  const module = catalog.get(store.provider);
  const provider = module.descriptor;
  const credential = input.kind ? provider.credentials.find((c) => c.kind === input.kind) : provider.credentials[0];
  const kind = credential?.kind ?? input.kind ?? provider.credentials[0]!.kind;
  const problems: TokenProblems = {};
  if (!credential)
    problems.kind = {
      message: `${provider.name} has no credential of kind ${input.kind}.`,
      fields: { kind: 'not offered by this provider' },
    };
  const facts: TokenFacts | null =
    input.secret !== undefined && credential
      ? deriveTokenFacts(catalog, provider.id, kind, input.secret, now, { createdAt: input.createdAt ?? null })
      : null;
  if (facts?.formatProblem && formatsOf(module, kind).some((f) => f.confirmed)) problems.secret = facts.formatProblem;
  const at = now.toISOString();
  // What the secret tells wins: a JWT's scopes over typed or carried ones, a prefix's mode over a picked one.
  const scopes = facts?.scopes?.length ? facts.scopes : input.scopes?.length ? input.scopes : inherited?.scopes;
  const modeProblem = facts ? contradictedMode(facts, input.mode) : null;
  if (modeProblem) problems.fields = { mode: modeProblem };
  const token: Token = {
    id,
    storeId: store.id,
    name: input.name,
    kind,
    mode: facts?.mode ?? input.mode ?? null,
    scopes: scopes ? [...scopes] : (facts?.scopes ?? []),
    settings: {
      ...thawed<Token['settings']>(inherited?.settings ?? {}),
      ...(facts?.settings ?? {}),
      ...(input.settings ?? {}),
    },
    status: input.status ?? 'active',
    createdAt: input.createdAt ? dateInstant(input.createdAt) : (facts?.createdAt ?? null),
    expiresAt: null,
    expirySource: policyOf(module, kind).expiry?.kind === 'none' ? 'none' : 'unknown',
    secret:
      input.secret !== undefined && facts
        ? { fingerprint: sha256Hex(input.secret), masked: facts.masked, setAt: at, formatProblem: facts.formatProblem }
        : null,
    lastCheck: null,
    checkHistory: [],
    rotatedFrom: null,
    rotatedTo: null,
    notes: input.notes ?? '',
    addedAt: at,
    updatedAt: at,
  };
  if (facts?.expirySource === 'token') {
    token.expiresAt = facts.expiresAt ?? null;
    token.expirySource = facts.expirySource;
  } else if (input.expiresAt) {
    token.expiresAt = dateInstant(input.expiresAt);
    token.expirySource = 'user';
  } else if (facts?.expirySource) {
    token.expiresAt = facts.expiresAt ?? null;
    token.expirySource = facts.expirySource;
  }
  if (credential) {
    const fields = { ...fieldProblems(credential.fields, token), ...problems.fields };
    if (Object.keys(fields).length) problems.fields = fields;
  }
  return { token, module, problems };
}

/** Why a picked mode cannot stand: the value's prefix names the other one. */
export function contradictedMode(facts: TokenFacts, picked: Token['mode'] | undefined): string | null {
  if (!facts.mode || !picked || facts.mode === picked) return null;
  return `The token's prefix says ${facts.mode}, so it cannot be saved as ${picked}.`;
}

/**
 * An existing token given a new secret (a re-paste, or a provider's rotate that keeps the token): what the
 * secret tells (mode, scopes, expiry, creation, key id) replaces what the token said; the rest stays. The
 * keychain account is the caller's to fill, under the ordering rule.
 */
export function withNewSecret(token: Frozen<Token>, facts: TokenFacts, secret: string, now: string): Token {
  const next: Token = structuredClone(thawed<Token>(token));
  next.secret = {
    fingerprint: sha256Hex(secret),
    masked: facts.masked,
    setAt: now,
    formatProblem: facts.formatProblem,
  };
  if (facts.mode) next.mode = facts.mode;
  if (facts.scopes?.length) next.scopes = [...facts.scopes];
  if (facts.createdAt) next.createdAt = facts.createdAt;
  next.settings = { ...next.settings, ...facts.settings };
  const typed = next.expirySource === 'user' && next.expiresAt !== null;
  if (facts.expirySource === 'token' || facts.expirySource === 'none' || (facts.expirySource && !typed)) {
    next.expiresAt = facts.expiresAt ?? null;
    next.expirySource = facts.expirySource;
  }
  next.lastCheck = null;
  next.updatedAt = now;
  return next;
}

/** Facts read from a secret pasted for an existing token (setTokenSecret), with the confirmed-format problem. */
export function secretFacts(
  catalog: Catalog,
  module: ProviderModule,
  kind: Token['kind'],
  secret: string,
  now: Date,
  createdAt: string | null,
): { facts: TokenFacts; problem: string | null } {
  const facts = deriveTokenFacts(catalog, module.descriptor.id, kind, secret, now, { createdAt });
  const confirmed = formatsOf(module, kind).some((f) => f.confirmed);
  return { facts, problem: facts.formatProblem && confirmed ? facts.formatProblem : null };
}

/** The credential's field checks over a token: its settings plus the top-level values the fields describe. */
export function fieldProblems(fields: readonly FieldDescriptor[], token: Frozen<Token>): Record<string, string> {
  const values: Record<string, Frozen<FieldValue> | undefined> = { ...token.settings };
  const described = new Set(fields.map((f) => f.key));
  const top = {
    mode: token.mode ?? undefined,
    scopes: token.scopes.length ? token.scopes : undefined,
    expiresAt: token.expiresAt ?? undefined,
    createdAt: token.createdAt ?? undefined,
  };
  for (const [key, value] of Object.entries(top)) {
    delete values[key];
    if (described.has(key)) values[key] = value;
  }
  return validateFields(fields, values as Record<string, FieldValue | undefined>, '');
}
