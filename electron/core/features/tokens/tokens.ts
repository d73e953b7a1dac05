import { randomUUID } from 'node:crypto';
import type { ParsedInput, Token } from '../../../contract';
import { AppError } from '../../errors';
import { accountOf } from '../../secrets/accounts';
import { sha256Hex } from '../../secrets/fingerprint';
import { find, lookup, vaultIdOf } from '../../session/lookup';
import type { Change, Session } from '../../session/session';
import { editable, thawed } from '../../vault/plain-data';
import { applyCreateClient } from '../clients/clients';
import { applyCreateStore } from '../stores/stores';
import { secretFacts } from './build-token';
import { applyCreateToken } from './create-token';
import { applyEditToken } from './edit-token';

export type TokensFeature = ReturnType<typeof tokensFeature>;
type Skipped = { id: string; reason: string }[];

export function tokensFeature(session: Session) {
  return {
    create(input: ParsedInput<'createToken'>): Promise<Token> {
      const { storeId, ...fields } = input;
      const id = randomUUID();
      return session.keychain.run((tx) =>
        session.transaction((data, context) => applyCreateToken(data, context, { id, storeId, input: fields }, tx)),
      );
    },

    /**
     * Adds a token and, when they do not exist yet, its client (by name) and store (by provider and label)
     * in ONE change: a refused token leaves nothing behind. The command line's `add` uses it.
     */
    add(input: ParsedInput<'addToken'>): Promise<Token> {
      const id = randomUUID();
      return session.keychain.run((tx) =>
        session.transaction(async (data, context) => {
          const changes: Change[] = [];
          let clientId: string | null = null;
          if (input.client) {
            const wanted = input.client.toLocaleLowerCase();
            clientId = data.clients.find((c) => c.name.toLocaleLowerCase() === wanted)?.id ?? null;
            if (!clientId) {
              const made = applyCreateClient(data, context.now, { name: input.client });
              clientId = made.result.id;
              changes.push(made.change as Change);
            }
          }
          let store = data.stores.find(
            (s) => s.provider === input.store.provider && s.label === input.store.label && s.clientId === clientId,
          );
          if (!store) {
            const made = applyCreateStore(data, context.catalog, context.now, { ...input.store, clientId });
            store = made.result;
            changes.push(made.change as Change);
          }
          const token = await applyCreateToken(data, context, { id, storeId: store.id, input: input.token }, tx);
          return { result: token.result, change: [...changes, token.change as Change] };
        }),
      );
    },

    /** Edits a token, a re-pasted secret included, in one change (see applyEditToken). */
    update(input: ParsedInput<'updateToken'>): Promise<Token> {
      return session.keychain.run((tx) =>
        session.transaction((data, context) => applyEditToken(data, context, session.stores, input, tx)),
      );
    },

    /**
     * Marks many tokens inactive in ONE change (the inventory's bulk "Deactivate selected"): one write and one
     * vault event instead of one per token. Tokens that are not active, or no longer exist, are skipped and named.
     */
    async deactivate(input: ParsedInput<'deactivateTokens'>): Promise<{ deactivated: number; skipped: Skipped }> {
      // Nothing to change: answer without writing a new revision.
      const wanted = new Set(input.ids);
      const { tokens } = await session.vault();
      if (!tokens.some((t) => wanted.has(t.id) && t.status === 'active')) {
        const known = new Map(tokens.map((t) => [t.id, t.status]));
        return {
          deactivated: 0,
          skipped: [...wanted].map((id) => ({
            id,
            reason: known.has(id) ? `already ${known.get(id)}` : 'not found (deleted?)',
          })),
        };
      }
      return session.transaction((data, { now }) => {
        const at = new Map(data.tokens.map((t, i) => [t.id, i]));
        const skipped: Skipped = [];
        const changes: Change[] = [];
        for (const id of new Set(input.ids)) {
          const i = at.get(id);
          const before = i === undefined ? undefined : data.tokens[i];
          if (i === undefined || !before) {
            skipped.push({ id, reason: 'not found (deleted?)' });
            continue;
          }
          if (before.status !== 'active') {
            skipped.push({ id, reason: `already ${before.status}` });
            continue;
          }
          data.tokens[i] = { ...structuredClone(thawed(before)), status: 'inactive', updatedAt: now };
          changes.push({
            action: 'token.update',
            subject: { type: 'token', id },
            summary: `Deactivated token ${before.name} (bulk)`,
          });
        }
        return { result: { deactivated: changes.length, skipped }, change: changes };
      });
    },

    setSecret(input: ParsedInput<'setTokenSecret'>): Promise<Token> {
      return session.keychain.run((tx) =>
        session.transaction(async (data, { now, catalog }) => {
          const token = find(data.tokens, input.id, 'token');
          const store = lookup(data.stores, token.storeId, 'store');
          const { facts, problem } = secretFacts(
            catalog,
            catalog.get(store.provider),
            token.kind,
            input.secret,
            session.clock.now(),
            token.createdAt,
          );
          if (problem) throw new AppError('invalid_input', problem, { secret: problem });
          // Never overwrite the live entry: the new value goes under a new account, the old one retires after the commit.
          if (token.secret) await tx.retire([accountOf(token)]);
          const account = await tx.write(vaultIdOf(data), token.id, input.secret);
          token.secret = {
            fingerprint: sha256Hex(input.secret),
            masked: facts.masked,
            setAt: now,
            formatProblem: facts.formatProblem,
            account,
          };
          if (facts.expirySource === 'token') {
            token.expiresAt = facts.expiresAt ?? null;
            token.expirySource = 'token';
          }
          if (facts.mode) token.mode = facts.mode;
          token.lastCheck = null;
          token.updatedAt = now;
          return {
            result: token as Token,
            change: {
              action: 'token.secret.set',
              subject: { type: 'token', id: token.id },
              summary: `Stored a new secret for ${token.name} (${token.secret.masked})`,
            },
          };
        }),
      );
    },

    delete(input: { id: string }): Promise<{ id: string; deleted: true }> {
      return session.keychain.run((tx) =>
        session.transaction(async (data) => {
          const token = lookup(data.tokens, input.id, 'token');
          if (token.secret) await tx.retire([accountOf(token)]);
          data.tokens = data.tokens.filter((t) => t.id !== token.id);
          data.tokens.forEach((other, i) => {
            if (other.rotatedFrom !== token.id && other.rotatedTo !== token.id) return;
            const linked = editable(data.tokens, i);
            if (linked.rotatedFrom === token.id) linked.rotatedFrom = null;
            if (linked.rotatedTo === token.id) linked.rotatedTo = null;
          });
          return {
            result: { id: token.id, deleted: true as const },
            change: {
              action: 'token.delete',
              subject: { type: 'token', id: token.id },
              summary: `Deleted token ${token.name}`,
            },
          };
        }),
      );
    },
  };
}
