import { memo } from 'react';
import type { InventoryPage } from '../../../electron/contract';
import { NO_CLIENT, NO_FINDING, SORTS, STATUSES, type Filters, type SortKey } from '../../lib/inventory';
import { useInventory } from '../../state/inventory-store';

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

/** The search box, the filter menus and the sort: what the user chose, kept in the inventory store. */
export function InventoryToolbar({
  facets,
  onArrowDown,
}: {
  facets: InventoryPage['facets'] | null;
  /** Moves to the first row; false when there is none. */
  onArrowDown(): boolean;
}) {
  const { filters, sort, setFilter, clearFilters, setSort } = useInventory();
  const filtersOn = Object.entries(filters).some(([k, v]) => (k === 'ids' ? v !== null : v !== ''));
  return (
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
            // Down from the search box goes to the first row, when there is one.
            if (e.key === 'ArrowDown' && onArrowDown()) e.preventDefault();
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
      <Select id="f-sort" label="Sort by" value={sort} onChange={(v) => setSort(v as SortKey)} options={SORT_OPTIONS} />
      {filtersOn && (
        <button type="button" className="small clear-filters" onClick={clearFilters}>
          Clear filters
        </button>
      )}
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
