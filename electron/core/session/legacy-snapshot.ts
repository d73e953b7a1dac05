// The whole-vault snapshot (getVault) and its changes since a served revision (getVaultChanges): the window's
// mirror of the vault reads these until it asks main for pages instead; this file then goes as a whole.
import { randomUUID } from 'node:crypto';
import type { VaultSnapshot, VaultSnapshotChanges } from '../../contract';
import { snapshotChanges, tokenSummary } from '../inventory/snapshot-changes';
import type { SecretStore } from '../ports';
import type { FrozenVault } from '../vault/plain-data';
import type { VaultData } from '../vault/vault-data';
import type { HandlersFor } from '../features/handler-map';
import type { Session } from './session';

/** Revisions a renderer may be behind and still get changes (it asks after each change: it is rarely behind). */
const RECENT_REVISIONS = 4;

export class LegacySnapshot {
  private notices: VaultSnapshot['notices'] = [];
  private summaries = new WeakMap<object, VaultSnapshot['tokens']>();
  /** The vaults most recently served, by revision, all of the current reading: changesSince's bases. */
  private served = new Map<number, VaultData>();
  /** Each vault's reading of the file (VaultReadId): set on a read, passed on to each revision saved from it. */
  private readIds = new WeakMap<object, string>();

  constructor(
    private readonly session: Session,
    private readonly secrets: SecretStore,
  ) {
    session.onLoad((loaded) => {
      // A new reading (its own VaultReadId): nothing served before can be a base for it, so keep none.
      this.served.clear();
      this.readIds.set(loaded.data, randomUUID());
      if (loaded.notices.length)
        this.notices = [...this.notices.filter((n) => !loaded.notices.some((l) => l.id === n.id)), ...loaded.notices];
    });
    session.onCommit(({ base, vault }) => this.readIds.set(vault, this.readIdOf(base)));
  }

  async snapshot(): Promise<VaultSnapshot> {
    const data = (await this.session.vault()) as VaultData;
    this.serve(data);
    // Tokens as the snapshot carries them (no check history): the list made once per revision, each summary once per token.
    let tokens = this.summaries.get(data);
    if (!tokens) this.summaries.set(data, (tokens = data.tokens.map(tokenSummary)));
    return {
      revision: data.revision,
      readId: this.readIdOf(data),
      clients: data.clients,
      stores: data.stores,
      tokens,
      keychain: await this.secrets.state(),
      notices: this.notices,
    };
  }

  /** The snapshot as changes since revision `since` of reading `readId`, served by this process; else 'full'. */
  async changesSince(since: number, readId: string): Promise<VaultSnapshotChanges> {
    const data = (await this.session.vault()) as VaultData;
    this.serve(data);
    const base = readId === this.readIdOf(data) ? this.served.get(since) : undefined;
    const lists = base && snapshotChanges(base, data);
    if (!lists) return { kind: 'full' };
    return {
      kind: 'changes',
      since,
      revision: data.revision,
      readId,
      ...lists,
      keychain: await this.secrets.state(),
      notices: this.notices,
    };
  }

  private readIdOf(data: FrozenVault | VaultData): string {
    let id = this.readIds.get(data);
    if (!id) this.readIds.set(data, (id = randomUUID()));
    return id;
  }

  private serve(data: VaultData): void {
    const readId = this.readIdOf(data);
    // Bases of another reading share no object with this one, and one revision number may name two vaults.
    for (const [revision, served] of this.served) if (this.readIdOf(served) !== readId) this.served.delete(revision);
    this.served.set(data.revision, data);
    for (const revision of this.served.keys()) {
      if (this.served.size <= RECENT_REVISIONS) break;
      this.served.delete(revision);
    }
  }
}

export function legacySnapshotHandlers(legacy: LegacySnapshot): HandlersFor<'getVault' | 'getVaultChanges'> {
  return {
    getVault: () => legacy.snapshot(),
    getVaultChanges: ({ since, readId }) => legacy.changesSince(since, readId),
  };
}
