import type { CredentialPolicy, FieldDescriptor, ProviderDescriptor, Recognition } from '../../electron/contract';
import { expirySourceText, isoDay, localDay, tokenDescription } from '../lib/format';
import type { FieldValue } from './FieldInput';

/** What recognition read from the pasted secret: provider and mode, masked form, expiry, creation, scopes, key id. */
export function RecognitionFacts({
  match,
  provider,
  credentialLabel,
  expiryPolicy,
}: {
  match: Recognition;
  provider: ProviderDescriptor;
  credentialLabel: string | null;
  expiryPolicy: Parameters<typeof expirySourceText>[1];
}) {
  return (
    <section className="recognition" aria-label="Read from the pasted token">
      <h4>Read from the pasted token</h4>
      <dl>
        <div>
          <dt>Looks like</dt>
          <dd>
            {tokenDescription(provider.name, match.mode)}
            {credentialLabel ? ` (${credentialLabel})` : ''} · {Math.round(match.confidence * 100)}% confidence
          </dd>
        </div>
        <div>
          <dt>Masked</dt>
          <dd>
            <code className="masked">{match.facts.masked}</code>
          </dd>
        </div>
        {match.facts.expirySource && (
          <div>
            <dt>Expires</dt>
            <dd>
              {match.facts.expiresAt ? `${localDay(match.facts.expiresAt)} (${isoDay(match.facts.expiresAt)}) · ` : ''}
              {expirySourceText(match.facts.expirySource, expiryPolicy)}
            </dd>
          </div>
        )}
        {match.facts.createdAt && (
          <div>
            <dt>Created</dt>
            <dd>{isoDay(match.facts.createdAt)}</dd>
          </div>
        )}
        {match.facts.scopes && (
          <div>
            <dt>Scopes</dt>
            <dd>{match.facts.scopes.length ? match.facts.scopes.join(', ') : 'none'}</dd>
          </div>
        )}
        {match.facts.settings.keyId && (
          <div>
            <dt>Key ID</dt>
            <dd>
              <code className="masked">{match.facts.settings.keyId}</code>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/**
 * Policy-driven touches on catalog fields: "scopes not needed" offers only scopes the token holds, a broad
 * access level and a managed key say what they mean. Null hides a field that has nothing to offer yet.
 */
export function shapeField(
  field: FieldDescriptor,
  policy: CredentialPolicy | undefined,
  values: Record<string, FieldValue | undefined>,
): { field: FieldDescriptor; note?: string } | null {
  if (policy?.unneededScopesKey === field.key) {
    const held = Array.isArray(values.scopes) ? values.scopes : [];
    const options = field.options?.filter((o) => held.includes(o.value)) ?? [];
    if (options.length === 0) return null;
    return { field: { ...field, options } };
  }
  if (policy?.accessLevelKey === field.key) {
    const level = policy.accessLevels?.find((l) => l.value === values[field.key]);
    if (level?.broad)
      return {
        field,
        note: `${level.label} can do everything the store owner can; Keyward lists it under broad access.`,
      };
  }
  if (policy?.managedByKey === field.key && typeof values[field.key] === 'string') {
    return {
      field,
      note: `Managed by ${String(values[field.key])}: after saving, only its active/inactive status can change here.`,
    };
  }
  return { field };
}
