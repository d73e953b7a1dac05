import type { KeychainState, Notice } from '../../contract';
import type { SecretStore } from '../ports';
import type { Session } from './session';

/** What the window says about the vault (its notices and the navigation's foot): the keychain's state and the notices of the vault's readings. */
export class VaultStatus {
  private notices: Notice[] = [];

  constructor(
    private readonly session: Session,
    private readonly secrets: SecretStore,
  ) {
    session.onLoad((loaded) => {
      if (loaded.notices.length)
        this.notices = [...this.notices.filter((n) => !loaded.notices.some((l) => l.id === n.id)), ...loaded.notices];
    });
  }

  async status(): Promise<{ keychain: KeychainState; notices: Notice[] }> {
    await this.session.vault();
    return { keychain: await this.secrets.state(), notices: this.notices };
  }
}
