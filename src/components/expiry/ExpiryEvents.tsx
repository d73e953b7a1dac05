import { useEffect } from 'react';
import { on } from '../../lib/api';
import { useVault } from '../../state/vault-store';
import { useExpiry } from './expiry-store';

/**
 * Mounted once by the app: keeps the attention count (and an open view's overview) fresh when the vault
 * changes, and opens what a clicked notification names (one token: its store; several: the Expiry view).
 * Renders nothing.
 */
export function ExpiryEvents() {
  useEffect(() => {
    useExpiry.getState().refresh();
    const offVault = on('vaultChanged', () => useExpiry.getState().refresh());
    const offOpen = on(
      'openToken',
      (payload) => void openTokens('tokenId' in payload ? [payload.tokenId] : payload.tokenIds),
    );
    // Days left and ended snoozes change with time, not only with the vault: re-read when the window comes back.
    const onFocus = () => useExpiry.getState().refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      offVault();
      offOpen();
      window.removeEventListener('focus', onFocus);
    };
  }, []);
  return null;
}

async function openTokens(tokenIds: readonly string[]): Promise<void> {
  const vault = useVault.getState();
  if (tokenIds.length !== 1) {
    vault.show({ kind: 'expiry' });
    return;
  }
  const find = () => useVault.getState().snapshot?.tokens.find((t) => t.id === tokenIds[0]);
  // The notification may name a token added since the window last read the vault.
  if (!find()) await vault.refresh();
  const token = find();
  vault.show(token ? { kind: 'store', storeId: token.storeId } : { kind: 'expiry' });
}
