import { useEffect, useState } from 'react';
import { useQuery, writeResult } from '../../lib/query';

const MIRROR_KEY = 'keyward.navCollapsed';

/** The last known choice, kept in the page's storage so the first paint already has it (main answers later). */
function mirrored(): boolean | null {
  try {
    const v = window.localStorage.getItem(MIRROR_KEY);
    return v === null ? null : v === 'true';
  } catch {
    return null;
  }
}

function mirror(value: boolean): void {
  try {
    window.localStorage.setItem(MIRROR_KEY, String(value));
  } catch {
    // Storage off: the UI settings still hold it.
  }
}

/**
 * Whether the left navigation shows icons only: kept in the UI settings, so the next start opens it the same way.
 * Until the settings answer, and where they cannot be saved (status-only mode), the window's own choice holds.
 */
export function useNavCollapsed(): [boolean, () => void] {
  const saved = useQuery('getUiSettings', {}).data?.navCollapsed;
  const [local, setLocal] = useState<boolean | null>(null);
  const [early] = useState(mirrored);
  const collapsed = local ?? saved ?? early ?? false;
  useEffect(() => {
    if (saved !== undefined) mirror(saved);
  }, [saved]);
  const toggle = () => {
    const next = !collapsed;
    setLocal(next);
    mirror(next);
    void writeResult('updateUiSettings', { navCollapsed: next });
  };
  return [collapsed, toggle];
}
