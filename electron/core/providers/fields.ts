import type { FieldDescriptor } from '../../contract';

type Value = string | number | boolean | string[];

/** Checks values against catalog field descriptors; returns field -> message for each problem. */
export function validateFields(
  fields: readonly FieldDescriptor[],
  values: Record<string, Value | undefined>,
  prefix = '',
): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems[`${prefix}${key}`] = `${key} is not a field of this provider`;
  }
  for (const field of fields) {
    const value = values[field.key];
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (field.required) problems[`${prefix}${field.key}`] = `${field.label} is required`;
      continue;
    }
    const problem = checkOne(field, value);
    if (problem) problems[`${prefix}${field.key}`] = problem;
  }
  return problems;
}

function checkOne(field: FieldDescriptor, value: Value): string | null {
  switch (field.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${field.label} must be a whole number`;
      if (field.min !== undefined && value < field.min) return `${field.label} must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `${field.label} must be at most ${field.max}`;
      return null;
    }
    case 'select':
      if (typeof value !== 'string' || !field.options?.some((o) => o.value === value)) {
        return `${field.label} must be one of: ${field.options?.map((o) => o.value).join(', ')}`;
      }
      return null;
    case 'multiselect':
    case 'lines': {
      if (!Array.isArray(value)) return `${field.label} must be a list`;
      if (field.type === 'multiselect') {
        const bad = value.filter((v) => !field.options?.some((o) => o.value === v));
        if (bad.length) return `${field.label}: unknown ${bad.length === 1 ? 'value' : 'values'} ${bad.join(', ')}`;
      }
      return null;
    }
    default: {
      if (typeof value !== 'string') return `${field.label} must be text`;
      if (field.pattern && !new RegExp(field.pattern).test(value))
        return field.patternMessage ?? `${field.label} is not in the expected format`;
      return null;
    }
  }
}
