import { useState, type FormEvent } from 'react';
import type { AppErrorShape, CustomProviderDefinitionInput, ProviderDescriptor } from '../../electron/contract';
import { useQuery, writeResult } from '../lib/query';
import { useProviders } from '../state/vault-store';
import { AppSettings } from './AppSettings';
import { ConfirmDialog } from './ConfirmDialog';

type Expiry = 'none' | 'optional' | 'required';

interface Draft {
  id: string;
  name: string;
  baseUrl: string;
  authHeader: string;
  probePath: string;
  tokenPattern: string;
  livePrefix: string;
  testPrefix: string;
  scopes: string;
  minScopes: string;
  expiry: Expiry;
  rotationDays: string;
  slotLive: string;
  slotTest: string;
  slotAny: string;
  rateMin: string;
  rateDefault: string;
  rateMax: string;
  dashboardUrl: string;
}

const EMPTY: Draft = {
  id: '',
  name: '',
  baseUrl: 'https://',
  authHeader: 'Authorization: Bearer {token}',
  probePath: '/api/v1/me',
  tokenPattern: '',
  livePrefix: '',
  testPrefix: '',
  scopes: '',
  minScopes: '',
  expiry: 'optional',
  rotationDays: '',
  slotLive: '',
  slotTest: '',
  slotAny: '',
  rateMin: '',
  rateDefault: '',
  rateMax: '',
  dashboardUrl: '',
};

/** Numbers the user left empty stay out of the definition; others are sent as typed and validated by main. */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

function toDefinition(d: Draft): CustomProviderDefinitionInput {
  const scopes = d.scopes
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const slotLimits = Object.fromEntries(
    (
      [
        ['live', num(d.slotLive)],
        ['test', num(d.slotTest)],
        ['any', num(d.slotAny)],
      ] as const
    ).filter(([, v]) => v !== undefined),
  ) as CustomProviderDefinitionInput['slotLimits'];
  const rate = [num(d.rateMin), num(d.rateDefault), num(d.rateMax)];
  const modePrefixes = {
    ...(d.livePrefix.trim() ? { live: d.livePrefix.trim() } : {}),
    ...(d.testPrefix.trim() ? { test: d.testPrefix.trim() } : {}),
  };
  return {
    id: d.id.trim(),
    name: d.name.trim(),
    baseUrl: d.baseUrl.trim(),
    authHeader: d.authHeader.trim(),
    probePath: d.probePath.trim(),
    tokenPattern: d.tokenPattern.trim(),
    ...(Object.keys(modePrefixes).length ? { modePrefixes } : {}),
    scopes,
    ...(num(d.minScopes) !== undefined ? { minScopes: num(d.minScopes)! } : {}),
    expiry: d.expiry,
    rotationDays: num(d.rotationDays) ?? null,
    slotLimits,
    rateLimit: rate.some((v) => v !== undefined)
      ? { min: rate[0] ?? NaN, default: rate[1] ?? NaN, max: rate[2] ?? NaN }
      : null,
    ...(d.dashboardUrl.trim() ? { dashboardUrl: d.dashboardUrl.trim() } : {}),
  };
}

/** Maps main's zod paths (definition.baseUrl, definition.slotLimits.live, …) to this form's fields. */
function errorFor(fields: Record<string, string>, ...paths: string[]): string | undefined {
  for (const path of paths) {
    for (const key of [`definition.${path}`, path]) {
      const exact = fields[key];
      if (exact) return exact;
    }
  }
  for (const path of paths) {
    const nested = Object.entries(fields).find(([k]) => k.startsWith(`definition.${path}.`));
    if (nested) return nested[1];
  }
  return undefined;
}

