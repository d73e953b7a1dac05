import { useVault } from '../../state/vault-store';

/** The Views nav entry for Import & backup. */
export function TransferNavButton() {
  const active = useVault((s) => s.view.kind === 'transfer');
  const show = useVault((s) => s.show);
  return (
    <button
      type="button"
      className={active ? 'active' : undefined}
      aria-current={active ? 'page' : undefined}
      onClick={() => show({ kind: 'transfer' })}
    >
      Import &amp; backup
    </button>
  );
}
