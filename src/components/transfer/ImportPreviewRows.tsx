import type { ImportPreview } from '../../../electron/contract';
import { expirySourceText, localDay } from '../../lib/format';

type Row = ImportPreview['rows'][number];

/** Columns the preview table shows in their own cells; an invalid row's other cells are listed with its reasons. */
const TABLE_COLUMNS = new Set(['client', 'store', 'provider', 'token_name', 'secret', 'expires']);

/** A cell as the file has it, for rows the preview could not build. */
function AsRead({ value }: { value: string | undefined }) {
  return value ? <span className="transfer-as-read">{value}</span> : <span className="muted">—</span>;
}

export function PreviewRow({ row }: { row: Row }) {
  const { client, store, token } = row;
  const cells = row.cells;
  if (cells && !token) return <RowAsRead row={row} cells={cells} />;
  return (
    <tr className={row.status === 'invalid' ? 'transfer-row-invalid' : undefined}>
      <td>
        {row.row}
        {row.line !== null && <span className="muted block">line {row.line}</span>}
      </td>
      <td>
        <span className={`status ${row.status === 'ok' ? 'status-active' : 'transfer-status-invalid'}`}>
          {row.status === 'ok' ? 'ok' : 'invalid'}
        </span>
      </td>
      <td>{client ? <Named name={client.name} action={client.action} /> : <span className="muted">no client</span>}</td>
      <td>{store ? <Named name={store.label} action={store.action} /> : <span className="muted">—</span>}</td>
      <td>{store?.providerName ?? store?.provider ?? '—'}</td>
      <td>
        {token ? (
          <>
            {token.name}
            <span className="muted block">
              {token.kind}
              {token.mode ? ` · ${token.mode}` : ''}
            </span>
          </>
        ) : (
          '—'
        )}
      </td>
      <td>
        {token?.secret ? (
          <>
            <span className="masked">{token.secret.masked}</span>
            {token.secret.formatProblem && (
              <span className="hint hint-warning block">{token.secret.formatProblem}</span>
            )}
          </>
        ) : (
          <span className="muted">none</span>
        )}
      </td>
      <td>
        {token?.expiresAt ? (
          <>
            {localDay(token.expiresAt)}
            <span className="muted block">{expirySourceText(token.expirySource)}</span>
          </>
        ) : token ? (
          <span className="muted">{token.expirySource === 'none' ? 'never' : '—'}</span>
        ) : (
          '—'
        )}
      </td>
      <td>
        {row.reasons.length > 0 && (
          <ul className="transfer-reasons">
            {row.reasons.map((reason, i) => (
              <li key={i}>{reason}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** An invalid row the preview could not build: its cells as read, in their columns, so the user sees what to fix. */
function RowAsRead({ row, cells }: { row: Row; cells: Record<string, string> }) {
  const others = Object.entries(cells).filter(([column]) => !TABLE_COLUMNS.has(column));
  return (
    <tr className="transfer-row-invalid">
      <td>
        {row.row}
        {row.line !== null && <span className="muted block">line {row.line}</span>}
      </td>
      <td>
        <span className="status transfer-status-invalid">invalid</span>
      </td>
      <td>{cells.client ? <AsRead value={cells.client} /> : <span className="muted">no client</span>}</td>
      <td>
        <AsRead value={cells.store} />
      </td>
      <td>
        <AsRead value={cells.provider} />
      </td>
      <td>
        <AsRead value={cells.token_name} />
      </td>
      <td>{cells.secret ? <span className="masked">{cells.secret}</span> : <span className="muted">none</span>}</td>
      <td>
        <AsRead value={cells.expires} />
      </td>
      <td>
        <ul className="transfer-reasons">
          {row.reasons.map((reason, i) => (
            <li key={i}>{reason}</li>
          ))}
        </ul>
        {others.length > 0 && (
          <p className="muted transfer-other-cells">
            Also in this row: {others.map(([column, value]) => `${column} = ${value}`).join(' · ')}
          </p>
        )}
      </td>
    </tr>
  );
}

function Named({ name, action }: { name: string; action: 'new' | 'existing' }) {
  return (
    <>
      {name} <span className={`tag${action === 'new' ? ' transfer-tag-new' : ''}`}>{action}</span>
    </>
  );
}