export function SettingsView() {
  const providers = useProviders();
  const nav = useQuery('getNavigation', {}).data;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pendingDelete, setPendingDelete] = useState<ProviderDescriptor | null>(null);
  const [listError, setListError] = useState<AppErrorShape | null>(null);
  const custom = providers.filter((p) => !p.builtin);
  const fields = error?.fields ?? {};

  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(null);
    try {
      const result = await writeResult('saveCustomProvider', { definition: toDefinition(draft) });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setSaved(result.value.name);
      setDraft(EMPTY);
    } finally {
      setBusy(false);
    }
  }

  async function confirmDelete() {
    const target = pendingDelete;
    setPendingDelete(null);
    if (!target) return;
    const result = await writeResult('deleteCustomProvider', { id: target.id });
    if (!result.ok) {
      setListError(result.error);
      return;
    }
    setListError(null);
  }

  const storesUsing = (id: string) => nav?.stores.filter((s) => s.provider === id).length ?? 0;

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <AppSettings />
      <section className="panel" aria-labelledby="custom-list-title">
        <h3 id="custom-list-title">Custom providers</h3>
        {listError && (
          <p className="banner banner-error" role="alert">
            <span>
              <strong>{listError.code === 'conflict' ? 'Still in use.' : 'Could not delete.'}</strong>{' '}
              {listError.message}
            </span>
            <button type="button" className="link" onClick={() => setListError(null)} aria-label="Dismiss error">
              Dismiss
            </button>
          </p>
        )}
        {custom.length === 0 ? (
          <p className="muted">
            No custom providers yet. Define a PixlPay-style provider below and it appears in the provider list when you
            add a store.
          </p>
        ) : (
          <ul className="provider-list">
            {custom.map((p) => (
              <li key={p.id}>
                <div>
                  <strong>{p.name}</strong> <code className="masked">{p.id}</code>
                  <div className="muted">
                    {p.summary} {storesUsing(p.id)} store{storesUsing(p.id) === 1 ? '' : 's'}.
                  </div>
                </div>
                <div className="actions">
                  <button
                    type="button"
                    className="danger small"
                    onClick={() => setPendingDelete(p)}
                    aria-label={`Delete provider ${p.name}`}
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <form className="panel" onSubmit={submit} aria-labelledby="custom-form-title" noValidate>
        <h3 id="custom-form-title">Define a PixlPay-style provider</h3>
        {error && (
          <p className="banner banner-error" role="alert">
            <span>
              <strong>Please check the form.</strong>{' '}
              {error.fields && Object.keys(error.fields).length > 0
                ? `${Object.keys(error.fields).length === 1 ? 'One field needs' : `${Object.keys(error.fields).length} fields need`} attention: see the messages under them.`
                : error.message}
            </span>
          </p>
        )}
        {saved && (
          <p className="banner" role="status">
            Saved {saved}. It is now in the provider list when you add a store.
          </p>
        )}
        <TextField
          id="cp-id"
          label="Id *"
          value={draft.id}
          onChange={set('id')}
          help="1–40 lowercase letters, digits and hyphens; stores refer to it as custom:<id>."
          error={errorFor(fields, 'id')}
          placeholder="acme-pay"
        />
        <TextField
          id="cp-name"
          label="Name *"
          value={draft.name}
          onChange={set('name')}
          help="As shown in lists."
          error={errorFor(fields, 'name')}
        />
        <TextField
          id="cp-base-url"
          label="Base URL *"
          value={draft.baseUrl}
          onChange={set('baseUrl')}
          help="https only; status checks call this host."
          error={errorFor(fields, 'baseUrl')}
          type="url"
        />
        <TextField
          id="cp-auth"
          label="Auth header template *"
          value={draft.authHeader}
          onChange={set('authHeader')}
          help="Header-Name: value with {token} exactly once."
          error={errorFor(fields, 'authHeader')}
        />
        <TextField
          id="cp-probe"
          label="Probe path *"
          value={draft.probePath}
          onChange={set('probePath')}
          help="A cheap GET that answers 200 for a working token, e.g. /api/v1/me."
          error={errorFor(fields, 'probePath')}
        />
        <TextField
          id="cp-pattern"
          label="Token pattern *"
          value={draft.tokenPattern}
          onChange={set('tokenPattern')}
          help="A regular expression the whole token matches, e.g. ak_(live|test)_[A-Za-z0-9]{16,64}."
          error={errorFor(fields, 'tokenPattern')}
        />
        <div className="field-row">
          <TextField
            id="cp-live"
            label="Live prefix"
            value={draft.livePrefix}
            onChange={set('livePrefix')}
            help="e.g. ak_live_"
            error={errorFor(fields, 'modePrefixes.live', 'modePrefixes')}
          />
          <TextField
            id="cp-test"
            label="Test prefix"
            value={draft.testPrefix}
            onChange={set('testPrefix')}
            help="e.g. ak_test_"
            error={errorFor(fields, 'modePrefixes.test')}
          />
        </div>
        <div className={`field ${errorFor(fields, 'scopes') ? 'field-error' : ''}`}>
          <label htmlFor="cp-scopes">Scopes</label>
          <textarea
            id="cp-scopes"
            rows={4}
            value={draft.scopes}
            onChange={(e) => set('scopes')(e.target.value)}
            aria-describedby="cp-scopes-help"
            aria-invalid={errorFor(fields, 'scopes') ? true : undefined}
          />
          <small id="cp-scopes-help" className={errorFor(fields, 'scopes') ? 'error-text' : 'muted'}>
            {errorFor(fields, 'scopes') ?? 'One per line; empty when the provider has none.'}
          </small>
        </div>
        <TextField
          id="cp-min-scopes"
          label="Minimum scopes per token"
          value={draft.minScopes}
          onChange={set('minScopes')}
          help="0 or empty: a token may have none."
          error={errorFor(fields, 'minScopes')}
          type="number"
        />
        <div className="field">
          <label htmlFor="cp-expiry">Expiry policy</label>
          <select
            id="cp-expiry"
            value={draft.expiry}
            onChange={(e) => set('expiry')(e.target.value)}
            aria-describedby="cp-expiry-help"
          >
            <option value="none">No expiry</option>
            <option value="optional">Optional expiry date</option>
            <option value="required">Expiry date required</option>
          </select>
          <small id="cp-expiry-help" className={errorFor(fields, 'expiry') ? 'error-text' : 'muted'}>
            {errorFor(fields, 'expiry') ?? 'Whether tokens carry an expiry date set at creation.'}
          </small>
        </div>
        <TextField
          id="cp-rotation"
          label="Rotate every (days)"
          value={draft.rotationDays}
          onChange={set('rotationDays')}
          help="Empty: no rotation advice."
          error={errorFor(fields, 'rotationDays')}
          type="number"
        />
        <fieldset className="field-group">
          <legend>Active tokens per store (slot limits)</legend>
          <div className="field-row">
            <TextField
              id="cp-slot-live"
              label="Live"
              value={draft.slotLive}
              onChange={set('slotLive')}
              help="Empty: no limit."
              error={errorFor(fields, 'slotLimits.live')}
              type="number"
            />
            <TextField
              id="cp-slot-test"
              label="Test"
              value={draft.slotTest}
              onChange={set('slotTest')}
              help="Empty: no limit."
              error={errorFor(fields, 'slotLimits.test')}
              type="number"
            />
            <TextField
              id="cp-slot-any"
              label="Any mode"
              value={draft.slotAny}
              onChange={set('slotAny')}
              help="Empty: no limit."
              error={errorFor(fields, 'slotLimits.any', 'slotLimits')}
              type="number"
            />
          </div>
        </fieldset>
        <fieldset className="field-group">
          <legend>Per-token rate limit (requests/min)</legend>
          <div className="field-row">
            <TextField
              id="cp-rate-min"
              label="Minimum"
              value={draft.rateMin}
              onChange={set('rateMin')}
              help="Empty: tokens have no rate-limit setting."
              error={errorFor(fields, 'rateLimit.min')}
              type="number"
            />
            <TextField
              id="cp-rate-default"
              label="Default"
              value={draft.rateDefault}
              onChange={set('rateDefault')}
              help="min ≤ default ≤ max"
              error={errorFor(fields, 'rateLimit.default', 'rateLimit')}
              type="number"
            />
            <TextField
              id="cp-rate-max"
              label="Maximum"
              value={draft.rateMax}
              onChange={set('rateMax')}
              help=""
              error={errorFor(fields, 'rateLimit.max')}
              type="number"
            />
          </div>
        </fieldset>
        <TextField
          id="cp-dashboard"
          label="Dashboard URL"
          value={draft.dashboardUrl}
          onChange={set('dashboardUrl')}
          help="Optional https page where tokens are created or revoked."
          error={errorFor(fields, 'dashboardUrl')}
          type="url"
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save provider'}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setError(null);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {pendingDelete && (
        <ConfirmDialog
          title={`Delete provider ${pendingDelete.name}?`}
          body="Keyward forgets this provider definition. Stores that still use it must be deleted or moved first."
          confirmLabel="Delete"
          onConfirm={() => void confirmDelete()}
          onCancel={() => setPendingDelete(null)}
        />
      )}
    </section>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  help: string;
  error: string | undefined;
  onChange(value: string): void;
  type?: 'text' | 'number' | 'url';
  placeholder?: string;
}

function TextField({ id, label, value, help, error, onChange, type = 'text', placeholder }: TextFieldProps) {
  return (
    <div className={`field ${error ? 'field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-help`}
        aria-invalid={error ? true : undefined}
      />
      <small id={`${id}-help`} className={error ? 'error-text' : 'muted'}>
        {error ?? help}
      </small>
    </div>
  );
}
