import { useState } from 'react';
import { useQuery, writeResult } from '../../lib/query';

/**
 * Whether the left navigation shows icons only: kept in the UI settings, so the next start opens it the same way.
 * Until the settings answer, and where they cannot be saved (status-only mode), the window's own choice holds.
 */
export function useNavCollapsed(): [boolean, () => void] {
  const saved = useQuery('getUiSettings', {}).data?.navCollapsed;
  const [local, setLocal] = useState<boolean | null>(null);
  const collapsed = local ?? saved ?? false;
  const toggle = () => {
    const next = !collapsed;
    setLocal(next);
    void writeResult('updateUiSettings', { navCollapsed: next });
  };
  return [collapsed, toggle];
}
