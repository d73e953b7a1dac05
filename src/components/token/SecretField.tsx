/** A pasted secret: never echoed, never kept once sent. */
export function SecretField({
  id,
  label,
  value,
  error,
  help,
  required,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  help: string;
  required?: boolean;
  onChange(value: string): void;
}) {
  return (
    <div className={`field ${error ? 'field-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? ' *' : ''}
      </label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(e.target.value)}
      />
      <small id={`${id}-help`} className={error ? 'error-text' : 'muted'}>
        {error ?? help}
      </small>
    </div>
  );
}
