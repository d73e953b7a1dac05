import type { ProviderDescriptor, StoreProfile, TokenSummary } from '../../electron/contract';
import { checkChoices, fieldsFor } from '../../electron/contract/check-choices';
import { write } from '../lib/query';

interface Props {
  store: StoreProfile;
  provider: ProviderDescriptor;
  tokens: readonly TokenSummary[];
  readOnly: boolean;
}

/**
 * When a check saw several entries the store could be (Printify: several shops) and the store has none yet,
 * asks which one it is; a single entry is filled by main when the check is recorded.
 */
export function CheckChoicesPanel({ store, provider, tokens, readOnly }: Props) {
  const fills = provider.checkFills;
  if (!fills || readOnly) return null;
  const current = store.identifiers[fills.idField];
  if (current !== undefined && current !== '') return null;
  const newest = tokens
    .filter((t) => t.lastCheck?.outcome === 'valid')
    .sort((a, b) => (b.lastCheck!.checkedAt > a.lastCheck!.checkedAt ? 1 : -1))[0];
  const choices = newest ? checkChoices(fills, newest.lastCheck) : [];
  if (choices.length < 2) return null;
  const field = provider.storeFields.find((f) => f.key === fills.idField)?.label ?? fills.idField;
  return (
    <section className="panel" aria-label={`Choose the ${fills.noun}`}>
      <p>
        The last check of “{newest!.name}” saw {choices.length} {fills.noun}s. Which one is {store.label}? Keyward fills
        its {field.toLowerCase()} with your choice.
      </p>
      <div className="actions">
        {choices.map((c) => (
          <button
            key={c.id}
            type="button"
            onClick={() =>
              void write('updateStore', { id: store.id, identifiers: { ...store.identifiers, ...fieldsFor(fills, c) } })
            }
          >
            {c.title ? `${c.title} (${c.id})` : c.id}
          </button>
        ))}
      </div>
    </section>
  );
}
