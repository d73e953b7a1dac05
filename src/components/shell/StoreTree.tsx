import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '../../lib/query';
import { observeRectAfterLayout } from '../../lib/virtual-rect';
import { useVault } from '../../state/vault-store';
import { groupsOf, typeaheadIndex, visibleRows, type TreeRow } from './store-tree-model';

const CLIENT_ROW_PX = 30;
const STORE_ROW_PX = 44;
/** Type-ahead keys typed within this long of each other make one prefix. */
const TYPEAHEAD_MS = 700;

/**
 * The client → store tree: searchable, collapsible, virtualised (only the rows in view are in the page), and a
 * WAI-ARIA tree for the keyboard: arrows move and open or close, Enter opens, letters jump to a matching name.
 */
export function StoreTree() {
  const nav = useQuery('getNavigation', {}).data;
  const view = useVault((s) => s.view);
  const show = useVault((s) => s.show);
  const [search, setSearch] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const groups = useMemo(() => groupsOf(nav), [nav]);
  const rows = useMemo(() => visibleRows(groups, collapsed, search), [groups, collapsed, search]);
  const activeKey = view.kind === 'store' ? view.storeId : view.kind === 'client' ? view.clientId : null;
  const [focusKey, setFocusKey] = useState<string | null>(null);
  // The row that takes Tab into the tree: the focused one, else the open store or client, else the first.
  const current = Math.max(
    0,
    rows.findIndex((r) => r.key === (focusKey ?? activeKey)),
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const wantsFocus = useRef(false);
  const typed = useRef({ text: '', at: 0 });

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'client' ? CLIENT_ROW_PX : STORE_ROW_PX),
    getItemKey: (i) => rows[i]?.key ?? i,
    observeElementRect: observeRectAfterLayout,
    overscan: 8,
  });

  // Keyboard moves: scroll the row into the window, then focus it once it is rendered.
  useEffect(() => {
    if (!wantsFocus.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-tree-index="${current}"]`);
    if (el) {
      wantsFocus.current = false;
      el.focus();
    }
  });

  const moveTo = (index: number) => {
    if (index < 0 || index >= rows.length) return;
    wantsFocus.current = true;
    setFocusKey(rows[index]!.key);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const toggle = (key: string, open: boolean) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (open) next.delete(key);
      else next.add(key);
      return next;
    });
  const activate = (row: TreeRow) => {
    if (row.kind === 'store') show({ kind: 'store', storeId: row.storeId });
    else if (row.clientId) show({ kind: 'client', clientId: row.clientId });
    else toggle(row.key, !row.expanded);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[current];
    if (!row || e.altKey || e.ctrlKey || e.metaKey) return;
    const handled = () => e.preventDefault();
    switch (e.key) {
      case 'ArrowDown':
        handled();
        return moveTo(current + 1);
      case 'ArrowUp':
        handled();
        return moveTo(current - 1);
      case 'Home':
        handled();
        return moveTo(0);
      case 'End':
        handled();
        return moveTo(rows.length - 1);
      case 'ArrowRight':
        handled();
        if (row.kind === 'client' && !row.expanded) return toggle(row.key, true);
        if (row.kind === 'client') return moveTo(current + 1);
        return;
      case 'ArrowLeft':
        handled();
        if (row.kind === 'client' && row.expanded) return toggle(row.key, false);
        if (row.kind === 'store') return moveTo(rows.findIndex((r) => r.key === row.parentKey));
        return;
      case 'Enter':
      case ' ':
        handled();
        return activate(row);
    }
    if (e.key.length === 1 && /\S/.test(e.key)) {
      handled();
      const now = e.timeStamp;
      const text = now - typed.current.at < TYPEAHEAD_MS ? typed.current.text + e.key : e.key;
      typed.current = { text, at: now };
      const found = typeaheadIndex(rows, text.length > 1 ? current - 1 : current, text);
      if (found >= 0) moveTo(found);
    }
  };

  const items = virtualizer.getVirtualItems();
  return (
    <nav className="store-tree" aria-label="Stores">
      <div className="store-tree-head">
        <input
          type="search"
          className="store-tree-search"
          aria-label="Search stores"
          placeholder="Search stores…"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setFocusKey(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && rows.length > 0) {
              e.preventDefault();
              moveTo(0);
            }
          }}
        />
        <button type="button" className="primary wide" onClick={() => show({ kind: 'add-store' })}>
          + Add store
        </button>
      </div>
      {nav && rows.length === 0 && (
        <p className="muted store-tree-empty" role="status">
          {search ? 'No client or store matches.' : 'No stores yet.'}
        </p>
      )}
      <div ref={scrollRef} className="store-tree-scroll" role="tree" aria-label="All stores" onKeyDown={onKeyDown}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            const active = row.key === activeKey;
            const common = {
              'data-tree-index': item.index,
              role: 'treeitem',
              tabIndex: item.index === current ? 0 : -1,
              'aria-current': active ? ('page' as const) : undefined,
              'aria-selected': active,
              className: `tree-row tree-${row.kind}${active ? ' active' : ''}`,
              style: { transform: `translateY(${item.start}px)`, height: item.size },
              onClick: () => {
                setFocusKey(row.key);
                activate(row);
              },
            };
            return row.kind === 'client' ? (
              <div
                key={item.key}
                {...common}
                aria-level={1}
                aria-expanded={row.expanded}
                aria-description={`${row.storeCount} store${row.storeCount === 1 ? '' : 's'}`}
              >
                <span
                  className="tree-caret"
                  aria-hidden="true"
                  onClick={(e) => {
                    e.stopPropagation();
                    setFocusKey(row.key);
                    toggle(row.key, !row.expanded);
                  }}
                >
                  {row.expanded ? '▾' : '▸'}
                </span>
                <span className="sr-only">Client </span>
                <span className="tree-name">{row.name}</span>
                <span className="tree-count" aria-hidden="true">
                  {row.storeCount}
                </span>
              </div>
            ) : (
              <div
                key={item.key}
                {...common}
                aria-level={2}
                aria-posinset={row.pos}
                aria-setsize={row.size}
                aria-description={row.parentName}
              >
                <span className="store-label">{row.label}</span>
                <span className="store-meta">{row.meta}</span>
              </div>
            );
          })}
        </div>
      </div>
    </nav>
  );
}
