import type { ProviderDescriptor, StoreProfile } from '../../electron/contract';
import { FieldInput, type FieldValue } from './FieldInput';

type EnvironmentName = StoreProfile['environment'];

interface Props {
  idPrefix: string;
  provider: ProviderDescriptor | undefined;
  environment: EnvironmentName;
  onEnvironment(value: EnvironmentName): void;
  identifiers: Record<string, FieldValue | undefined>;
  onIdentifiers(update: (prev: Record<string, FieldValue | undefined>) => Record<string, FieldValue | undefined>): void;
  fieldErrors: Record<string, string>;
}

/** The parts of a store profile both the add and the edit form ask for: environment and the provider's identifiers. */
export function StoreProfileFields({
  idPrefix,
  provider,
  environment,
  onEnvironment,
  identifiers,
  onIdentifiers,
  fieldErrors,
}: Props) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-environment`}>Environment</label>
        <select
          id={`${idPrefix}-environment`}
          value={environment}
          onChange={(e) => onEnvironment(e.target.value as EnvironmentName)}
        >
          <option value="production">Production</option>
          <option value="staging">Staging</option>
          <option value="development">Development</option>
        </select>
        <small className="muted">Keyward warns about test tokens in production stores.</small>
      </div>
      {provider?.storeFields.map((field) => (
        <FieldInput
          key={field.key}
          field={field}
          idPrefix={idPrefix}
          value={identifiers[field.key]}
          error={fieldErrors[`identifiers.${field.key}`]}
          onChange={(v) => onIdentifiers((prev) => ({ ...prev, [field.key]: v }))}
        />
      ))}
    </>
  );
}
