import { randomUUID } from 'node:crypto';
import type { CheckResult, ParsedInput, Token } from '../../../contract';
import { AppError } from '../../errors';
import { policyOf } from '../../providers/provider-module';
import { accountOf } from '../../secrets/accounts';
import type { KeychainTransaction } from '../../secrets/keychain-transaction';
import { find, lookup, positionOf, vaultIdOf } from '../../session/lookup';
import type { Applied, Change, ChangeContext, Session } from '../../session/session';
import { normaliseDate } from '../../time';
import { thawed, type Draft } from '../../vault/plain-data';
import { secretFacts, withNewSecret } from '../tokens/build-token';
import { applyCreateToken } from '../tokens/create-token';
import { managedBy, managedWhy } from '../tokens/edit-token';
import { fullSlot } from './plan';

export type RotateInput = Omit<ParsedInput<'rotateToken'>, 'skipCheck'>;
type Rotated = { oldToken: Token; newToken: Token };

export type RotationFeature = ReturnType<typeof rotationFeature>;

/** Most earlier values a token remembers (fingerprints and dates only). */
const LINEAGE_MAX = 20;

export function rotationFeature(session: Session) {
  return {
    /**
     * Replaces a token's secret as its provider does, in ONE change (see the module's rotation declaration):
     * a new value for the same token, or a new token beside the old one. What the new secret tells comes from it.
     */
    rotate(input: RotateInput, check: CheckResult | null): Promise<Rotated> {
      const id = randomUUID();
      return session.keychain.run((tx) =>
        session.transaction(async (data, context) => {
          const old = lookup(data.tokens, input.tokenId, 'token');
          const store = lookup(data.stores, old.storeId, 'store');
          const module = context.catalog.get(store.provider);
          const by = managedBy(module, old);
          if (by) throw new AppError('rule_violation', managedWhy(module.descriptor.name, by));
          if (old.status === 'rotated' || old.status === 'revoked')
            throw new AppError(
              'conflict',
              `Token ${old.name} is already ${old.status}; rotate its replacement instead.`,
            );
          const model = policyOf(module, old.kind).rotation?.model ?? 'side-by-side';
          return model === 'new-value'
            ? newValue(data, context, input, check, tx)
            : sideBySide(data, context, input, check, tx, id);
        }),
      );
    },
  };
}

/** The provider gave the same token a new value (the old value died then): the token keeps its place and its facts. */
async function newValue(
  data: Draft,
  { now, catalog }: ChangeContext,
  input: RotateInput,
  check: CheckResult | null,
  tx: KeychainTransaction,
): Promise<Applied<Rotated>> {
  const old = lookup(data.tokens, input.tokenId, 'token');
  const store = lookup(data.stores, old.storeId, 'store');
  const module = catalog.get(store.provider);
  const { facts, problem } = secretFacts(catalog, module, old.kind, input.secret, new Date(now), old.createdAt);
  if (problem) throw new AppError('invalid_input', problem, { secret: problem });
  const token = withNewSecret(old, facts, input.secret, now);
  if (old.secret && token.secret!.fingerprint === old.secret.fingerprint)
    throw new AppError('invalid_input', 'This is the value the token already has: paste the new one.', {
      secret: 'the same value as before',
    });
  if (input.name) token.name = input.name;
  if (input.expiresAt !== undefined && token.expirySource !== 'token') {
    token.expiresAt = input.expiresAt ? normaliseDate(input.expiresAt, 'end') : null;
    token.expirySource = input.expiresAt
      ? 'user'
      : policyOf(module, old.kind).expiry?.kind === 'none'
        ? 'none'
        : 'unknown';
  }
  if (old.secret)
    token.previousSecrets = [
      { fingerprint: old.secret.fingerprint, masked: old.secret.masked, setAt: old.secret.setAt, replacedAt: now },
      ...(old.previousSecrets ?? []),
    ].slice(0, LINEAGE_MAX);
  if (check) {
    token.lastCheck = check;
    token.checkHistory = [check, ...token.checkHistory].slice(0, 20);
  }
  if (old.secret) await tx.retire([accountOf(old)]);
  token.secret = { ...token.secret!, account: await tx.write(vaultIdOf(data), token.id, input.secret) };
  data.tokens[positionOf(data.tokens, old.id, 'token')] = token;
  return {
    result: { oldToken: thawed(old) as Token, newToken: token },
    change: {
      action: 'token.rotate',
      subject: { type: 'token', id: token.id },
      summary: `Gave ${token.name} a new value at ${module.descriptor.name} (${token.secret.masked}); the old value ${old.secret?.masked ?? ''} stopped working then`,
    },
  };
}

