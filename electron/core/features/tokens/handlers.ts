import { AppError } from '../../errors';
import { recognizeSecret } from '../../recognition/recognize';
import { accountOf } from '../../secrets/accounts';
import type { SecretCopier } from '../../secrets/copy-secret';
import type { Session } from '../../session/session';
import { readUiSettings } from '../settings/ui-settings';
import type { HandlersFor } from '../handler-map';
import { knownSecret } from './known-secret';
import type { TokensFeature } from './tokens';

type TokenChannels =
  | 'createToken'
  | 'addToken'
  | 'updateToken'
  | 'setTokenSecret'
  | 'deleteToken'
  | 'deactivateTokens'
  | 'copySecret'
  | 'recognizeSecret'
  | 'findSecretInVault';

export function tokenHandlers(
  session: Session,
  tokens: TokensFeature,
  copier: SecretCopier,
): HandlersFor<TokenChannels> {
  return {
    createToken: tokens.create,
    addToken: tokens.add,
    updateToken: tokens.update,
    setTokenSecret: tokens.setSecret,
    deleteToken: tokens.delete,
    deactivateTokens: tokens.deactivate,
    recognizeSecret: async ({ secret }) => recognizeSecret(await session.catalog(), secret, session.clock.now()),
    findSecretInVault: async ({ secret }) => knownSecret(await session.vault(), await session.catalog(), secret),
    /** Copies a secret in main (the clipboard clears itself after the user's delay) and audits the copy. */
    copySecret: async ({ tokenId }) => {
      const vault = await session.vault();
      const token = vault.tokens.find((t) => t.id === tokenId);
      if (!token) throw new AppError('not_found', `No token with id ${tokenId}.`);
      const clearsInSeconds = readUiSettings(vault.settings).clipboardClearSeconds;
      await copier.copy(accountOf(token), clearsInSeconds);
      await session.audit({
        action: 'token.copy',
        subject: { type: 'token', id: tokenId },
        summary: `Copied the secret of ${token.name} to the clipboard`,
      });
      return { tokenId, clearsInSeconds };
    },
  };
}
