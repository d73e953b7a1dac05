import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a confirmation stays on screen when nothing else says when it stops being true. */
export const TRANSIENT_MS = 8_000;

/**
 * A message that goes by itself: after `ms` (default TRANSIENT_MS; Infinity keeps it, e.g. an error to act on), or
 * when a newer one replaces it. For what is
 * true only for a while ("the clipboard clears in 30 s" goes when the clipboard clears).
 */
export function useTransient<T>(): [T | null, (value: T | null, ms?: number) => void] {
  const [value, setValue] = useState<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const show = useCallback((next: T | null, ms: number = TRANSIENT_MS) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setValue(next);
    if (next !== null && Number.isFinite(ms)) timer.current = setTimeout(() => setValue(null), ms);
  }, []);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return [value, show];
}
