import { useState, type FormEvent } from 'react';
import type { AppErrorShape, CustomProviderDefinition } from '../../electron/contract';
import { writeResult } from '../lib/query';
import { EMPTY, errorFor, fromDefinition, toDefinition, type Draft } from './custom-provider-draft';
import { TextField } from './TextField';

interface Props {
  /** A saved definition to edit (its id stays); absent: a new one. */
  editing?: CustomProviderDefinition;
  /** Called when an edit is saved or abandoned. */
  onDone?: () => void;
}

/** The form that defines or edits a PixlPay-style custom provider; main validates the definition field by field. */
export function CustomProviderForm({ editing, onDone }: Props) {
  const [draft, setDraft] = useState<Draft>(editing ? fromDefinition(editing) : EMPTY);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
      onDone?.();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="custom-form-title" noValidate>
      <h3 id="custom-form-title">{editing ? `Edit ${editing.name}` : 'Define a PixlPay-style provider'}</h3>
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
        help={
          editing
            ? 'Stores refer to it by this id, so it stays.'
            : '1–40 lowercase letters, digits and hyphens; stores refer to it as custom:<id>.'
        }
        error={errorFor(fields, 'id')}
        placeholder="acme-pay"
        readOnly={!!editing}
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
        help="https only. Put {host} (or another {field}) where each store's own value goes, e.g. https://{host}/api/v1: stores then ask for it."
        error={errorFor(fields, 'baseUrl')}
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
      <div className="field">
        <label htmlFor="cp-rotation-model">How it rotates</label>
        <select
          id="cp-rotation-model"
          value={draft.rotation}
          onChange={(e) => set('rotation')(e.target.value)}
          aria-describedby="cp-rotation-model-help"
        >
          <option value="side-by-side">A new token beside the old one, then retire the old</option>
          <option value="new-value">The same token gets a new value; the old value dies at once</option>
        </select>
        <small id="cp-rotation-model-help" className={errorFor(fields, 'rotation') ? 'error-text' : 'muted'}>
          {errorFor(fields, 'rotation') ?? 'Keyward guides a rotation as the provider does it.'}
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
        help="Optional https page where tokens are created or revoked; may use the base URL's {field}s."
        error={errorFor(fields, 'dashboardUrl')}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Save provider'}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY);
            setError(null);
            onDone?.();
          }}
        >
          {editing ? 'Cancel' : 'Clear'}
        </button>
      </div>
    </form>
  );
}
