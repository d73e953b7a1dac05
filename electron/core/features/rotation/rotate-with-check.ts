import type { CheckResult, Token } from '../../../contract';
import { AppError, notFound } from '../../errors';
import { thawed } from '../../vault/plain-data';
import type { Session } from '../../session/session';
import type { StatusCheckService } from '../checks/status-check-service';
import type { HandlersFor } from '../handler-map';
import { rotationPlan } from './plan';
import type { RotateInput, RotationFeature } from './rotation';

export type RotationInput = RotateInput & { skipCheck?: boolean | undefined };

/**
 * Guided rotation: check the new secret at the provider first; only a token the provider does not refuse
 * replaces the old one. Nothing changes when the provider says 401.
 */
export async function rotateWithCheck(
  session: Session,
  rotation: RotationFeature,
  checks: StatusCheckService,
  input: RotationInput,
): Promise<{ oldToken: Token; newToken: Token; check: CheckResult | null }> {
  const vault = await session.vault();
  const old = vault.tokens.find((t) => t.id === input.tokenId);
  if (!old) throw notFound('token', input.tokenId);
  const store = vault.stores.find((s) => s.id === old.storeId);
  if (!store) throw notFound('store', old.storeId);
  let check: CheckResult | null = null;
  if (!input.skipCheck) {
    // The old secret is in play too: a provider may name it when it answers about the new one.
    check = await checks.quick(
      {
        provider: store.provider,
        kind: old.kind,
        mode: old.mode,
        identifiers: thawed(store).identifiers,
        secret: input.secret,
      },
      { alsoRedactSecretsOf: [old.id] },
    );
    if (check.outcome === 'invalid') {
      throw new AppError(
        'rule_violation',
        `The provider refused the new token: ${check.detail} Nothing was changed; ${old.name} stays as it was.`,
        { secret: 'refused by the provider' },
      );
    }
  }
  const { skipCheck: _, ...rest } = input;
  const { oldToken, newToken } = await rotation.rotate(rest, check);
  return { oldToken, newToken, check };
}

export function rotationHandlers(
  session: Session,
  rotation: RotationFeature,
  checks: StatusCheckService,
): HandlersFor<'rotateToken' | 'getRotationPlan'> {
  return {
    rotateToken: (input) => rotateWithCheck(session, rotation, checks, input),
    getRotationPlan: async ({ id }) =>
      rotationPlan(await session.vault(), id, await session.catalog(), session.clock.now().toISOString()),
  };
}
