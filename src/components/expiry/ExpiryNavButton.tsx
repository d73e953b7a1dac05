import { useVault } from '../../state/vault-store';
import { useAttentionCount } from './expiry-store';

/** The "Expiry" entry of the Views nav, with how many tokens need attention. */
export function ExpiryNavButton() {
  const view = useVault((s) => s.view);
  const show = useVault((s) => s.show);
  const count = useAttentionCount()?.count ?? 0;
  const active = view.kind === 'expiry';
  return (
    <button
      type="button"
      className={active ? 'active' : undefined}
      aria-current={active ? 'page' : undefined}
      aria-label={`Expiry: ${count} token${count === 1 ? '' : 's'} need${count === 1 ? 's' : ''} attention`}
      onClick={() => {
        show({ kind: 'expiry' });
      }}
    >
      Expiry
      {count > 0 && (
        <span className="sev sev-warning" aria-hidden="true">
          {count}
        </span>
      )}
    </button>
  );
}
