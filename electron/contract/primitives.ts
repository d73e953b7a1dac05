import { z } from 'zod';

// Bounded building blocks: every string and array that crosses a boundary has a ceiling.
export const Id = z.uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Label = z.string().trim().min(1, 'must not be empty').max(120);
export const Notes = z.string().max(2000);
export const BUILTIN_PROVIDER_IDS = ['printify', 'shippo', 'printago', 'thinkific', 'pixlpay'] as const;
export const BuiltinProviderId = z.enum(BUILTIN_PROVIDER_IDS);
export const ProviderId = z
  .string()
  .max(48)
  .regex(/^(printify|shippo|printago|thinkific|pixlpay|custom:[a-z0-9][a-z0-9-]{0,39})$/, 'unknown provider id');
/** A date the user types (YYYY-MM-DD) or a full ISO timestamp. */
export const DateInput = z.union([z.iso.date(), IsoDateTime]);
/** A pasted secret: trimmed; no inner whitespace or control characters. */
export const SecretValue = z
  .string()
  .max(8192)
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(8, 'a token is at least 8 characters')
      .regex(/^[\x21-\x7e]+$/, 'a token has no spaces or control characters'),
  );
export const FieldKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/);
export const FieldValue = z.union([
  z.string().max(4000),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(200)).max(256),
]);
export const FieldValues = z.record(FieldKey, FieldValue).refine((r) => Object.keys(r).length <= 40, 'too many fields');
