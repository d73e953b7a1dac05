import { useVirtualizer } from '@tanstack/react-virtual';
import type { InventoryRow } from '../../../electron/contract';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { call } from '../../lib/api';
import { writeResult } from '../../lib/query';
import { localDay } from '../../lib/format';
import {
  EMPTY_FILTERS,
  NO_CLIENT,
  NO_FINDING,
  OUTCOME_LABELS,
  SORTS,
  STATUSES,
  toCsv,
  type Filters,
  type SortKey,
} from '../../lib/inventory';
import { useInventoryRows } from '../../lib/use-inventory-rows';
import { observeRectAfterLayout, windowRect } from '../../lib/virtual-rect';
import { firstViewPainted } from '../../lib/startup';
import { useChecks } from '../../state/check-store';
import { useInventory } from '../../state/inventory-store';
import { useSupportMode, useVault } from '../../state/vault-store';
import { ConfirmDialog } from '../ConfirmDialog';
import { CheckProgress } from './CheckProgress';

const ROW_HEIGHT = 40;
// = INVENTORY_MAX_PAGE in the contract (the renderer takes only types from it).
const INVENTORY_MAX_PAGE = 50_000;

/** Every token across clients, stores and providers in one virtualised grid: search, filters, sort, bulk actions. */
export function InventoryView() {
  const supportMode = useSupportMode();
  const openToken = useVault((s) => s.openToken);
  const show = useVault((s) => s.show);
  const { filters, sort, selected, focus, setFilter, clearFilters, setSort, toggle, setSelected, setFocus } =
    useInventory();
  // Only what the view shows: a running check's progress ticks re-render CheckProgress, not the whole grid.
  const startCheck = useChecks((s) => s.start);
  const checkRunning = useChecks((s) => s.current?.running ?? false);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
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

  if (!inv.ready) {
    return (
      <section className="inventory" aria-labelledby="inventory-title" aria-busy="true">
        <header className="inventory-head">
          <h2 id="inventory-title">Inventory</h2>
        </header>
        <p className="muted" role="status">
          Loading tokens…
        </p>
      </section>
    );
  }
  if (inv.error && inv.rows.size === 0) {
    return (
      <section className="inventory" aria-labelledby="inventory-title">
        <header className="inventory-head">
          <h2 id="inventory-title">Inventory</h2>
        </header>
        <div className="empty" role="alert">
          <h3>The inventory could not be read</h3>
          <p>{inv.error.message}</p>
          <button type="button" className="primary" onClick={inv.reload}>
            Try again
          </button>
        </div>
      </section>
    );
  }

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

  /** Every matching row (or every selected one), asked from main in one go: an action, not a keystroke. */
  async function rowsFor(which: 'selected' | 'shown'): Promise<InventoryRow[] | null> {
    const res = await call('queryInventory', {
      filters: which === 'selected' ? { ...EMPTY_FILTERS, ids: [...selected] } : filters,
      sort,
      offset: 0,
      limit: INVENTORY_MAX_PAGE,
    });
    if (!res.ok) {
      setBulkMessage(`Could not read the tokens: ${res.error.message}`);
      return null;
    }
    return res.value.rows;
  }

  async function exportCsv() {
    const chosen = await rowsFor(selection.existing.length > 0 ? 'selected' : 'shown');
    if (!chosen) return;
    const blob = new Blob([toCsv(chosen)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `keyward-tokens-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setBulkMessage(
      `Exported ${chosen.length} token${chosen.length === 1 ? '' : 's'} to CSV (metadata and masked fingerprints only, no secrets).`,
    );
  }

  async function deactivateSelected() {
    setConfirmDeactivate(false);
    const ids = selection.existing;
    if (ids.length === 0) return;
    // One change in main for the whole selection: one write, one refresh.
    const res = await writeResult('deactivateTokens', { ids });
    if (!res.ok) {
      setBulkMessage(`Nothing was deactivated: ${res.error.message}`);
      return;
    }
    const { deactivated, skipped } = res.value;
    const notActive = skipped.length;
    setBulkMessage(
      `Deactivated ${deactivated} token${deactivated === 1 ? '' : 's'} in Keyward. They still work at the provider until you revoke them there.` +
        (notActive
          ? ` ${notActive} selected token${notActive === 1 ? ' was' : 's were'} not active and stayed as they were.`
          : ''),
    );
  }

  function checkSelected() {
    setBulkMessage(null);
    const ids = selection.existing;
    if (ids.length === 0) return;
    void startCheck({ tokenIds: ids }, `${ids.length} selected token${ids.length === 1 ? '' : 's'}`, ids.length);
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

  const selectedCount = selection.existing.length;
  const filtersOn = Object.entries(filters).some(([k, v]) => (k === 'ids' ? v !== null : v !== ''));
  const facets = inv.facets;

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
          onClick={() => void startCheck({ all: true }, 'all tokens', inv.totalAll)}
          disabled={checkRunning || inv.totalAll === 0}
        >
          Check all
        </button>
      </header>
      <div className="toolbar" role="search" aria-label="Search and filter tokens">
        <div className="field search-field">
          <label htmlFor="inventory-search">Search tokens</label>
          <input
            id="inventory-search"
            type="search"
            aria-keyshortcuts="/"
            placeholder="Name, store, client or fingerprint tail  ( / )"
            value={filters.query}
            onChange={(e) => setFilter('query', e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && inv.total > 0) {
                e.preventDefault();
                moveFocus(0);
              }
            }}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
          />
        </div>
        <Select
          id="f-provider"
          label="Provider"
          value={filters.provider}
          onChange={(v) => setFilter('provider', v)}
          options={providerOptions(facets?.providers ?? NO_FACETS)}
        />
        <Select
          id="f-status"
          label="Status"
          value={filters.status}
          onChange={(v) => setFilter('status', v as Filters['status'])}
          options={STATUS_OPTIONS}
        />
        <Select
          id="f-mode"
          label="Mode"
          value={filters.mode}
          onChange={(v) => setFilter('mode', v as Filters['mode'])}
          options={MODE_OPTIONS}
        />
        <Select
          id="f-client"
          label="Client"
          value={filters.client}
          onChange={(v) => setFilter('client', v)}
          options={clientOptions(facets?.clients ?? NO_FACETS)}
        />
        <Select
          id="f-severity"
          label="Finding severity"
          value={filters.severity}
          onChange={(v) => setFilter('severity', v as Filters['severity'])}
          options={SEVERITY_OPTIONS}
        />
        <Select
          id="f-sort"
          label="Sort by"
          value={sort}
          onChange={(v) => setSort(v as SortKey)}
          options={SORT_OPTIONS}
        />
        {filtersOn && (
          <button type="button" className="small clear-filters" onClick={clearFilters}>
            Clear filters
          </button>
        )}
      </div>
      {filters.ids && (
        <p className="banner banner-warning">
          Showing the {filters.ids.length} token{filters.ids.length === 1 ? '' : 's'} a notification pointed at.
          <button type="button" className="link" onClick={() => setFilter('ids', null)}>
            Show all tokens
          </button>
        </p>
      )}
      <div className="bulkbar" role="toolbar" aria-label="Bulk actions">
        <span data-testid="selected-count">
          {selectedCount} selected
          {selectedCount > 0 && selection.shown !== selectedCount ? ` (${selection.shown} shown)` : ''}
        </span>
        <button
          type="button"
          className="small primary"
          onClick={checkSelected}
          disabled={selectedCount === 0 || checkRunning}
        >
          Check selected
        </button>
        {!supportMode && (
          <button
            type="button"
            className="small"
            onClick={() => setConfirmDeactivate(true)}
            disabled={selection.active === 0}
          >
            Deactivate selected
          </button>
        )}
        <button
          type="button"
          className="small"
          onClick={() => void exportCsv()}
          disabled={inv.total === 0 && selectedCount === 0}
        >
          {selectedCount > 0 ? 'Export selected (CSV)' : 'Export shown (CSV)'}
        </button>
        {selectedCount > 0 && (
          <button type="button" className="small link" onClick={() => setSelected([])}>
            Clear selection
          </button>
        )}
      </div>
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
          className="grid"
          role="grid"
          aria-label="Tokens"
          aria-rowcount={inv.total + 1}
          aria-colcount={COLUMNS.length + 1}
          aria-multiselectable="true"
          data-testid="inventory-grid"
          onKeyDown={onGridKey}
        >
          <div role="rowgroup" className="grid-head">
            <div role="row" aria-rowindex={1} className="grid-row">
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
              {COLUMNS.map((c) => (
                <div key={c} role="columnheader" className="cell">
                  {c}
                </div>
              ))}
            </div>
          </div>
          <div ref={scrollRef} className="grid-body" role="rowgroup" data-testid="inventory-scroll">
            {inv.total === 0 ? (
              <div role="row" aria-rowindex={2} className="grid-row grid-empty">
                <div role="gridcell" className="cell">
                  No token matches. Try fewer words, or{' '}
                  <button type="button" className="link" onClick={clearFilters}>
                    clear the filters
                  </button>
                  .
                </div>
              </div>
            ) : (
              <div className="grid-spacer" style={{ height: virtualizer.getTotalSize() }}>
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
      {confirmDeactivate && (
        <ConfirmDialog
          title={`Deactivate ${selection.active} token${selection.active === 1 ? '' : 's'}?`}
          body="Keyward marks them inactive, so they stop counting toward slot limits and warnings. They still work at the provider until you revoke them there."
          confirmLabel="Deactivate"
          onConfirm={() => void deactivateSelected()}
          onCancel={() => setConfirmDeactivate(false)}
        />
      )}
    </section>
  );
}

/**
 * What the bulk bar says about the selection, asked from main when the selection, filters or vault change:
 * which selected tokens still exist, how many of them the filters show, how many are active.
 */
function useSelectionFacts(
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

// Option lists with a stable identity, so that the memoised selects skip re-rendering (300 clients) on each keystroke.
type Options = [string, string][];
const STATUS_OPTIONS: Options = [['', 'All statuses'], ...STATUSES.map((s): [string, string] => [s, s])];
const MODE_OPTIONS: Options = [
  ['', 'All modes'],
  ['live', 'live'],
  ['test', 'test'],
  ['none', 'no mode'],
];
const SEVERITY_OPTIONS: Options = [
  ['', 'Any'],
  ['critical', 'Critical'],
  ['warning', 'Warning'],
  ['info', 'Info'],
  [NO_FINDING, 'None'],
];
const SORT_OPTIONS: Options = SORTS.map((s): [string, string] => [s.key, s.label]);
const optionCache = new WeakMap<object, Options>();
function cachedOptions<T extends object>(key: T, build: () => Options): Options {
  let o = optionCache.get(key);
  if (!o) {
    o = build();
    optionCache.set(key, o);
  }
  return o;
}
type Facet = { id: string; name: string };
const NO_FACETS: Facet[] = [];
const providerOptions = (used: readonly Facet[]) =>
  cachedOptions(used, () => [['', 'All providers'], ...used.map((p): [string, string] => [p.id, p.name])]);
const clientOptions = (clients: readonly Facet[]) =>
  cachedOptions(clients, () => [
    ['', 'All clients'],
    [NO_CLIENT, 'No client'],
    ...clients.map((c): [string, string] => [c.id, c.name]),
  ]);

const COLUMNS = [
  'Name',
  'Provider',
  'Store',
  'Client',
  'Mode',
  'Status',
  'Fingerprint',
  'Expires',
  'Last check',
  'Findings',
];

interface RowProps {
  row: InventoryRow;
  index: number;
  top: number;
  focused: boolean;
  selected: boolean;
  onToggle(id: string): void;
  onOpen(id: string, index: number): void;
  onFocus(index: number): void;
}

// A keystroke re-renders the view before main answers; unchanged rows skip that render.
const TokenRow = memo(function TokenRow({
  row: t,
  index,
  top,
  focused,
  selected,
  onToggle,
  onOpen,
  onFocus,
}: RowProps) {
  const open = () => onOpen(t.id, index);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={`${t.name}, ${t.providerName}, ${t.storeLabel ?? ''}`}
      tabIndex={focused ? 0 : -1}
      data-index={index}
      data-token-id={t.id}
      className={`grid-row body-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onFocus={() => onFocus(index)}
      onDoubleClick={open}
    >
      <div role="gridcell" className="cell cell-select">
        <input
          type="checkbox"
          aria-label={`Select ${t.name}`}
          checked={selected}
          onChange={() => onToggle(t.id)}
          tabIndex={-1}
        />
      </div>
      <div role="gridcell" className="cell cell-name">
        {/* elementtiming: the browser records when the first row's name is painted (the benchmark reads it). */}
        <button
          type="button"
          className="link row-open"
          tabIndex={-1}
          onClick={open}
          elementtiming={index === 0 ? 'inventory-first-row' : undefined}
        >
          {t.name}
        </button>
      </div>
      <div role="gridcell" className="cell">
        {t.providerName}
      </div>
      <div role="gridcell" className="cell">
        {t.storeLabel ?? '—'}
      </div>
      <div role="gridcell" className="cell muted">
        {t.clientName ?? '—'}
      </div>
      <div role="gridcell" className="cell">
        {t.mode ?? '—'}
      </div>
      <div role="gridcell" className="cell">
        <span className={`status status-${t.status}`}>{t.status}</span>
      </div>
      <div role="gridcell" className="cell">
        {t.masked ? <code className="masked">{t.masked}</code> : <span className="muted">not stored</span>}
      </div>
      <div role="gridcell" className="cell">
        {t.expiresAt ? (
          <time dateTime={t.expiresAt}>{localDay(t.expiresAt)}</time>
        ) : (
          <span className="muted">{t.expirySource === 'none' ? 'never' : 'unknown'}</span>
        )}
      </div>
      <div role="gridcell" className="cell">
        {t.lastCheck ? (
          <span
            className={`outcome outcome-${t.lastCheck.outcome}`}
            title={`${t.lastCheck.detail} (${t.lastCheck.checkedAt})`}
          >
            {OUTCOME_LABELS[t.lastCheck.outcome]}
          </span>
        ) : (
          <span className="muted">never</span>
        )}
      </div>
      <div role="gridcell" className="cell">
        {t.worst ? (
          <span className={`sev sev-${t.worst}`}>
            {t.findingCount}
            <span className="sr-only">
              {' '}
              finding{t.findingCount === 1 ? '' : 's'}, worst {t.worst}
            </span>
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
    </div>
  );
});

/** A row main has not answered yet (fast scrolling): its place, and that it is on its way. */
function PendingRow({ index, top }: { index: number; top: number }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-busy="true"
      className="grid-row body-row pending-row"
      style={{ transform: `translateY(${top}px)` }}
      data-index={index}
    >
      <div role="gridcell" className="cell muted">
        Loading…
      </div>
    </div>
  );
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  options: [string, string][];
}

// onChange only calls the stores' stable setters: a select re-renders when its value or options change.
const Select = memo(
  SelectImpl,
  (a, b) => a.id === b.id && a.label === b.label && a.value === b.value && a.options === b.options,
);

function SelectImpl({ id, label, value, onChange, options }: SelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
