interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  help: string;
  error: string | undefined;
  onChange(value: string): void;
  type?: 'text' | 'number' | 'url';
  placeholder?: string;
  readOnly?: boolean;
}

export function TextField({
  id,
  label,
  value,
  help,
  error,
  onChange,
  type = 'text',
  placeholder,
  readOnly,
}: TextFieldProps) {
  return (
    <div className={`field ${error ? 'field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        readOnly={readOnly}
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
