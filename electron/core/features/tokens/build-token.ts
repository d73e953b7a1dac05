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
  const scopes = input.scopes?.length ? input.scopes : facts?.scopes?.length ? facts.scopes : inherited?.scopes;
  const token: Token = {
    id,
    storeId: store.id,
    name: input.name,
    kind,
    mode: input.mode ?? facts?.mode ?? null,
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
  if (input.expiresAt) {
    token.expiresAt = dateInstant(input.expiresAt);
    token.expirySource = 'user';
  } else if (facts?.expirySource) {
    token.expiresAt = facts.expiresAt ?? null;
    token.expirySource = facts.expirySource;
  }
  if (credential) {
    const fields = fieldProblems(credential.fields, token);
    if (Object.keys(fields).length) problems.fields = fields;
  }
  return { token, module, problems };
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
