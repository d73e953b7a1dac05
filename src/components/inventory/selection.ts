import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { EMPTY_FILTERS, type Filters, type SortKey } from '../../lib/inventory';

export type SelectionFacts = { existing: string[]; shown: number; active: number };

/**
 * What the bulk bar says about the selection, asked from main when the selection, filters or vault change:
 * which selected tokens still exist, how many of them the filters show, how many are active.
 */
export function useSelectionFacts(
  selected: ReadonlySet<string>,
  filters: Filters,
  sort: SortKey,
  revision: number,
): { existing: string[]; shown: number; active: number } {
  const [facts, setFacts] = useState<{ existing: string[]; shown: number; active: number }>(NO_SELECTION);
  useEffect(() => {
    if (selected.size === 0) {
      setFacts(NO_SELECTION);
      return;
    }
    let stale = false;
    const ids = [...selected];
    const only = (extra: Partial<Filters>) => ({
      filters: { ...EMPTY_FILTERS, ids, ...extra },
      sort,
      offset: 0,
      limit: 0,
    });
    void Promise.all([
      call('queryInventory', { ...only({}), withIds: true }),
      call('queryInventory', { filters, sort, offset: 0, limit: 0, countOf: ids }),
      call('queryInventory', only({ status: 'active' })),
    ]).then(([existing, shown, active]) => {
      if (stale) return;
      setFacts({
        existing: existing.ok ? (existing.value.ids ?? []) : ids,
        shown: shown.ok ? (shown.value.countOf ?? 0) : 0,
        active: active.ok ? active.value.total : 0,
      });
    });
    return () => {
      stale = true;
    };
  }, [selected, filters, sort, revision]);
  return facts;
}
const NO_SELECTION = { existing: [] as string[], shown: 0, active: 0 };
