import type { Finding, ProviderDescriptor, SlotView, StoreProfile, TokenSummary } from '../../electron/contract';
import { rateLimitText, tokenDescription } from '../lib/format';
import { FindingItem } from './FindingItem';

interface Props {
  store: StoreProfile;
  provider: ProviderDescriptor;
  tokens: readonly TokenSummary[];
  /** Slots as the provider counts them, over the store's whole account (from main). */
  slots: readonly SlotView[];
  /** Null while the findings list is on its way. */
  findings: readonly Finding[] | null;
}

/** What the provider's rules say about this store: slots in use, expiry policy, limits, access, and its findings. */
export function RulesPanel({ store, provider, tokens, slots, findings }: Props) {
  const active = tokens.filter((t) => t.status === 'active');
  const multi = provider.credentials.length > 1;
  return (
    <section className="rules" aria-label={`Rules for ${store.label}`}>
      <h3>Provider rules</h3>
      <div className="rules-grid">
        {provider.credentials.map((credential) => {
          const policy = credential.policy ?? {};
          const mine = active.filter((t) => t.kind === credential.kind);
          const accessKey = policy.accessLevelKey;
          const broadLevels = policy.accessLevels?.filter((l) => l.broad) ?? [];
          const allowKey = policy.ipAllowlistKey;
          const managedKey = policy.managedByKey;
          const rl = policy.rateLimit;
          const plan = rl?.planKey ? store.identifiers[rl.planKey] : undefined;
          const cap = typeof plan === 'string' ? rl?.planCaps?.[plan] : undefined;
          return (
            <div key={credential.kind} className="rules-card">
              {multi && <h4>{credential.label}</h4>}
              <ul>
                {slots
                  .filter((slot) => slot.kind === credential.kind)
                  .map((slot) => {
                    const full = slot.held >= slot.maxActive;
                    return (
                      <li key={slot.mode ?? 'any'} className={full ? 'rule-full' : undefined}>
                        <strong>
                          {tokenDescription(provider.name, slot.mode)}s: {slot.held} of {slot.maxActive} held
                        </strong>
                        {full && <span className="sr-only"> (limit reached)</span>}
                        <span className="muted">
                          {' '}
                          · {slot.text} Counted for {slot.account.label}
                          {slot.account.source === 'check'
                            ? ' (learned from a status check)'
                            : slot.account.source === 'store-field'
                              ? ' (from the store’s account field)'
                              : ''}
                          {slot.account.stores > 1 ? `, across ${slot.account.stores} store profiles` : ''}.
                          {slot.unknownMode > 0
                            ? ` ${slot.unknownMode} without a known mode ${slot.unknownMode === 1 ? 'counts' : 'count'} against every mode.`
                            : ''}{' '}
                          Marking a token inactive here frees no slot; only revoked does.
                        </span>
                      </li>
                    );
                  })}
                {policy.expiry && (
                  <li>
                    <strong>Expiry:</strong> {policy.expiry.text}
                    {policy.expiry.rotationDays ? ` Rotate every ${policy.expiry.rotationDays} days.` : ''}
                  </li>
                )}
                {policy.scopes && policy.scopes.length > 0 && (
                  <li>
                    <strong>Scopes:</strong> {policy.scopes.length} available
                    {policy.minScopes ? `, at least ${policy.minScopes} required` : ''}
                  </li>
                )}
                {rl && (
                  <li>
                    <strong>Per-token rate limit:</strong> {rl.min}–{rl.max} requests/min (default {rl.default})
                    {cap !== undefined
                      ? `; the ${String(plan)} plan caps it at ${cap}`
                      : rl.planCaps
                        ? '; set the store’s plan to check the cap'
                        : ''}
                    {typeof plan === 'string' && rl.planNotes?.[plan] && (
                      <span className="muted"> Note: {rl.planNotes[plan]}</span>
                    )}
                  </li>
                )}
                {accessKey && policy.accessLevels && (
                  <li>
                    <strong>Access:</strong>{' '}
                    {policy.accessLevels
                      .map(
                        (level) => `${mine.filter((t) => t.settings[accessKey] === level.value).length} ${level.label}`,
                      )
                      .join(', ')}
                    {broadLevels.length > 0 && (
                      <span className="muted">
                        {' '}
                        · {broadLevels.map((l) => l.label).join(', ')} can do everything the owner can
                      </span>
                    )}
                  </li>
                )}
                {allowKey && (
                  <li>
                    <strong>IP allowlist:</strong> {allowlistSummary(mine, allowKey)}
                  </li>
                )}
                {managedKey &&
                  mine.some((t) => typeof t.settings[managedKey] === 'string' && t.settings[managedKey] !== '') && (
                    <li>
                      <strong>Managed keys:</strong>{' '}
                      {
                        mine.filter((t) => typeof t.settings[managedKey] === 'string' && t.settings[managedKey] !== '')
                          .length
                      }
                      , read-only here
                    </li>
                  )}
                {(policy.notes ?? []).map((note) => (
                  <li key={note} className="muted">
                    {note}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        {provider.rateLimits && provider.rateLimits.length > 0 && (
          <div className="rules-card">
            <h4>Provider rate limits</h4>
            <ul>
              {provider.rateLimits.map((limit) => (
                <li key={rateLimitText(limit)}>{rateLimitText(limit)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <h4 id="store-findings-title">Findings for this store</h4>
      {!findings ? (
        <p className="muted" role="status">
          Loading findings…
        </p>
      ) : findings.length === 0 ? (
        <p className="muted">Nothing needs attention here.</p>
      ) : (
        <ul className="findings" aria-labelledby="store-findings-title">
          {findings.map((f) => (
            <FindingItem key={f.id} finding={f} />
          ))}
        </ul>
      )}
    </section>
  );
}

function allowlistSummary(tokens: readonly TokenSummary[], key: string): string {
  if (tokens.length === 0) return 'no active keys';
  const lines = (t: TokenSummary) => {
    const v = t.settings[key];
    const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split('\n') : [];
    return list.map((l) => l.trim()).filter(Boolean).length;
  };
  const open = tokens.filter((t) => lines(t) === 0).length;
  const entries = tokens.reduce((n, t) => n + lines(t), 0);
  if (open === 0) return `every active key is restricted (${entries} entr${entries === 1 ? 'y' : 'ies'})`;
  return `${open} of ${tokens.length} active key${tokens.length === 1 ? '' : 's'} open to any IP`;
}
