import { z } from 'zod';
import { TokenKind, TokenMode } from './model';
import { ProviderId } from './primitives';

/** One guess at what a pasted secret is; facts hold a masked form, never the value. */
export const Recognition = z.object({
  provider: ProviderId,
  kind: TokenKind,
  mode: TokenMode.nullable(),
  confidence: z.number().min(0).max(1),
  facts: z.object({
    mode: TokenMode.nullable().optional(),
    createdAt: z.string().max(40).optional(),
    expiresAt: z.string().max(40).nullable().optional(),
    expirySource: z.enum(['token', 'provider-rule', 'user', 'none', 'unknown']).optional(),
    scopes: z.array(z.string().max(80)).max(128).optional(),
    settings: z.record(z.string().max(40), z.string().max(200)),
    masked: z.string().max(64),
    formatProblem: z.string().max(400).nullable(),
  }),
});
export type Recognition = z.infer<typeof Recognition>;
