import { useEffect, useState, type FormEvent } from 'react';
import { useTransient } from '../shell/use-transient';
import type { ExpirySettingsView } from '../../../electron/contract';
import { useProviders } from '../../state/vault-store';
import { saveSettings, useExpirySettings } from './expiry-store';

type Providers = ExpirySettingsView['findings']['providers'];

interface Draft {
  leadTimes: string;
  providers: Record<string, { leadTimes: string; rotation: string }>;
  warnTestTokens: 'lower' | 'off';
  closeToTray: boolean;
  openAtLogin: boolean;
}

/** "30, 14, 7, 1" → [30, 14, 7, 1] (largest first), or what is wrong with it. */
export function parseLeadTimes(text: string): { days: number[] } | { error: string } {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: 'Enter at least one lead time, in days (for example 30, 14, 7, 1).' };
  const bad = parts.find((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 3650);
  if (bad !== undefined) return { error: `"${bad}" is not a whole number of days from 1 to 3650.` };
  const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  if (days.length > 10) return { error: 'At most 10 lead times.' };
  return { days };
}

function parseRotation(text: string): { days: number | undefined } | { error: string } {
  const t = text.trim();
  if (!t) return { days: undefined };
  if (!/^\d+$/.test(t) || Number(t) > 3650) return { error: `"${t}" is not a whole number of days from 0 to 3650.` };
  return { days: Number(t) };
}

function draftOf(settings: ExpirySettingsView, providerIds: readonly string[]): Draft {
  const providers: Draft['providers'] = {};
  for (const id of new Set([...providerIds, ...Object.keys(settings.findings.providers)])) {
    const p = settings.findings.providers[id];
    providers[id] = { leadTimes: p?.leadTimesDays?.join(', ') ?? '', rotation: p?.rotationDays?.toString() ?? '' };
  }
  return { leadTimes: settings.findings.leadTimesDays.join(', '), providers, ...settings.notifications };
}

/** Lead times (global and per provider), rotation, test-token warnings, tray and login settings. */
export function ExpirySettingsForm() {
  const settings = useExpirySettings();
  const providers = useProviders();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saved, setSaved] = useTransient<boolean>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings && !draft)
      setDraft(
        draftOf(
          settings,
          providers.map((p) => p.id),
        ),
      );
  }, [settings, draft, providers]);

  if (!draft) return <p className="muted">Loading expiry settings…</p>;
  const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const editProvider = (id: string, patch: Partial<Draft['providers'][string]>) =>
    edit({ providers: { ...draft.providers, [id]: { ...draft.providers[id]!, ...patch } } });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const global = parseLeadTimes(draft.leadTimes);
    if ('error' in global) found.leadTimes = global.error;
    const overrides: Providers = {};
    for (const [id, p] of Object.entries(draft.providers)) {
      const entry: Providers[string] = {};
      if (p.leadTimes.trim()) {
        const lead = parseLeadTimes(p.leadTimes);
        if ('error' in lead) found[`lead-${id}`] = lead.error;
        else entry.leadTimesDays = lead.days;
      }
      const rotation = parseRotation(p.rotation);
      if ('error' in rotation) found[`rotation-${id}`] = rotation.error;
      else if (rotation.days !== undefined) entry.rotationDays = rotation.days;
      if (entry.leadTimesDays || entry.rotationDays !== undefined) overrides[id] = entry;
    }
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0 || 'error' in global) return;
    setBusy(true);
    const answer = await saveSettings({
      findings: { leadTimesDays: global.days, providers: overrides },
      notifications: {
        warnTestTokens: draft.warnTestTokens,
        closeToTray: draft.closeToTray,
        openAtLogin: draft.openAtLogin,
      },
    });
    setBusy(false);
    if ('error' in answer) {
      setServerError(answer.error.message);
      return;
    }
    setSaved(true);
    // What main saved, normalised.
    setDraft(
      draftOf(
        answer.saved,
        providers.map((p) => p.id),
      ),
    );
  };

  return (
    <form
      className="expiry-panel expiry-settings"
      aria-labelledby="expiry-settings-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="expiry-settings-title">Expiry warning settings</h3>
      {serverError && (
        <p role="alert" className="banner banner-error">
          {serverError}
        </p>
      )}
      <div className={`field${errors.leadTimes ? ' field-error' : ''}`}>
        <label htmlFor="expiry-lead-times">Warn this many days before expiry</label>
        <input
          id="expiry-lead-times"
          value={draft.leadTimes}
          onChange={(e) => edit({ leadTimes: e.target.value })}
          aria-invalid={Boolean(errors.leadTimes)}
          aria-describedby="expiry-lead-times-help"
          inputMode="numeric"
        />
        <span id="expiry-lead-times-help" className={errors.leadTimes ? 'error-text' : 'muted'}>
          {errors.leadTimes ?? 'Comma-separated days, for example 30, 14, 7, 1. "Expired" is always warned about.'}
        </span>
      </div>
      <fieldset className="field-group">
        <legend>Per provider (blank: as above)</legend>
        <table className="expiry-overrides">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Lead times (days)</th>
              <th scope="col">Rotate every (days, 0 = off)</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(draft.providers).map(([id, p]) => {
              const leadError = errors[`lead-${id}`];
              const rotationError = errors[`rotation-${id}`];
              return (
                <tr key={id}>
                  <th scope="row">{nameOf(id)}</th>
                  <td className={leadError ? 'field-error' : undefined}>
                    <input
                      aria-label={`${nameOf(id)} lead times`}
                      value={p.leadTimes}
                      placeholder={draft.leadTimes}
                      aria-invalid={Boolean(leadError)}
                      onChange={(e) => editProvider(id, { leadTimes: e.target.value })}
                    />
                    {leadError && <span className="error-text block">{leadError}</span>}
                  </td>
                  <td className={rotationError ? 'field-error' : undefined}>
                    <input
                      aria-label={`${nameOf(id)} rotation days`}
                      value={p.rotation}
                      aria-invalid={Boolean(rotationError)}
                      onChange={(e) => editProvider(id, { rotation: e.target.value })}
                    />
                    {rotationError && <span className="error-text block">{rotationError}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <div className="field">
        <label htmlFor="expiry-test-tokens">Test tokens (Shippo test, PixlPay sk_test_)</label>
        <select
          id="expiry-test-tokens"
          value={draft.warnTestTokens}
          onChange={(e) => edit({ warnTestTokens: e.target.value as Draft['warnTestTokens'] })}
        >
          <option value="lower">Warn at a lower severity</option>
          <option value="off">Do not warn</option>
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={draft.closeToTray} onChange={(e) => edit({ closeToTray: e.target.checked })} />
        Closing the window keeps Keyward in the tray, so warnings still arrive
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.openAtLogin} onChange={(e) => edit({ openAtLogin: e.target.checked })} />
        Open at login, hidden in the tray
      </label>
      <div className="actions expiry-settings-actions">
        <button type="submit" className="primary" disabled={busy}>
          Save expiry settings
        </button>
        {saved && (
          <span role="status" className="muted">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
