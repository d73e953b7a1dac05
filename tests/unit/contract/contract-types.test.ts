import { describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/contract';
import { channelNames, channels } from '../../../electron/contract';
import type { Handlers } from '../../../electron/main/dispatch';

describe('contract typing (checked by `npm run typecheck`, which runs over tests too)', () => {
  it('a handler table missing a channel does not compile', () => {
    // @ts-expect-error -- every channel needs a handler; this table has only one.
    const partial: Handlers = { getAppInfo: async () => ({ version: '1', dataDir: '/', host: 'electron' as const }) };
    expect(Object.keys(partial)).toHaveLength(1);
  });

  it('an Api without a channel method does not compile', () => {
    // @ts-expect-error -- the preload must expose every channel.
    const api: Api = { on: () => () => {} };
    expect(typeof api.on).toBe('function');
  });

  it('every input schema refuses unknown keys (strict)', () => {
    for (const name of channelNames) {
      const result = channels[name].input.safeParse({ unexpectedKey: true });
      expect(result.success, name).toBe(false);
    }
  });
});
