import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { call } from '../../lib/api';
import { useInventoryRows } from '../../lib/use-inventory-rows';
import { observeRectAfterLayout, scrollUnlessNew, windowRect } from '../../lib/virtual-rect';
import { firstViewPainted } from '../../lib/startup';
import { useChecks } from '../../state/check-store';
import { useInventory } from '../../state/inventory-store';
import { useVault } from '../../state/vault-store';
import { BulkBar } from './BulkBar';
import { CheckProgress } from './CheckProgress';
import { InventoryToolbar } from './InventoryToolbar';
import { useSelectionFacts } from './selection';
import { InventoryLoading, InventoryUnreadable } from './InventoryStates';
import { PendingRow, TokenRow } from './TokenRow';
import { columnSortOf, sortKeyOf } from './column-sort';
import { INVENTORY_COLUMNS } from './columns';
import { gridStyle } from '../table/DataTable';
import { TableHead } from '../table/TableHead';
import { ColumnChooser } from '../table/ColumnChooser';
import { useDataTable } from '../table/use-data-table';

const ROW_HEIGHT = 40;

/** Every token across clients, stores and providers in one virtualised grid: search, filters, sort, bulk actions. */
export function InventoryView() {
  const openToken = useVault((s) => s.openToken);
  const show = useVault((s) => s.show);
  const { filters, sort, selected, focus, setFilter, clearFilters, setSort, toggle, setSelected, setFocus } =
    useInventory();
  // Main orders the rows (queryInventory): a header asks for one of the orders its query answers.
  const dt = useDataTable({
    tableId: 'inventory',
    columns: INVENTORY_COLUMNS,
    sort: columnSortOf(sort),
    onSort: (s) => {
      const key = sortKeyOf(s);
      if (key) setSort(key);
    },
    leadingWidth: 34,
  });
  // Only what the view shows: a running check's progress ticks re-render CheckProgress, not the whole grid.
  const proposeCheck = useChecks((s) => s.propose);
  const checkRunning = useChecks((s) => s.current?.running ?? false);
  const [bulkMessage, setBulkMessage] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const initialRect = useRef(windowRect());
  const focusAfterRender = useRef(false);

  // Main filters and sorts; this view holds the rows on screen and a page or two around them.
  const inv = useInventoryRows();
  const selection = useSelectionFacts(selected, filters, sort, inv.revision);
  // The header checkbox answers the click at once; main's count confirms it.
  const [pendingAll, setPendingAll] = useState<boolean | null>(null);
  useEffect(() => setPendingAll(null), [selection]);
  const allShownSelected = pendingAll ?? (inv.total > 0 && selection.shown === inv.total);

  const virtualizer = useVirtualizer({
    count: inv.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    initialRect: initialRect.current,
    observeElementRect: observeRectAfterLayout,
    scrollToFn: scrollUnlessNew,
  });
  const focusIndex = Math.min(focus, Math.max(inv.total - 1, 0));
  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? 0;
  const lastShown = items[items.length - 1]?.index ?? 0;
  const { ensure } = inv;
  useEffect(() => {
    if (inv.total > 0) ensure(firstShown, Math.min(lastShown, inv.total - 1));
  }, [ensure, firstShown, lastShown, inv.total, inv.rows]);

  // Stable handlers, so a row re-renders only when its own data, place, focus or selection changes.
  const focusRef = useRef(focusIndex);
  focusRef.current = focusIndex;
  const openRow = useCallback(
    (id: string, index: number) => {
      setFocus(index);
      openToken(id);
    },
    [setFocus, openToken],
  );
  const focusRow = useCallback((index: number) => index !== focusRef.current && setFocus(index), [setFocus]);

  // The rest of the app's start-up calls wait for this view's first rows to be on screen.
  useEffect(() => {
    if (inv.ready) requestAnimationFrame(() => firstViewPainted());
  }, [inv.ready]);

  // Focus follows the keyboard, but only onto a row main has answered (a far jump waits for its page).
  useEffect(() => {
    if (useInventory.getState().refocusRow) {
      useInventory.setState({ refocusRow: false });
      focusAfterRender.current = true;
    }
    if (!focusAfterRender.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"][tabindex]`);
    if (!row) return;
    focusAfterRender.current = false;
    row.focus();
  });

  if (!inv.ready) return <InventoryLoading />;
  if (inv.error && inv.rows.size === 0) return <InventoryUnreadable message={inv.error.message} onRetry={inv.reload} />;

  function moveFocus(next: number) {
    const i = Math.max(0, Math.min(inv.total - 1, next));
    setFocus(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    focusAfterRender.current = true;
    // The row may already be rendered: focus it now too.
    requestAnimationFrame(() => {
      const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"][tabindex]`);
      if (row) {
        focusAfterRender.current = false;
        row.focus();
      }
    });
  }

  function onGridKey(e: KeyboardEvent<HTMLDivElement>) {
    const onCheckbox = (e.target as HTMLElement).tagName === 'INPUT';
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const focused = inv.rows.get(focusIndex);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveFocus(focusIndex + 1),
      ArrowUp: () => moveFocus(focusIndex - 1),
      PageDown: () => moveFocus(focusIndex + page),
      PageUp: () => moveFocus(focusIndex - page),
      Home: () => moveFocus(0),
      End: () => moveFocus(inv.total - 1),
      Enter: () => {
        if (focused) openToken(focused.id);
      },
    };
    if (!onCheckbox) keys[' '] = () => focused && toggle(focused.id);
    const action = keys[e.key];
    if (action && inv.total > 0) {
      e.preventDefault();
      action();
    }
  }

  async function toggleAllShown() {
    setPendingAll(!allShownSelected);
    const res = await call('queryInventory', { filters, sort, offset: 0, limit: 0, withIds: true });
    if (!res.ok) {
      setPendingAll(null);
      setBulkMessage(`Could not read the tokens: ${res.error.message}`);
      return;
    }
    const shown = res.value.ids ?? [];
    if (allShownSelected) {
      const next = new Set(selected);
      for (const id of shown) next.delete(id);
      setSelected(next);
    } else setSelected([...selected, ...shown]);
  }

  return (
    <section className="inventory" aria-labelledby="inventory-title">
      <header className="inventory-head">
        <h2 id="inventory-title">Inventory</h2>
        <p className="muted" role="status" data-testid="inventory-count">
          {inv.total === inv.totalAll
            ? `${inv.total} token${inv.total === 1 ? '' : 's'}`
            : `${inv.total} of ${inv.totalAll} tokens`}
        </p>
        <button
          type="button"
          className="small"
          onClick={() => proposeCheck({ all: true }, 'all tokens')}
          disabled={checkRunning || inv.totalAll === 0}
        >
          Check all
        </button>
        <ColumnChooser dt={dt} label="Tokens" />
      </header>
      <InventoryToolbar
        facets={inv.facets}
        onArrowDown={() => {
          if (inv.total === 0) return false;
          moveFocus(0);
          return true;
        }}
      />
      {filters.ids && (
        <p className="banner banner-warning">
          Showing the {filters.ids.length} token{filters.ids.length === 1 ? '' : 's'} a notification pointed at.
          <button type="button" className="link" onClick={() => setFilter('ids', null)}>
            Show all tokens
          </button>
        </p>
      )}
      <BulkBar selection={selection} shownTotal={inv.total} onMessage={setBulkMessage} />
      {bulkMessage && (
        <p className="banner" role="status">
          <span>{bulkMessage}</span>
          <button type="button" className="link" onClick={() => setBulkMessage(null)} aria-label="Dismiss message">
            Dismiss
          </button>
        </p>
      )}
      {inv.error && (
        <p className="banner banner-warning" role="alert">
          {inv.error.message}
          <button type="button" className="link" onClick={inv.reload}>
            Try again
          </button>
        </p>
      )}
      <CheckProgress />
      {inv.totalAll === 0 ? (
        <div className="empty">
          <h3>No tokens yet</h3>
          <p className="muted">
            Add a store, then paste its token: the value goes straight to your OS keychain and this table lists it.
          </p>
          <button type="button" className="primary" onClick={() => show({ kind: 'add-store' })}>
            Add a store
          </button>
        </div>
      ) : (
        <div
          className="dt inventory-grid"
          role="grid"
          aria-label="Tokens"
          aria-rowcount={inv.total + 1}
          aria-colcount={dt.shown.length + 1}
          aria-multiselectable="true"
          data-testid="inventory-grid"
          style={gridStyle(dt.template, dt.width)}
        >
          <TableHead
            dt={dt}
            leading={
              <div role="columnheader" className="cell cell-select">
                <input
                  type="checkbox"
                  aria-label={
                    allShownSelected ? `Unselect all ${inv.total} shown tokens` : `Select all ${inv.total} shown tokens`
                  }
                  checked={allShownSelected}
                  disabled={inv.total === 0}
                  onChange={() => void toggleAllShown()}
                />
              </div>
            }
          />
          <div ref={scrollRef} className="dt-body" role="rowgroup" data-testid="inventory-scroll" onKeyDown={onGridKey}>
            {inv.total === 0 ? (
              <div role="row" aria-rowindex={2} className="dt-row grid-empty">
                <div role="gridcell" className="cell">
                  No token matches. Try fewer words, or{' '}
                  <button type="button" className="link" onClick={clearFilters}>
                    clear the filters
                  </button>
                  .
                </div>
              </div>
            ) : (
              <div className="dt-spacer" style={{ height: virtualizer.getTotalSize() }}>
                {items.map((item) => {
                  const row = inv.rows.get(item.index);
                  if (!row) return <PendingRow key={item.index} index={item.index} top={item.start} />;
                  return (
                    <TokenRow
                      // By position: a new search updates the rows on screen in place instead of rebuilding them.
                      key={item.index}
                      row={row}
                      index={item.index}
                      top={item.start}
                      columns={dt.shown}
                      focused={item.index === focusIndex}
                      selected={selected.has(row.id)}
                      onToggle={toggle}
                      onOpen={openRow}
                      onFocus={focusRow}
                    />
                  );
                })}
              </div>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
