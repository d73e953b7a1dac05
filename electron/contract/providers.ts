import { z } from 'zod';
import { FieldKey, ProviderId } from './primitives';
import { TokenKind } from './model';

/** A form field the catalog asks for; the renderer draws forms from these, main validates with the catalog. */
export const FieldDescriptor = z.object({
  key: FieldKey,
  label: z.string().max(80),
  type: z.enum(['text', 'number', 'select', 'multiselect', 'lines', 'date', 'email']),
  required: z.boolean(),
  help: z.string().max(300),
  placeholder: z.string().max(120).optional(),
  /** For text fields: a regular expression the whole value must match, and what to say when it does not. */
  pattern: z.string().max(300).optional(),
  patternMessage: z.string().max(200).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.object({ value: z.string().max(80), label: z.string().max(120) })).max(64).optional(),
});
export type FieldDescriptor = z.infer<typeof FieldDescriptor>;

export const CredentialDescriptor = z.object({
  kind: TokenKind,
  label: z.string().max(80),
  secretLabel: z.string().max(80),
  secretHelp: z.string().max(300),
  fields: z.array(FieldDescriptor).max(20),
});

export const ProviderDescriptor = z.object({
  id: ProviderId,
  name: z.string().max(80),
  builtin: z.boolean(),
  storeFields: z.array(FieldDescriptor).max(20),
  credentials: z.array(CredentialDescriptor).min(1).max(4),
  tokenPageUrl: z.string().max(300),
  summary: z.string().max(400),
});
export type ProviderDescriptor = z.infer<typeof ProviderDescriptor>;
