import type { ReactNode } from 'react';
import type { ProviderDescriptor, TokenSummary } from '../../../electron/contract';
import { credentialFor, expirySourceText, localDay, rateLimitText } from '../../lib/format';
import { relativeDays } from '../../lib/inventory';

/** A token's facts: fingerprint, mode, scopes, provider settings, dates and where its expiry came from. */
export function TokenFacts({ token: t, provider }: { token: TokenSummary; provider: ProviderDescriptor | undefined }) {
  const credential = credentialFor(provider, t.kind);
  const policy = credential?.policy;
  const accessLevel = policy?.accessLevelKey ? t.settings[policy.accessLevelKey] : undefined;
  const accessLabel =
    accessLevel !== undefined
      ? (policy?.accessLevels?.find((l) => l.value === accessLevel)?.label ?? String(accessLevel))
      : undefined;
  const rate = policy?.rateLimit ? t.settings[policy.rateLimit.settingKey] : undefined;
  const allowlist = policy?.ipAllowlistKey ? t.settings[policy.ipAllowlistKey] : undefined;
  const managedBy = policy?.managedByKey ? t.settings[policy.managedByKey] : undefined;
  const fieldLabel = (key: string) => credential?.fields.find((f) => f.key === key)?.label ?? key;
  const shownKeys = new Set(
    [policy?.accessLevelKey, policy?.rateLimit?.settingKey, policy?.ipAllowlistKey, policy?.managedByKey].filter(
      Boolean,
    ),
  );
  const otherSettings = Object.entries(t.settings).filter(([k]) => !shownKeys.has(k));
  const asText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

  return (
    <section className="panel" aria-labelledby="facts-title">
      <h3 id="facts-title">Facts</h3>
      <dl className="facts">
        <Fact label="Fingerprint">
          {t.secret ? (
            <code className="masked">{t.secret.masked}</code>
          ) : (
            <span className="muted">no secret stored</span>
          )}
        </Fact>
        {t.secret && (
          <Fact label="SHA-256">
            <code className="masked" title="Used to spot duplicates; not the secret.">
              {t.secret.fingerprint.slice(0, 12)}…
            </code>
          </Fact>
        )}
        {t.secret?.formatProblem && <Fact label="Format">{t.secret.formatProblem}</Fact>}
        <Fact label="Mode">{t.mode ?? '—'}</Fact>
        <Fact label="Scopes">
          {t.scopes.length ? t.scopes.join(', ') : <span className="muted">none recorded</span>}
        </Fact>
        {accessLabel !== undefined && <Fact label="Access level">{accessLabel}</Fact>}
        {rate !== undefined && <Fact label="Rate limit">{asText(rate)} requests per minute</Fact>}
        {policy?.ipAllowlistKey && (
          <Fact label="IP allowlist">
            {allowlist !== undefined && asText(allowlist).trim() ? (
              asText(allowlist)
            ) : (
              <span className="muted">open (any address)</span>
            )}
          </Fact>
        )}
        {managedBy !== undefined && asText(managedBy) && <Fact label="Managed by">{asText(managedBy)}</Fact>}
        {otherSettings.map(([k, v]) => (
          <Fact key={k} label={fieldLabel(k)}>
            {asText(v)}
          </Fact>
        ))}
        {provider?.rateLimits?.[0] && <Fact label="Provider limit">{rateLimitText(provider.rateLimits[0])}</Fact>}
        <Fact label="Created">
          {t.createdAt ? (
            <time dateTime={t.createdAt}>{localDay(t.createdAt)}</time>
          ) : (
            <span className="muted">unknown</span>
          )}
        </Fact>
        <Fact label="Expires">
          {t.expiresAt ? (
            <>
              <time dateTime={t.expiresAt}>
                {localDay(t.expiresAt)}
                {t.expirySource === 'provider-rule' ? ' (estimated)' : ''}
              </time>{' '}
              <span className="muted">({relativeDays(t.expiresAt)})</span>
            </>
          ) : (
            <span className="muted">{t.expirySource === 'none' ? 'never' : 'unknown'}</span>
          )}
        </Fact>
        <Fact label="Expiry source">{expirySourceText(t.expirySource, policy?.expiry)}</Fact>
        <Fact label="Added">
          <time dateTime={t.addedAt}>{localDay(t.addedAt)}</time>
        </Fact>
      </dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
