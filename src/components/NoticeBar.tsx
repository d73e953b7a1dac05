import { useVault } from '../state/vault-store';

export function NoticeBar() {
  const snapshot = useVault((s) => s.snapshot);
  if (!snapshot) return null;
  const notices = [...snapshot.notices];
  if (!snapshot.keychain.available) {
    notices.unshift({
      id: 'keychain',
      severity: 'critical',
      message: `${snapshot.keychain.message} Your token list is safe; storing, replacing or deleting secrets waits until the keychain is back.`,
    });
  }
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="region" aria-label="Notices">
      {notices.map((n) => (
        <p key={n.id} className={`banner banner-${n.severity}`}>
          {n.message}
        </p>
      ))}
    </div>
  );
}
