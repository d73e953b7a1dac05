import { useEffect } from 'react';
import { call, on } from '../../lib/api';
import { refetch } from '../../lib/query';
import { useVault } from '../../state/vault-store';

/**
 * Mounted once by the app: re-reads expiry warnings when the window comes back (days left and ended snoozes
 * change with time, not only with the vault), and opens what a clicked notification names (one token: its
 * store; several: the Expiry view). Renders nothing.
 */
export function ExpiryEvents() {
  useEffect(() => {
    const offOpen = on(
      'openToken',
      (payload) => void openTokens('tokenId' in payload ? [payload.tokenId] : payload.tokenIds),
    );
    const onFocus = () => {
      refetch('expiryOverview');
      refetch('expiryAttentionCount');
    };
    window.addEventListener('focus', onFocus);
    return () => {
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
  const names = await call('getNames', { tokenIds: [tokenIds[0]!] });
  const token = names.ok ? names.value.tokens[0] : undefined;
  vault.show(token ? { kind: 'store', storeId: token.storeId } : { kind: 'expiry' });
}
