import type { Navigation } from '../../../electron/contract';

/** The key of the group of stores without a client. */
export const NO_CLIENT_KEY = 'no-client';

/** One visible line of the client → store tree: a client (level 1) or one of its stores (level 2). */
export type TreeRow =
  | { kind: 'client'; key: string; clientId: string | null; name: string; storeCount: number; expanded: boolean }
  | {
      kind: 'store';
      key: string;
      storeId: string;
      label: string;
      meta: string;
      parentKey: string;
      /** The client's name (or "No client"): read after the store's own name, since the tree is flat. */
      parentName: string;
      /** Position among its client's visible stores (1-based) and their count, for aria-posinset/setsize. */
      pos: number;
      size: number;
    };

interface Group {
  key: string;
  clientId: string | null;
  name: string;
  stores: { id: string; label: string; meta: string; haystack: string }[];
}

/** Clients in vault order with their stores; the stores without a client last. Built once per answer. */
export function groupsOf(nav: Navigation | undefined): Group[] {
  if (!nav) return [];
  const byClient = new Map<string, Group['stores']>();
  const none: Group['stores'] = [];
  for (const s of nav.stores) {
    const n = s.tokenCount;
    const entry = {
      id: s.id,
      label: s.label,
      meta: `${s.providerName} · ${n} token${n === 1 ? '' : 's'}`,
      haystack: `${s.label} ${s.providerName}`.toLowerCase(),
    };
    if (!s.clientId) none.push(entry);
    else {
      const list = byClient.get(s.clientId);
      if (list) list.push(entry);
      else byClient.set(s.clientId, [entry]);
    }
  }
  const groups: Group[] = nav.clients.map((c) => ({
    key: c.id,
    clientId: c.id,
    name: c.name,
    stores: byClient.get(c.id) ?? [],
  }));
  if (none.length > 0)
    groups.push({
      key: NO_CLIENT_KEY,
      clientId: null,
      name: nav.clients.length ? 'No client' : 'Stores',
      stores: none,
    });
  return groups;
}

/**
 * The tree's visible rows. A search keeps the stores whose name or provider holds every term, and every store of
 * a client whose name holds them; matching groups open whatever their collapsed state.
 */
export function visibleRows(groups: Group[], collapsed: ReadonlySet<string>, search: string): TreeRow[] {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  const rows: TreeRow[] = [];
  for (const g of groups) {
    const clientMatch = terms.length > 0 && terms.every((t) => g.name.toLowerCase().includes(t));
    const stores =
      terms.length === 0 || clientMatch ? g.stores : g.stores.filter((s) => terms.every((t) => s.haystack.includes(t)));
    if (terms.length > 0 && !clientMatch && stores.length === 0) continue;
    const expanded = terms.length > 0 || !collapsed.has(g.key);
    rows.push({ kind: 'client', key: g.key, clientId: g.clientId, name: g.name, storeCount: stores.length, expanded });
    if (!expanded) continue;
    stores.forEach((s, i) =>
      rows.push({
        kind: 'store',
        key: s.id,
        storeId: s.id,
        label: s.label,
        meta: s.meta,
        parentKey: g.key,
        parentName: g.clientId === null ? 'No client' : g.name,
        pos: i + 1,
        size: stores.length,
      }),
    );
  }
  return rows;
}

export const rowName = (row: TreeRow): string => (row.kind === 'client' ? row.name : row.label);

/** Type-ahead: the next row after `from` whose name starts with `prefix` (wrapping), or -1. */
export function typeaheadIndex(rows: TreeRow[], from: number, prefix: string): number {
  const p = prefix.toLowerCase();
  for (let step = 1; step <= rows.length; step++) {
    const i = (from + step) % rows.length;
    if (rowName(rows[i]!).toLowerCase().startsWith(p)) return i;
  }
  return -1;
}
