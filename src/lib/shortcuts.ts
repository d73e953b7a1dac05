import { useEffect } from 'react';
import { useInventory } from '../state/inventory-store';
import { useVault } from '../state/vault-store';

const typing = (el: Element | null): boolean =>
  el instanceof HTMLInputElement ||
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLElement && el.isContentEditable);

/** Focuses the inventory's search box, switching to the inventory first when needed. */
export function focusSearch(): void {
  const vault = useVault.getState();
  if (vault.view.kind !== 'inventory') vault.show({ kind: 'inventory' });
  let tries = 0;
  const attempt = () => {
    const box = document.getElementById('inventory-search');
    if (box) {
      (box as HTMLInputElement).focus();
      (box as HTMLInputElement).select();
    } else if (tries++ < 20) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** App-wide keys: `/` focuses search; Esc leaves a token's detail (open dialogs handle their own Esc). */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === '/' && !typing(document.activeElement)) {
        e.preventDefault();
        focusSearch();
        return;
      }
      if (e.key === 'Escape') {
        const vault = useVault.getState();
        if (vault.view.kind === 'token') {
          e.preventDefault();
          // Back in the inventory, the focus goes back on the row (once main has answered it).
          if (vault.previous.kind === 'inventory') useInventory.setState({ refocusRow: true });
          vault.back();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
