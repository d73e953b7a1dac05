import { randomUUID } from 'node:crypto';
import type { CheckResult, Token } from '../../../contract';
import { AppError } from '../../errors';
import { find } from '../../session/lookup';
import type { Change, Session } from '../../session/session';
import { applyCreateToken } from '../tokens/create-token';

export interface RotateInput {
  tokenId: string;
  secret: string;
  name?: string | undefined;
  expiresAt?: string | null | undefined;
}

export type RotationFeature = ReturnType<typeof rotationFeature>;

export function rotationFeature(session: Session) {
  return {
    /**
     * Replaces a token by a new one in the same store in ONE change: the old one becomes "rotated", the new
     * one is built from the NEW secret (its mode, scopes and expiry; the old scopes and settings only where the
     * secret says nothing) with the lineage both ways and, when given, the check that vetted it.
     */
    rotate(input: RotateInput, check: CheckResult | null): Promise<{ oldToken: Token; newToken: Token }> {
      const id = randomUUID();
      return session.keychain.run((tx) =>
        session.transaction(async (data, context) => {
          const { now } = context;
          const old = find(data.tokens, input.tokenId, 'token');
          if (old.status === 'rotated' || old.status === 'revoked')
            throw new AppError(
              'conflict',
              `Token ${old.name} is already ${old.status}; rotate its replacement instead.`,
            );
          const previousStatus = old.status;
          old.status = 'rotated';
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
                  ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
                },
                inherited: {
                  scopes: old.scopes,
                  settings: Object.fromEntries(Object.entries(old.settings).filter(([k]) => k !== 'keyId')),
                },
              },
              tx,
            );
          } catch (err) {
            old.status = previousStatus;
            throw err;
          }
          const fresh = made.result;
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
              made.change as Change,
              {
                action: 'token.rotate',
                subject: { type: 'token', id: old.id },
                summary: `Rotated ${old.name} to ${fresh.name}${fresh.secret ? ` (${fresh.secret.masked})` : ''}`,
              },
            ],
          };
        }),
      );
    },
  };
}
