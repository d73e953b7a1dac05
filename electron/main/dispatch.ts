import type { z } from 'zod';
import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ParsedInput,
  type Result,
} from '../contract';
import { AppError } from '../core/errors';
import type { Logger } from '../core/ports';

/** One handler per contract channel: leaving one out is a compile error. */
export type Handlers = { [K in ChannelName]: (input: ParsedInput<K>) => Promise<ChannelOutput<K>> };
export type Dispatch = (channel: string, raw: unknown) => Promise<Result<unknown>>;

function fieldMessages(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues.slice(0, 20)) {
    const key = issue.path.join('.') || '(input)';
    fields[key] ??= issue.message.slice(0, 300);
  }
  return fields;
}

function describeInvalid(fields: Record<string, string>): string {
  return Object.entries(fields)
    .slice(0, 5)
    .map(([k, m]) => `${k}: ${m}`)
    .join('; ');
}

/**
 * Transport-free IPC: parse input with the channel's zod schema, run the handler, re-parse the output so
 * nothing outside the schema leaves main, and answer with a Result. Electron and the test host both call it.
 */
export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, raw) => {
    if (!isChannelName(channel))
      return {
        ok: false,
        error: { code: 'unknown_channel', message: `No channel named "${String(channel).slice(0, 60)}".` },
      };
    const spec = channels[channel];
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) {
      const fields = fieldMessages(parsed.error);
      return {
        ok: false,
        error: { code: 'invalid_input', message: `Invalid input for ${channel}: ${describeInvalid(fields)}`, fields },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const value = spec.output.parse(await handler(parsed.data));
      return { ok: true, value };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toShape() };
      // Unexpected errors are logged by name only: their messages could quote input.
      logger.error('handler failed', { channel, error: err instanceof Error ? err.name : typeof err });
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'Something went wrong inside Keyward; the change was not made. See the log for details.',
        },
      };
    }
  };
}
