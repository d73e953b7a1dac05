import { useVirtualizer } from '@tanstack/react-virtual';
import type { Client, ProviderDescriptor, VaultSnapshot } from '../../../electron/contract';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { call } from '../../lib/api';
import { localDay } from '../../lib/format';
import { filterIndex, NO_CLIENT, NO_FINDING, OUTCOME_LABELS, SORTS, STATUSES, toCsv, type Row, type SortKey } from '../../lib/inventory';
import { useInventoryIndex } from '../../lib/use-index';
import { useChecks } from '../../state/check-store';
import { useInventory } from '../../state/inventory-store';
import { useVault } from '../../state/vault-store';
import { ConfirmDialog } from '../ConfirmDialog';
import { CheckProgress } from './CheckProgress';

const ROW_HEIGHT = 40;

/** Every token across clients, stores and providers in one virtualised grid: search, filters, sort, bulk actions. */
export function InventoryView() {
  const index = useInventoryIndex();
  const providers = useVault((s) => s.providers);
  const snapshot = useVault((s) => s.snapshot);
  const supportMode = useVault((s) => s.supportMode);
  const openToken = useVault((s) => s.openToken);
  const refresh = useVault((s) => s.refresh);
  const show = useVault((s) => s.show);
  const { filters, sort, selected, focus, setFilter, clearFilters, setSort, toggle, setSelected, setFocus } = useInventory();
  // Only what the view shows: a running check's progress ticks re-render CheckProgress, not the whole grid.
  const startCheck = useChecks((s) => s.start);
  const checkRunning = useChecks((s) => s.current?.running ?? false);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const [bulkMessage, setBulkMessage] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef(false);

  const rows = useMemo(() => (index ? filterIndex(index, filters, sort) : []), [index, filters, sort]);
  // Selected ids that still exist (tokens can be deleted elsewhere).
  const selectedRows = useMemo(() => (index ? [...selected].map((id) => index.byId.get(id)).filter((r): r is Row => Boolean(r)) : []), [index, selected]);
  const shownSelected = useMemo(() => rows.reduce((n, r) => n + (selected.has(r.token.id) ? 1 : 0), 0), [rows, selected]);
  const allShownSelected = rows.length > 0 && shownSelected === rows.length;

  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const focusIndex = Math.min(focus, Math.max(rows.length - 1, 0));

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`)?.focus();
  });

  if (!index || !snapshot) return null;

  const clients = snapshot.clients;
  const usedProviders = usedProvidersOf(snapshot, providers);

  function moveFocus(next: number) {
    const i = Math.max(0, Math.min(rows.length - 1, next));
    setFocus(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    focusAfterRender.current = true;
    // The row may already be rendered: focus it now too.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus());
  }

  function onGridKey(e: KeyboardEvent<HTMLDivElement>) {
    const onCheckbox = (e.target as HTMLElement).tagName === 'INPUT';
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveFocus(focusIndex + 1),
      ArrowUp: () => moveFocus(focusIndex - 1),
      PageDown: () => moveFocus(focusIndex + page),
      PageUp: () => moveFocus(focusIndex - page),
      Home: () => moveFocus(0),
      End: () => moveFocus(rows.length - 1),
      Enter: () => {
        const row = rows[focusIndex];
        if (row) openToken(row.token.id);
      },
    };
    if (!onCheckbox) keys[' '] = () => rows[focusIndex] && toggle(rows[focusIndex].token.id);
    const action = keys[e.key];
    if (action && rows.length > 0) {
      e.preventDefault();
      action();
    }
  }

  function exportCsv() {
    const chosen = selectedRows.length > 0 ? selectedRows : rows;
    const blob = new Blob([toCsv(chosen)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `keyward-tokens-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setBulkMessage(`Exported ${chosen.length} token${chosen.length === 1 ? '' : 's'} to CSV (metadata and masked fingerprints only, no secrets).`);
  }

  async function deactivateSelected() {
    setConfirmDeactivate(false);
    const targets = selectedRows.filter((r) => r.token.status === 'active');
    let failed = 0;
    let firstError = '';
    const queue = [...targets];
    await Promise.all(
      Array.from({ length: Math.min(8, queue.length) }, async () => {
        for (let r = queue.shift(); r; r = queue.shift()) {
          const res = await call('updateToken', { id: r.token.id, status: 'inactive' });
          if (!res.ok) {
            failed++;
            firstError ||= res.error.message;
          }
        }
      }),
    );
    await refresh();
    setBulkMessage(
      `Deactivated ${targets.length - failed} token${targets.length - failed === 1 ? '' : 's'} in Keyward. They still work at the provider until you revoke them there.` +
        (failed ? ` ${failed} could not be changed: ${firstError}` : ''),
    );
  }

  function checkSelected() {
    setBulkMessage(null);
    const ids = selectedRows.map((r) => r.token.id);
    if (ids.length === 0) return;
    void startCheck({ tokenIds: ids }, `${ids.length} selected token${ids.length === 1 ? '' : 's'}`, ids.length);
  }

  const activeSelected = selectedRows.filter((r) => r.token.status === 'active').length;
  const filtersOn = Object.entries(filters).some(([k, v]) => (k === 'ids' ? v !== null : v !== ''));

  return (
    <section className="inventory" aria-labelledby="inventory-title">
      <header className="inventory-head">
        <h2 id="inventory-title">Inventory</h2>
        <p className="muted" role="status" data-testid="inventory-count">
          {rows.length === index.rows.length ? `${rows.length} token${rows.length === 1 ? '' : 's'}` : `${rows.length} of ${index.rows.length} tokens`}
        </p>
        <button type="button" className="small" onClick={() => void startCheck({ all: true }, 'all tokens', index.rows.length)} disabled={checkRunning || index.rows.length === 0}>
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
              if (e.key === 'ArrowDown' && rows.length > 0) {
                e.preventDefault();
                moveFocus(0);
              }
            }}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <Select id="f-provider" label="Provider" value={filters.provider} onChange={(v) => setFilter('provider', v)} options={providerOptions(usedProviders)} />
        <Select id="f-status" label="Status" value={filters.status} onChange={(v) => setFilter('status', v)} options={STATUS_OPTIONS} />
        <Select id="f-mode" label="Mode" value={filters.mode} onChange={(v) => setFilter('mode', v)} options={MODE_OPTIONS} />
        <Select
          id="f-client"
          label="Client"
          value={filters.client}
          onChange={(v) => setFilter('client', v)}
          options={clientOptions(clients)}
        />
        <Select
          id="f-severity"
          label="Finding severity"
          value={filters.severity}
          onChange={(v) => setFilter('severity', v)}
          options={SEVERITY_OPTIONS}
        />
        <Select id="f-sort" label="Sort by" value={sort} onChange={(v) => setSort(v as SortKey)} options={SORT_OPTIONS} />
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
          {selectedRows.length} selected{selectedRows.length > 0 && shownSelected !== selectedRows.length ? ` (${shownSelected} shown)` : ''}
        </span>
        <button type="button" className="small primary" onClick={checkSelected} disabled={selectedRows.length === 0 || checkRunning}>
          Check selected
        </button>
        {!supportMode && (
          <button type="button" className="small" onClick={() => setConfirmDeactivate(true)} disabled={activeSelected === 0}>
            Deactivate selected
          </button>
        )}
        <button type="button" className="small" onClick={exportCsv} disabled={rows.length === 0}>
          {selectedRows.length > 0 ? 'Export selected (CSV)' : 'Export shown (CSV)'}
        </button>
        {selectedRows.length > 0 && (
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
      <CheckProgress />
      {index.rows.length === 0 ? (
        <div className="empty">
          <h3>No tokens yet</h3>
          <p className="muted">Add a store, then paste its token: the value goes straight to your OS keychain and this table lists it.</p>
          <button type="button" className="primary" onClick={() => show({ kind: 'add-store' })}>
            Add a store
          </button>
        </div>
      ) : (
        <div className="grid" role="grid" aria-label="Tokens" aria-rowcount={rows.length + 1} aria-colcount={COLUMNS.length + 1} aria-multiselectable="true" data-testid="inventory-grid" onKeyDown={onGridKey}>
          <div role="rowgroup" className="grid-head">
            <div role="row" aria-rowindex={1} className="grid-row">
              <div role="columnheader" className="cell cell-select">
                <input
                  type="checkbox"
                  aria-label={allShownSelected ? `Unselect all ${rows.length} shown tokens` : `Select all ${rows.length} shown tokens`}
                  checked={allShownSelected}
                  disabled={rows.length === 0}
                  onChange={() => {
                    if (allShownSelected) {
                      const next = new Set(selected);
                      for (const r of rows) next.delete(r.token.id);
                      setSelected(next);
                    } else setSelected([...selected, ...rows.map((r) => r.token.id)]);
                  }}
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
            {rows.length === 0 ? (
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
                {virtualizer.getVirtualItems().map((item) => {
                  const row = rows[item.index]!;
                  return (
                    <TokenRow
                      key={row.token.id}
                      row={row}
                      index={item.index}
                      top={item.start}
                      focused={item.index === focusIndex}
                      selected={selected.has(row.token.id)}
                      onToggle={() => toggle(row.token.id)}
                      onOpen={() => {
                        setFocus(item.index);
                        openToken(row.token.id);
                      }}
                      onFocus={() => item.index !== focusIndex && setFocus(item.index)}
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
          title={`Deactivate ${activeSelected} token${activeSelected === 1 ? '' : 's'}?`}
          body="Keyward marks them inactive, so they stop counting toward slot limits and warnings. They still work at the provider until you revoke them there."
          confirmLabel="Deactivate"
          onConfirm={() => void deactivateSelected()}
          onCancel={() => setConfirmDeactivate(false)}
        />
      )}
    </section>
  );
}

const usedProvidersCache = new WeakMap<VaultSnapshot, { providers: readonly ProviderDescriptor[]; used: ProviderDescriptor[] }>();
/** Providers that some store uses, once per snapshot and catalog (not providers × 2,000 stores per keystroke). */
function usedProvidersOf(snapshot: VaultSnapshot, providers: readonly ProviderDescriptor[]): ProviderDescriptor[] {
  const hit = usedProvidersCache.get(snapshot);
  if (hit && hit.providers === providers) return hit.used;
  const ids = new Set(snapshot.stores.map((s) => s.provider));
  const used = providers.filter((p) => ids.has(p.id));
  usedProvidersCache.set(snapshot, { providers, used });
  return used;
}

// Option lists with a stable identity, so that the memoised selects skip re-rendering (300 clients) on each keystroke.
type Options = [string, string][];
const STATUS_OPTIONS: Options = [['', 'All statuses'], ...STATUSES.map((s): [string, string] => [s, s])];
const MODE_OPTIONS: Options = [['', 'All modes'], ['live', 'live'], ['test', 'test'], ['none', 'no mode']];
const SEVERITY_OPTIONS: Options = [['', 'Any'], ['critical', 'Critical'], ['warning', 'Warning'], ['info', 'Info'], [NO_FINDING, 'None']];
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
const providerOptions = (used: readonly ProviderDescriptor[]) => cachedOptions(used, () => [['', 'All providers'], ...used.map((p): [string, string] => [p.id, p.name])]);
const clientOptions = (clients: readonly Client[]) => cachedOptions(clients, () => [['', 'All clients'], [NO_CLIENT, 'No client'], ...clients.map((c): [string, string] => [c.id, c.name])]);

const COLUMNS = ['Name', 'Provider', 'Store', 'Client', 'Mode', 'Status', 'Fingerprint', 'Expires', 'Last check', 'Findings'];

interface RowProps {
  row: Row;
  index: number;
  top: number;
  focused: boolean;
  selected: boolean;
  onToggle(): void;
  onOpen(): void;
  onFocus(): void;
}

function TokenRow({ row, index, top, focused, selected, onToggle, onOpen, onFocus }: RowProps) {
  const t = row.token;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={`${t.name}, ${row.providerName}, ${row.store?.label ?? ''}`}
      tabIndex={focused ? 0 : -1}
      data-index={index}
      data-token-id={t.id}
      className={`grid-row body-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onFocus={onFocus}
      onDoubleClick={onOpen}
    >
      <div role="gridcell" className="cell cell-select">
        <input type="checkbox" aria-label={`Select ${t.name}`} checked={selected} onChange={onToggle} tabIndex={-1} />
      </div>
      <div role="gridcell" className="cell cell-name">
        <button type="button" className="link row-open" tabIndex={-1} onClick={onOpen}>
          {t.name}
        </button>
      </div>
      <div role="gridcell" className="cell">
        {row.providerName}
      </div>
      <div role="gridcell" className="cell">
        {row.store?.label ?? '—'}
      </div>
      <div role="gridcell" className="cell muted">
        {row.client?.name ?? '—'}
      </div>
      <div role="gridcell" className="cell">
        {t.mode ?? '—'}
      </div>
      <div role="gridcell" className="cell">
        <span className={`status status-${t.status}`}>{t.status}</span>
      </div>
      <div role="gridcell" className="cell">
        {t.secret ? <code className="masked">{t.secret.masked}</code> : <span className="muted">not stored</span>}
      </div>
      <div role="gridcell" className="cell">
        {t.expiresAt ? <time dateTime={t.expiresAt}>{localDay(t.expiresAt)}</time> : <span className="muted">{t.expirySource === 'none' ? 'never' : 'unknown'}</span>}
      </div>
      <div role="gridcell" className="cell">
        {t.lastCheck ? (
          <span className={`outcome outcome-${t.lastCheck.outcome}`} title={`${t.lastCheck.detail} (${t.lastCheck.checkedAt})`}>
            {OUTCOME_LABELS[t.lastCheck.outcome]}
          </span>
        ) : (
          <span className="muted">never</span>
        )}
      </div>
      <div role="gridcell" className="cell">
        {row.worst ? (
          <span className={`sev sev-${row.worst}`}>
            {row.findingCount}
            <span className="sr-only"> finding{row.findingCount === 1 ? '' : 's'}, worst {row.worst}</span>
          </span>
        ) : (
          <span className="muted">—</span>
        )}
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
const Select = memo(SelectImpl, (a, b) => a.id === b.id && a.label === b.label && a.value === b.value && a.options === b.options);

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
