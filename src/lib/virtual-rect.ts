import type { Rect, Virtualizer } from '@tanstack/react-virtual';

/**
 * The scroll box's size, told by ResizeObserver alone. The library's default also reads clientHeight as the grid
 * mounts, which forces a layout in the middle of React's commit, before the first paint; ResizeObserver reports
 * after the browser's own layout, in the same frame.
 */
export function observeRectAfterLayout<E extends HTMLElement>(instance: Virtualizer<E, Element>, cb: (rect: Rect) => void): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver(() => cb({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

/** Until ResizeObserver has spoken: the window's size, an upper bound, so the first render already has rows. */
export const windowRect = (): Rect => ({ width: typeof window === 'undefined' ? 0 : window.innerWidth, height: typeof window === 'undefined' ? 0 : window.innerHeight });
