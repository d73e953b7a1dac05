import { useMemo, useState } from 'react';
import type { ImportPreview } from '../../../electron/contract';
import { PreviewRow } from './ImportPreviewRows';
export interface Plan {
  planId: string;
  fileName: string;
  format: 'csv' | 'json';
  preview: ImportPreview;
}

/** Rows per page: 10,000 rows stay usable without virtualisation. */
export const PAGE_SIZE = 200;

export const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The masked preview of a file to import: counts, rows page by page, and the import buttons. */
export function PreviewPanel({
  plan,
  busy,
  disabled,
  onApply,
  onDiscard,
  onSaveRejected,
}: {
  plan: Plan;
  busy: boolean;
  disabled: boolean;
  onApply(allOrNothing: boolean): void;
  onDiscard(): void;
  onSaveRejected(): void;
}) {
  const { counts, rows } = plan.preview;
  const [invalidOnly, setInvalidOnly] = useState(false);
  const [page, setPage] = useState(0);
  const shown = useMemo(() => (invalidOnly ? rows.filter((r) => r.status === 'invalid') : rows), [rows, invalidOnly]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const slice = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

  return (
    <div className="transfer-preview" role="region" aria-label="Import preview">
      <h4>
        Preview of <span className="masked">{plan.fileName}</span> ({plan.format.toUpperCase()})
      </h4>
      <ul className="transfer-counts" aria-label="Import summary">
        <li>{plural(counts.rows, 'row')}</li>
        <li className="outcome-valid">{counts.ok} ok</li>
        <li className={counts.invalid ? 'outcome-invalid' : undefined}>{counts.invalid} invalid</li>
        <li>{plural(counts.newClients, 'new client')}</li>
        <li>{plural(counts.newStores, 'new store')}</li>
        <li>{plural(counts.withSecret, 'secret')} to keychain</li>
      </ul>
      <p className="muted">Nothing has been written yet.</p>
      <div className="actions transfer-actions">
        <button
          type="button"
          className="primary"
          disabled={disabled || busy || counts.ok === 0}
          onClick={() => onApply(false)}
        >
          Import {plural(counts.ok, 'valid row')}
        </button>
        <button
          type="button"
          disabled={disabled || busy || counts.invalid > 0}
          onClick={() => onApply(true)}
          title={counts.invalid > 0 ? 'Fix the invalid rows in the file, then preview it again' : undefined}
        >
          Import only if all rows are valid
        </button>
        {counts.invalid > 0 && (
          <button type="button" disabled={busy} onClick={onSaveRejected}>
            Download the rejected rows…
          </button>
        )}
        <button type="button" disabled={busy} onClick={onDiscard}>
          Discard
        </button>
        {busy && <span role="status">Importing…</span>}
      </div>
      {counts.invalid > 0 && (
        <p className="hint hint-warning">
          {plural(counts.invalid, 'invalid row')} will be skipped by “Import {plural(counts.ok, 'valid row')}”.
        </p>
      )}
      <div className="transfer-table-head">
        <label className="check">
          <input
            type="checkbox"
            checked={invalidOnly}
            onChange={(e) => {
              setInvalidOnly(e.target.checked);
              setPage(0);
            }}
          />
          Invalid rows only
        </label>
        <Pager page={current} pages={pages} total={shown.length} onPage={setPage} />
      </div>
      <div className="transfer-table-wrap">
        <table className="tokens transfer-table" aria-label="Import preview rows">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Status</th>
              <th scope="col">Client</th>
              <th scope="col">Store</th>
              <th scope="col">Provider</th>
              <th scope="col">Token</th>
              <th scope="col">Secret</th>
              <th scope="col">Expires</th>
              <th scope="col">Reasons</th>
            </tr>
          </thead>
          <tbody>
            {slice.map((r) => (
              <PreviewRow key={r.row} row={r} />
            ))}
            {slice.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  No rows to show.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Pager({
  page,
  pages,
  total,
  onPage,
}: {
  page: number;
  pages: number;
  total: number;
  onPage(p: number): void;
}) {
  const from = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const to = Math.min(total, (page + 1) * PAGE_SIZE);
  return (
    <div className="actions transfer-pager">
      <span role="status">
        Rows {from}–{to} of {total}
      </span>
      {pages > 1 && (
        <>
          <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
            Previous
          </button>
          <button type="button" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
            Next
          </button>
        </>
      )}
    </div>
  );
}
