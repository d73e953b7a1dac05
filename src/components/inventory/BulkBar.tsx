import { useState } from 'react';
import type { InventoryRow } from '../../../electron/contract';
import { call } from '../../lib/api';
import { EMPTY_FILTERS, toCsv } from '../../lib/inventory';
import { writeResult } from '../../lib/query';
import { useChecks } from '../../state/check-store';
import { useInventory } from '../../state/inventory-store';
import { useSupportMode } from '../../state/vault-store';
import { ConfirmDialog } from '../ConfirmDialog';
import type { SelectionFacts } from './selection';

// = INVENTORY_MAX_PAGE in the contract (the renderer takes only types from it).
const INVENTORY_MAX_PAGE = 50_000;

/** What can be done with the selection: check, deactivate (one change in main), export as CSV, clear. */
export function BulkBar({
  selection,
  shownTotal,
  onMessage: setBulkMessage,
}: {
  selection: SelectionFacts;
  shownTotal: number;
  onMessage(message: string | null): void;
}) {
  const { filters, sort, selected, setSelected } = useInventory();
  const supportMode = useSupportMode();
  const proposeCheck = useChecks((s) => s.propose);
  const checkRunning = useChecks((s) => s.current?.running ?? false);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const selectedCount = selection.existing.length;

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
    proposeCheck({ tokenIds: ids }, `${ids.length} selected token${ids.length === 1 ? '' : 's'}`);
  }

  return (
    <>
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
          disabled={shownTotal === 0 && selectedCount === 0}
        >
          {selectedCount > 0 ? 'Export selected (CSV)' : 'Export shown (CSV)'}
        </button>
        {selectedCount > 0 && (
          <button type="button" className="small link" onClick={() => setSelected([])}>
            Clear selection
          </button>
        )}
      </div>
      {confirmDeactivate && (
        <ConfirmDialog
          title={`Deactivate ${selection.active} token${selection.active === 1 ? '' : 's'}?`}
          body="Keyward marks them inactive, so they stop counting toward slot limits and warnings. They still work at the provider until you revoke them there."
          confirmLabel="Deactivate"
          onConfirm={() => void deactivateSelected()}
          onCancel={() => setConfirmDeactivate(false)}
        />
      )}
    </>
  );
}
