import { useState } from 'react';
import { call } from '../lib/api';
import { useQuery } from '../lib/query';

/** What main said about reading the vault (a copy loaded, a file moved aside) and the keychain's state. */
export function NoticeBar() {
  const snapshot = useQuery('getVaultStatus', {}).data;
  // Dismissed for this window's life: main says it again on the next start while it is still true.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const [folder, setFolder] = useState<string | null>(null);
  if (!snapshot) return null;
  const notices = snapshot.notices.filter((n) => !dismissed.has(n.id));
  const keychain = snapshot.keychain.available
    ? null
    : `${snapshot.keychain.message} Your token list is safe; storing, replacing or deleting secrets waits until the keychain is back.`;
  if (notices.length === 0 && !keychain) return null;

  const openFolder = async () => {
    const res = await call('openDataFolder', {});
    if (res.ok && res.value.opened) return setFolder(null);
    const info = await call('getAppInfo', {});
    setFolder(info.ok ? `Open it yourself: ${info.value.dataDir}` : 'The data folder could not be opened.');
  };

  return (
    <div className="notices" role="region" aria-label="Notices">
      {keychain && <p className="banner banner-critical">{keychain}</p>}
      {notices.map((n) => (
        <div key={n.id} className={`banner banner-${n.severity}`}>
          <p className="notice-text">{n.message}</p>
          <div className="notice-actions">
            {n.id.startsWith('vault-') && n.severity !== 'info' && (
              <button type="button" className="small" onClick={() => void openFolder()}>
                Open data folder
              </button>
            )}
            <button
              type="button"
              className="link"
              aria-label={`Dismiss: ${n.message.slice(0, 60)}`}
              onClick={() => setDismissed((prev) => new Set(prev).add(n.id))}
            >
              Dismiss
            </button>
          </div>
        </div>
      ))}
      {folder && (
        <p className="muted" role="status">
          {folder}
        </p>
      )}
    </div>
  );
}