/** A new token beside the old: built from the new secret and the suggestions the user kept; the old one "rotated". */
async function sideBySide(
  data: Draft,
  context: ChangeContext,
  input: RotateInput,
  check: CheckResult | null,
  tx: KeychainTransaction,
  id: string,
): Promise<Applied<Rotated>> {
  const { now, catalog } = context;
  const before = lookup(data.tokens, input.tokenId, 'token');
  const store = lookup(data.stores, before.storeId, 'store');
  const module = catalog.get(store.provider);
  const changes: Change[] = [];
  const removed = input.removedFirst ? lookup(data.tokens, input.removedFirst, 'token') : null;
  // A slot may be counted across the provider account's stores: any active token of this provider may free it.
  const removedStore = removed ? lookup(data.stores, removed.storeId, 'store') : null;
  if (removed && (removedStore!.provider !== store.provider || removed.status !== 'active'))
    throw new AppError(
      'invalid_input',
      `${removed.name} does not hold one of ${module.descriptor.name}'s active slots.`,
      {
        removedFirst: `not an active ${module.descriptor.name} token`,
      },
    );
  // The old token holds its slot at the provider until it is removed there: count it as the provider does.
  const slot = fullSlot(
    data,
    before,
    store,
    policyOf(module, before.kind).slotLimits ?? [],
    removed ? [removed.id] : [],
  );
  if (slot)
    throw new AppError(
      'rule_violation',
      `${slot.text} Remove one at ${module.descriptor.name} first and say which here; we suggest "${slot.holders.find((h) => h.id === slot.suggested)?.name}", because ${slot.reason}.`,
      { removedFirst: 'choose the token you removed first' },
    );
  if (removed && removed.id !== before.id) {
    const r = find(data.tokens, removed.id, 'token');
    r.status = 'revoked';
    r.updatedAt = now;
    changes.push({
      action: 'token.update',
      subject: { type: 'token', id: r.id },
      summary: `Marked ${r.name} revoked: removed at ${module.descriptor.name} to free a slot`,
    });
  }
  const old = find(data.tokens, before.id, 'token');
  const previousStatus = old.status;
  old.status = removed?.id === old.id ? 'revoked' : 'rotated';
  let made: Awaited<ReturnType<typeof applyCreateToken>>;
  try {
    made = await applyCreateToken(
      data,
      context,
      {
        id,
        storeId: old.storeId,
        input: {
          name: input.name ?? `${old.name} (${now.slice(0, 10)})`,
          kind: old.kind,
          secret: input.secret,
          ...(input.scopes ? { scopes: input.scopes } : {}),
          ...(input.settings ? { settings: input.settings } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
          ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
        },
      },
      tx,
    );
  } catch (err) {
    old.status = previousStatus;
    throw err;
  }
  const fresh = made.result;
  if (fresh.expirySource === 'unknown' && input.expiresAt === undefined && before.expiresAt) {
    const why = `${before.name} expired on ${before.expiresAt.slice(0, 10)}: enter the new token's expiry date, or say it has none.`;
    throw new AppError('invalid_input', why, { expiresAt: why });
  }
  fresh.rotatedFrom = old.id;
  if (check) {
    fresh.lastCheck = check;
    fresh.checkHistory = [check];
  }
  old.rotatedTo = fresh.id;
  old.updatedAt = now;
  return {
    result: { oldToken: old as Token, newToken: fresh },
    change: [
      ...changes,
      made.change as Change,
      {
        action: 'token.rotate',
        subject: { type: 'token', id: old.id },
        summary: `Rotated ${old.name} to ${fresh.name}${fresh.secret ? ` (${fresh.secret.masked})` : ''}`,
      },
    ],
  };
}
