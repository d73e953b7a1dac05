import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../lib/api';
import { writeResult } from '../lib/query';
import { useSupportMode } from '../state/vault-store';
import { useTransient } from './shell/use-transient';

/** App settings: clipboard delay, status-only mode, where the data lives. */
export function AppSettings() {
  const supportMode = useSupportMode();
  const [seconds, setSeconds] = useState('');
  const [savedSeconds, setSavedSeconds] = useTransient<string>();
  const [clipError, setClipError] = useState<string | null>(null);
  const [dataDir, setDataDir] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [supportMessage, setSupportMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Main's wait after a wrong passphrase, counted down here so the window shows when the next try is heard.
  const [waitLeft, setWaitLeft] = useState(0);
  useEffect(() => {
    if (waitLeft <= 0) return;
    const timer = setTimeout(() => setWaitLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitLeft]);

  useEffect(() => {
    void call('getUiSettings', {}).then((res) => {
      if (res.ok) setSeconds(String(res.value.clipboardClearSeconds));
      else setClipError(res.error.message);
    });
    void call('getAppInfo', {}).then((res) => res.ok && setDataDir(res.value.dataDir));
  }, []);

  async function saveClipboard(e: FormEvent) {
    e.preventDefault();
    setSavedSeconds(null);
    const n = Number(seconds);
    if (!Number.isInteger(n) || n < 0 || n > 3600) {
      setClipError('Enter whole seconds from 0 (never clear) to 3600.');
      return;
    }
    const res = await writeResult('updateUiSettings', { clipboardClearSeconds: n });
    if (!res.ok) setClipError(res.error.message);
    else {
      setClipError(null);
      setSeconds(String(res.value.clipboardClearSeconds));
      setSavedSeconds(
        res.value.clipboardClearSeconds
          ? `Saved: copied secrets are cleared after ${res.value.clipboardClearSeconds} s.`
          : 'Saved: copied secrets stay on the clipboard.',
      );
    }
  }

  async function toggleSupport(e: FormEvent) {
    e.preventDefault();
    const res = await writeResult('setSupportMode', { enabled: !supportMode, passphrase });
    setPassphrase('');
    if (!res.ok) {
      const wait = Number(res.error.fields?.retryAfterSeconds ?? 0);
      setWaitLeft(Number.isFinite(wait) ? wait : 0);
      setSupportMessage({
        ok: false,
        text: wait > 0 ? 'Wrong passphrase.' : (res.error.fields?.passphrase ?? res.error.message),
      });
      return;
    }
    setSupportMessage({
      ok: true,
      text: res.value.enabled
        ? 'Status-only mode is on: copy, rotate, edit and delete are hidden and refused.'
        : 'Status-only mode is off.',
    });
  }

  return (
    <>
      <section className="panel" aria-labelledby="support-title">
        <h3 id="support-title">Status-only mode</h3>
        <p className="muted">
          For support staff: search, details and checks stay; copy, rotate, edit and delete are hidden here and refused
          by Keyward’s main process. Turning it off needs the same passphrase.
        </p>
        <form onSubmit={(e) => void toggleSupport(e)}>
          <div className="field">
            <label htmlFor="support-passphrase">Passphrase (12+ characters)</label>
            <input
              id="support-passphrase"
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </div>
          <div className="actions">
            <button
              type="submit"
              className={supportMode ? undefined : 'primary'}
              disabled={passphrase.length === 0 || waitLeft > 0}
            >
              {supportMode ? 'Turn off status-only mode' : 'Turn on status-only mode'}
            </button>
            {supportMessage && (
              <span
                role={supportMessage.ok ? 'status' : 'alert'}
                className={supportMessage.ok ? 'muted' : 'error-text'}
              >
                {supportMessage.text}
                {waitLeft > 0 && ` You can try again in ${waitLeft} s.`}
              </span>
            )}
          </div>
        </form>
      </section>
      {!supportMode && (
        <section className="panel" aria-labelledby="clipboard-title">
          <h3 id="clipboard-title">Clipboard</h3>
          <form onSubmit={(e) => void saveClipboard(e)}>
            <div className="field">
              <label htmlFor="clipboard-seconds">Clear a copied secret after (seconds)</label>
              <input
                id="clipboard-seconds"
                type="number"
                min={0}
                max={3600}
                value={seconds}
                onChange={(e) => setSeconds(e.target.value)}
                aria-describedby="clipboard-help"
              />
              <small id="clipboard-help" className="muted">
                Keyward’s main process clears the clipboard if it still holds the secret. 0 never clears it.
              </small>
            </div>
            <div className="actions">
              <button type="submit">Save delay</button>
              {savedSeconds && (
                <span role="status" className="muted">
                  {savedSeconds}
                </span>
              )}
              {clipError && (
                <span role="alert" className="error-text">
                  {clipError}
                </span>
              )}
            </div>
          </form>
        </section>
      )}
      <section className="panel" aria-labelledby="data-title">
        <h3 id="data-title">Data folder</h3>
        <p>
          Metadata and the audit log live in <code data-testid="data-dir">{dataDir ?? '…'}</code>. Secrets live only in
          the OS keychain.
        </p>
        <p className="muted">
          Custom PixlPay-style providers are set up further down this page, under{' '}
          <button
            type="button"
            className="link"
            onClick={() => document.getElementById('custom-list-title')?.scrollIntoView({ block: 'start' })}
          >
            Custom providers
          </button>
          .
        </p>
      </section>
    </>
  );
}
