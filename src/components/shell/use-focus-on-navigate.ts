import { useEffect, useRef } from 'react';
import { useInventory } from '../../state/inventory-store';
import type { View } from '../../state/vault-store';

/** How long a view may take to show its heading (a lazy chunk, then main's answer). */
const WAIT_MS = 3000;

/**
 * After each navigation, focus goes to the new view's heading, so a keyboard or screen-reader user starts at the top
 * of what opened. It stays put when the user has already moved it (typed into a field, or the inventory put it back
 * on the row the user came from).
 */
export function useFocusOnNavigate(view: View): void {
  const key = JSON.stringify(view);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (useInventory.getState().refocusRow) return;
    const origin = document.activeElement;
    const untouched = () =>
      document.activeElement === origin || document.activeElement === document.body || !document.activeElement;
    const tryFocus = (): boolean => {
      const heading = document.querySelector<HTMLElement>('main h2');
      if (!heading) return false;
      if (untouched()) {
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus();
      }
      return true;
    };
    if (tryFocus()) return;
    const main = document.querySelector('main');
    if (!main) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) stop();
    });
    const timer = setTimeout(() => stop(), WAIT_MS);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(main, { childList: true, subtree: true });
    return stop;
  }, [key]);
}
