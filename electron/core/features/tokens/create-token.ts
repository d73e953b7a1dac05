import type { StoreProfile, Token } from '../../../contract';
import { accountPeers } from '../../rules/slots';
import { AppError } from '../../errors';
import type { Catalog } from '../../providers/catalog';
import { policyOf } from '../../providers/provider-module';
import { checkTokenWrite } from '../../rules/write-rules';
import type { KeychainTransaction } from '../../secrets/keychain-transaction';
import { assertUniqueName, lookup, throwIfProblems, throwIfRuleProblem, vaultIdOf } from '../../session/lookup';
import type { Applied, ChangeContext } from '../../session/session';
import type { StoreIndex } from '../../session/store-index';
import { thawed, type Draft, type Frozen } from '../../vault/plain-data';
import { buildToken, type BuiltToken, type TokenSpec } from './build-token';

/** What a token write's rules look at: the draft's stores and tokens, or the part of them a rule can reach. */
export type TokenView = Pick<Draft, 'stores' | 'tokens'>;

/** Throws the first of a built token's problems, in the order a user fixes them. */
export function throwIfBuildProblem(built: BuiltToken, near: TokenView, what = 'token in this store'): void {
  const { token, problems } = built;
  if (problems.kind) throw new AppError('invalid_input', problems.kind.message, problems.kind.fields);
  assertUniqueName(
    near.tokens.filter((t) => t.storeId === token.storeId).map((t) => t.name),
    token.name,
    what,
  );
  if (problems.secret) throw new AppError('invalid_input', problems.secret, { secret: problems.secret });
  throwIfProblems(problems.fields ?? {});
}

/**
 * Builds a token into the draft: checked against the rules over `near` (the draft, or the part of it a rule
 * can see), its secret written under a fresh keychain account before the change commits (the ordering rule).
 */
export async function applyCreateToken(
  data: Draft,
  context: ChangeContext,
  spec: Omit<TokenSpec, 'catalog' | 'now' | 'store'> & { storeId: string },
  tx: KeychainTransaction,
  options: { near?: TokenView; account?: string | undefined } = {},
): Promise<Applied<Token>> {
  const store = lookup(data.stores, spec.storeId, 'store');
  const built = buildToken({ ...spec, store, catalog: context.catalog, now: new Date(context.now) });
  const near = options.near ?? data;
  throwIfBuildProblem(built, near);
  const { token } = built;
  throwIfRuleProblem(checkTokenWrite(thawed(near), token, context.catalog));
  if (spec.input.secret !== undefined && token.secret) {
    const account = await tx.write(vaultIdOf(data), token.id, spec.input.secret, options.account);
    token.secret = { ...token.secret, account };
  }
  data.tokens.push(token);
  return {
    result: token,
    change: {
      action: 'token.create',
      subject: { type: 'token', id: token.id },
      summary: `Added token ${token.name} to ${store.label}${token.secret ? ` (${token.secret.masked})` : ''}`,
    },
  };
}

/**
 * The part of the vault a token write's rules can look at: the stores that share its store's site (or the
 * store alone) and their tokens. One pass over the tokens, so a rule costs the store's size, not the vault's.
 */
export function nearView(
  data: Draft,
  store: Frozen<StoreProfile>,
  kind: Token['kind'],
  catalog: Catalog,
  tokensOf: (storeId: string) => readonly Frozen<Token>[],
): TokenView {
  const module = catalog.get(store.provider);
  const policy = policyOf(module, kind);
  const siteKey = policy.uniqueNamePerIdentifier;
  const site = siteKey ? store.identifiers[siteKey] : undefined;
  // Slots counted per provider account can span store profiles: the stores that may share the account.
  const stores = policy.slotAccount
    ? accountPeers(data.stores as StoreProfile[], thawed(store), policy, (id) => tokensOf(id) as Token[])
    : typeof site === 'string' && site !== ''
      ? data.stores.filter(
          (s) =>
            s.provider === store.provider && String(s.identifiers[siteKey!] ?? '').toLowerCase() === site.toLowerCase(),
        )
      : [store];
  return { stores, tokens: stores.flatMap((s) => tokensOf(s.id)) };
}

/** `nearView` over the session's index of tokens by store. */
export const nearViewOf = (
  index: StoreIndex,
  data: Draft,
  store: Frozen<StoreProfile>,
  kind: Token['kind'],
  catalog: Catalog,
) => nearView(data, store, kind, catalog, (id) => index.tokensOf(data.tokens, id));
