import type { Result, VaultSnapshot } from '../../electron/contract';
import { call } from './api';
import { applyVaultChanges } from './apply-vault-changes';

/** The latest snapshot: as changes to `current` when main can say them (bytes, not megabytes), else whole. */
export async function latestSnapshot(current: VaultSnapshot | null): Promise<Result<VaultSnapshot>> {
  if (current) {
    const res = await call('getVaultChanges', { since: current.revision, readId: current.readId });
    // Anything else (an error, 'full'): the whole snapshot, as before this channel existed.
    const next = res.ok && res.value.kind === 'changes' ? applyVaultChanges(current, res.value) : null;
    if (next) return { ok: true, value: next };
  }
  return call('getVault', {});
}
