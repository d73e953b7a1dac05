import type { FieldDescriptor } from '../../electron/contract';

export type FieldValue = string | number | boolean | string[];

interface Props {
  field: FieldDescriptor;
  idPrefix: string;
  value: FieldValue | undefined;
  error?: string | undefined;
  onChange(value: FieldValue | undefined): void;
}

/** One catalog-described form field; the catalog says what to ask, main re-validates everything. */
export function FieldInput({ field, idPrefix, value, error, onChange }: Props) {
  const id = `${idPrefix}-${field.key}`;
  const describedBy = `${id}-help`;
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    required: field.required,
  };
  let control;
  switch (field.type) {
    case 'select':
      control = (
        <select
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">{field.required ? 'Choose…' : '(not set)'}</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'multiselect': {
      const selected = Array.isArray(value) ? value : [];
      control = (
        <fieldset className="checks" aria-describedby={describedBy}>
          <legend className="sr-only">{field.label}</legend>
          {field.options?.map((o) => (
            <label key={o.value} className="check">
              <input
                type="checkbox"
                checked={selected.includes(o.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
                }
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      );
      break;
    }
    case 'lines':
      control = (
        <textarea
          {...common}
          required={false}
          rows={3}
          value={Array.isArray(value) ? value.join('\n') : ''}
          onChange={(e) => {
            const lines = e.target.value.split('\n');
            onChange(lines.some((l) => l.trim()) ? lines : undefined);
          }}
        />
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          min={field.min}
          max={field.max}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          type={field.type === 'date' ? 'date' : field.type === 'email' ? 'email' : 'text'}
          placeholder={field.placeholder}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value.trim() === '' ? undefined : e.target.value.trim())}
        />
      );
  }
  return (
    <div className={`field ${error ? 'field-error' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required ? ' *' : ''}
      </label>
      {control}
      <small id={describedBy} className={error ? 'error-text' : 'muted'}>
        {error ?? field.help}
      </small>
    </div>
  );
}

/** Lines fields are sent trimmed and without blank lines. */
export function cleanValues(values: Record<string, FieldValue | undefined>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out[key] = Array.isArray(value) ? value.map((v) => v.trim()).filter(Boolean) : value;
  }
  return out;
}
