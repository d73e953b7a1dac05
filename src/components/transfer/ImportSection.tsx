import { useState } from 'react';
import type { AppErrorShape, ChannelOutput } from '../../../electron/contract';
import { useProviders } from '../../state/vault-store';
import { SectionError } from './SectionError';
import { writeResult } from '../../lib/query';
import { transferCall } from './transfer-call';
import { PreviewPanel, snake, type Plan } from './ImportPreviewPanel';

type Format = 'csv' | 'json';
type Result = ChannelOutput<'importApply'> & { fileName: string; planId: string };

/**
 * Import from CSV or JSON: main opens the file and keeps the plan (the file holds secrets); the renderer
 * shows the masked preview, and nothing is written until one of the import buttons is pressed.
 */
export function ImportSection({ disabled }: { disabled: boolean }) {
  const [format, setFormat] = useState<Format>('csv');
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function choose() {
    setBusy('preview');
    setError(null);
    const reply = await transferCall('importPreview', { format });
    setBusy(null);
    if (!reply.ok) return setError(reply.error);
    if (reply.value.cancelled) return;
    setResult(null);
    setSaved(null);
    setPlan({ planId: reply.value.planId, fileName: reply.value.fileName, format, preview: reply.value.preview });
  }

  async function apply(allOrNothing: boolean) {
    if (!plan) return;
    setBusy('apply');
    setError(null);
    const reply = await writeResult('importApply', { planId: plan.planId, allOrNothing });
    setBusy(null);
    if (!reply.ok) {
      setError(reply.error);
      // An applied or expired plan cannot be used again: the user previews the file again.
      if (reply.error.code === 'not_found') setPlan(null);
      return;
    }
    setResult({ ...reply.value, fileName: plan.fileName, planId: plan.planId });
    setPlan(null);
  }

  /** The refused rows as CSV to fix and import again; main leaves the secrets out. */
  async function saveRejected(planId: string) {
    setError(null);
    setSaved(null);
    const reply = await transferCall('importRejectedRows', { planId });
    if (!reply.ok) return setError(reply.error);
    if (!reply.value.saved) return;
    setSaved(
      `Saved ${reply.value.rows} rejected row${reply.value.rows === 1 ? '' : 's'} to ${reply.value.path}, with a problems column. Secrets are left out: Keyward never writes a secret to a file, so fill them in from your source.`,
    );
  }

  return (
    <section className="transfer-section" aria-labelledby="import-title">
      <h3 id="import-title">Import</h3>
      <p className="muted">
        Add many stores and tokens at once from a CSV or JSON file. You see every row as it will be saved before
        anything is written; secrets go straight to the OS keychain and are only ever shown masked.
      </p>
      <ColumnHelp />
      <div className="actions transfer-actions">
        <fieldset className="transfer-choice">
          <legend className="sr-only">File format</legend>
          {(['csv', 'json'] as const).map((f) => (
            <label key={f} className="check">
              <input
                type="radio"
                name="import-format"
                value={f}
                checked={format === f}
                onChange={() => setFormat(f)}
                disabled={busy !== null}
              />
              {f.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <button type="button" className="primary" onClick={() => void choose()} disabled={disabled || busy !== null}>
          {busy === 'preview' ? 'Reading file…' : 'Choose file…'}
        </button>
      </div>
      <SectionError error={error} onDismiss={() => setError(null)} />
      {result && <ImportResultSummary result={result} onSaveRejected={() => void saveRejected(result.planId)} />}
      {saved && (
        <p className="hint" role="status">
          {saved}
        </p>
      )}
      {plan && (
        <PreviewPanel
          plan={plan}
          busy={busy === 'apply'}
          disabled={disabled}
          onApply={(all) => void apply(all)}
          onDiscard={() => setPlan(null)}
          onSaveRejected={() => void saveRejected(plan.planId)}
        />
      )}
    </section>
  );
}

/** The required columns, and the identifier columns each provider needs, from the catalog. */
function ColumnHelp() {
  const providers = useProviders();
  return (
    <details className="transfer-help">
      <summary>Columns</summary>
      <p>
        Required in every row: <code>store</code>, <code>provider</code>, <code>token_name</code>. Usually also{' '}
        <code>client</code> (empty: a store without a client) and <code>secret</code> (optional: a token without a
        secret is kept as metadata only).
      </p>
      <p>
        Optional: <code>environment</code>, <code>kind</code>, <code>mode</code>, <code>scopes</code> (<code>;</code>
        -separated), <code>created</code> and <code>expires</code> (dates as YYYY-MM-DD, e.g. 2027-12-31),{' '}
        <code>status</code>, <code>notes</code>, and token settings such as <code>access_level</code>,{' '}
        <code>permissions</code>, <code>ip_allowlist</code>, <code>rate_limit</code>. A Keyward export imports as it is.
        JSON: <code>{'{"rows": [{…}]}'}</code> with the same keys.
      </p>
      <ul className="transfer-help-providers">
        {providers.map((p) => {
          const required = p.storeFields.filter((f) => f.required).map((f) => snake(f.key));
          return (
            <li key={p.id}>
              <strong>{p.name}</strong> (<code>{p.id}</code>):{' '}
              {required.length
                ? required.map((c, i) => (
                    <span key={c}>
                      {i > 0 && ', '}
                      <code>{c}</code>
                    </span>
                  ))
                : 'no store identifier needed'}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function ImportResultSummary({ result, onSaveRejected }: { result: Result; onSaveRejected(): void }) {
  return (
    <div className="banner transfer-done" role="status" aria-label="Import result">
      <span>
        Imported {result.imported} token{result.imported === 1 ? '' : 's'} from {result.fileName}:{' '}
        {result.clientsCreated} new client
        {result.clientsCreated === 1 ? '' : 's'}, {result.storesCreated} new store
        {result.storesCreated === 1 ? '' : 's'}
        {result.skippedInvalid > 0
          ? `, ${result.skippedInvalid} invalid row${result.skippedInvalid === 1 ? '' : 's'} skipped`
          : ''}
        .
      </span>
      {result.skippedInvalid > 0 && (
        <button type="button" onClick={onSaveRejected}>
          Download the rejected rows…
        </button>
      )}
    </div>
  );
}
