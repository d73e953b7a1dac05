import { useState } from 'react';
import type { AppErrorShape, ChannelOutput } from '../../../electron/contract';
import { ConfirmDialog } from '../ConfirmDialog';
import { SectionError } from './SectionError';
import { writeResult } from '../../lib/query';
import { transferCall } from './transfer-call';

export const MIN_PASSPHRASE = 12;
type Restored = Extract<ChannelOutput<'backupRestore'>, { cancelled: false }>;

/**
 * Encrypted backup and restore. Passphrases live only in this component's state while typed, and are
 * cleared as soon as the call returns; they never reach the shared store.
 */
export function BackupSection({ disabled }: { disabled: boolean }) {
  return (
    <section className="transfer-section" aria-labelledby="backup-title">
      <h3 id="backup-title">Encrypted backup</h3>
      <p className="muted">
        One file with your whole vault, secrets included, encrypted with a passphrase (scrypt and AES-256-GCM). Keep the
        passphrase somewhere safe: without it the backup cannot be opened.
      </p>
      <CreateBackup disabled={disabled} />
      <RestoreBackup disabled={disabled} />
    </section>
  );
}

function CreateBackup({ disabled }: { disabled: boolean }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<{ path: string; summary: ChannelOutput<'backupCreate'>['summary'] } | null>(null);
  const tooShort = passphrase.length < MIN_PASSPHRASE;
  const mismatch = confirm !== '' && confirm !== passphrase;

  async function create() {
    if (tooShort || confirm !== passphrase) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const reply = await transferCall('backupCreate', { passphrase });
    setPassphrase('');
    setConfirm('');
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    if (reply.value.saved) setDone({ path: reply.value.path, summary: reply.value.summary });
  }

  return (
    <form
      className="transfer-sub"
      aria-labelledby="backup-create-title"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h4 id="backup-create-title">Create a backup</h4>
      <div className="field-row">
        <div className="field transfer-field">
          <label htmlFor="backup-passphrase">Passphrase</label>
          <input
            id="backup-passphrase"
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-describedby="backup-rule"
            disabled={disabled || busy}
          />
        </div>
        <div className="field transfer-field">
          <label htmlFor="backup-confirm">Repeat passphrase</label>
          <input
            id="backup-confirm"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={mismatch}
            disabled={disabled || busy}
          />
        </div>
      </div>
      <p id="backup-rule" className={`hint ${passphrase !== '' && tooShort ? 'hint-warning' : 'muted'}`}>
        At least {MIN_PASSPHRASE} characters
        {passphrase !== '' && tooShort ? ` (${MIN_PASSPHRASE - passphrase.length} more)` : ''}. A few unrelated words
        are stronger than a short, complex password.
      </p>
      {mismatch && <p className="hint hint-warning">The two passphrases differ.</p>}
      <div className="actions transfer-actions">
        <button type="submit" className="primary" disabled={disabled || busy || tooShort || confirm !== passphrase}>
          {busy ? 'Encrypting…' : 'Create backup…'}
        </button>
      </div>
      <SectionError error={error} onDismiss={() => setError(null)} />
      {done && (
        <div className="transfer-done" role="status" aria-label="Backup result">
          <p>Backup saved to {done.path}.</p>
          {done.summary && (
            <p>
              {done.summary.clients} clients, {done.summary.stores} stores, {done.summary.tokens} tokens,{' '}
              {done.summary.secrets} secrets.
              {done.summary.secretsMissing > 0 && (
                <span className="hint-warning">
                  {' '}
                  {done.summary.secretsMissing} token{done.summary.secretsMissing === 1 ? ' has' : 's have'} no secret
                  in the keychain: {done.summary.secretsMissing === 1 ? 'it is' : 'they are'} in the backup as metadata
                  only.
                </span>
              )}
            </p>
          )}
        </div>
      )}
    </form>
  );
}

function RestoreBackup({ disabled }: { disabled: boolean }) {
  const [passphrase, setPassphrase] = useState('');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<Restored | null>(null);

  async function restore() {
    setConfirming(false);
    setBusy(true);
    setError(null);
    setDone(null);
    const reply = await writeResult('backupRestore', { passphrase, mode });
    setPassphrase('');
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    if (!reply.value.cancelled) setDone(reply.value);
  }

  return (
    <form
      className="transfer-sub"
      aria-labelledby="backup-restore-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (passphrase === '') return;
        if (mode === 'replace') setConfirming(true);
        else void restore();
      }}
    >
      <h4 id="backup-restore-title">Restore a backup</h4>
      <div className="field transfer-field">
        <label htmlFor="restore-passphrase">Backup passphrase</label>
        <input
          id="restore-passphrase"
          type="password"
          autoComplete="off"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          disabled={disabled || busy}
        />
      </div>
      <fieldset className="transfer-choice transfer-modes">
        <legend>How to restore</legend>
        <label className="check">
          <input
            type="radio"
            name="restore-mode"
            value="merge"
            checked={mode === 'merge'}
            onChange={() => setMode('merge')}
            disabled={disabled || busy}
          />
          Merge: add what this vault does not have yet; keep everything here
        </label>
        <label className="check">
          <input
            type="radio"
            name="restore-mode"
            value="replace"
            checked={mode === 'replace'}
            onChange={() => setMode('replace')}
            disabled={disabled || busy}
          />
          Replace: this vault becomes exactly the backup
        </label>
      </fieldset>
      {mode === 'replace' && (
        <p className="hint hint-warning">
          Replace deletes every client, store and token that is not in the backup, and their secrets from the keychain.
        </p>
      )}
      <div className="actions transfer-actions">
        <button
          type="submit"
          className={mode === 'replace' ? 'danger' : 'primary'}
          disabled={disabled || busy || passphrase === ''}
        >
          {busy ? 'Restoring…' : 'Restore backup…'}
        </button>
      </div>
      <SectionError error={error} onDismiss={() => setError(null)} />
      {done && <RestoreSummary result={done} />}
      {confirming && (
        <ConfirmDialog
          title="Replace this vault with the backup?"
          body="Every client, store and token here that is not in the backup is deleted, with its secret in the OS keychain. This cannot be undone. A wrong passphrase or a damaged file changes nothing."
          confirmLabel="Replace vault"
          onConfirm={() => void restore()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </form>
  );
}

function RestoreSummary({ result }: { result: Restored }) {
  return (
    <div className="transfer-done" role="status" aria-label="Restore result">
      <p>
        {result.mode === 'replace' ? 'Replaced the vault with the backup' : 'Merged the backup'}: {result.clientsAdded}{' '}
        clients, {result.storesAdded} stores and {result.tokensAdded} tokens added; {result.secretsRestored} secrets put
        into the keychain.
        {result.secretsMissing > 0 && ` ${result.secretsMissing} tokens had no secret in the backup.`}
        {result.mode === 'replace' && ` ${result.removedSecrets} old secrets removed from the keychain.`}
        {result.removeFailures > 0 && (
          <span className="hint-warning">
            {' '}
            {result.removeFailures} old keychain entries could not be removed: remove them in your OS keychain.
          </span>
        )}
      </p>
      {result.skipped.length > 0 && (
        <details open={result.skipped.length <= 20}>
          <summary>
            {result.skipped.length} token{result.skipped.length === 1 ? '' : 's'} skipped (already here)
          </summary>
          <ul className="transfer-skipped">
            {result.skipped.slice(0, 500).map((s) => (
              <li key={s.tokenId}>
                {s.name} in {s.store}: {s.reason}
              </li>
            ))}
            {result.skipped.length > 500 && <li className="muted">and {result.skipped.length - 500} more</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
