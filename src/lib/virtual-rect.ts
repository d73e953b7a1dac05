import { elementScroll, type Rect, type Virtualizer } from '@tanstack/react-virtual';

/**
 * The scroll box's size, told by ResizeObserver alone. The library's default also reads clientHeight as the grid
 * mounts, which forces a layout in the middle of React's commit, before the first paint; ResizeObserver reports
 * after the browser's own layout, in the same frame.
 */
export function observeRectAfterLayout<E extends HTMLElement>(
  instance: Virtualizer<E, Element>,
  cb: (rect: Rect) => void,
): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver(() => cb({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

/** Space above the grid's rows at a normal window size: the view's heading, the filters and the grid's header. */
const ABOVE_ROWS_PX = 260;

/**
 * Until ResizeObserver has spoken: the window's height less what sits above the rows, so the first render has
 * about the rows that fit (each one costs style, layout and paint before the first frame); ResizeObserver corrects it.
 */
export const windowRect = (): Rect =>
  typeof window === 'undefined'
    ? { width: 0, height: 0 }
    : { width: window.innerWidth, height: Math.max(200, window.innerHeight - ABOVE_ROWS_PX) };

const written = new WeakSet<Element>();
/**
 * The library's element scroll, except its first write to a new scroll box when that write is 0: the box is already
 * there, and the write (made as the grid mounts, in React's commit) costs the first frame a synchronous scroll update.
 */
export function scrollUnlessNew<E extends HTMLElement>(
  offset: number,
  options: { adjustments?: number; behavior?: ScrollBehavior },
  instance: Virtualizer<E, Element>,
): void {
  const element = instance.scrollElement;
  if (!element) return;
  const first = !written.has(element);
  written.add(element);
  if (first && offset + (options.adjustments ?? 0) === 0) return;
  elementScroll(offset, options, instance);
}
