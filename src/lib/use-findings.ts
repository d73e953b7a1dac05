import { useEffect } from 'react';
import type { Finding } from '../../electron/contract';
import { useVault } from '../state/vault-store';

/** The findings list for a view that shows it (null while it is first fetched); kept fresh while the view is open. */
export function useFindings(): Finding[] | null {
  useEffect(() => useVault.getState().wantFindings(), []);
  return useVault((s) => s.findings);
}
