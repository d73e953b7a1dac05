import { lazy, Suspense, useEffect } from 'react';
import { create } from 'zustand';
import { Icon } from './icons';

// The switcher's code (and cmdk's) loads the first time it opens: nothing of it runs before the first paint.
const Switcher = lazy(() => import('./Switcher').then((m) => ({ default: m.Switcher })));

export const useSwitcher = create<{ open: boolean; setOpen(open: boolean): void }>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
export const SWITCHER_KEYS = isMac ? '⌘K' : 'Ctrl+K';

/** Ctrl+K (⌘K on macOS) opens the switcher from anywhere; the switcher itself once asked for. */
export function SwitcherHost() {
  const open = useSwitcher((s) => s.open);
  const setOpen = useSwitcher((s) => s.setOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'k' || e.altKey || e.shiftKey || !(isMac ? e.metaKey : e.ctrlKey)) return;
      e.preventDefault();
      useSwitcher.getState().setOpen(!useSwitcher.getState().open);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <Switcher open={open} onOpenChange={setOpen} />
    </Suspense>
  );
}

/** The navigation's entry to the switcher, for those who do not know the keys. */
export function SwitcherButton({ collapsed }: { collapsed: boolean }) {
  const setOpen = useSwitcher((s) => s.setOpen);
  return (
    <button
      type="button"
      className="nav-item switcher-button"
      aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
      title={collapsed ? `Go to… (${SWITCHER_KEYS})` : undefined}
      onClick={() => setOpen(true)}
    >
      <Icon name="search" />
      <span className="nav-label">Go to…</span>
      <kbd className="nav-label" aria-hidden="true">
        {SWITCHER_KEYS}
      </kbd>
    </button>
  );
}
