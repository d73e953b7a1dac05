import { useQuery } from '../lib/query';

export function NoticeBar() {
  const snapshot = useQuery('getVaultStatus', {}).data;
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
