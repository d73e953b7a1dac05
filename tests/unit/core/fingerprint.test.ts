import { describe, expect, it } from 'vitest';
import { maskWithFormats } from '../../../electron/core/providers/mask';
import { sha256Hex } from '../../../electron/core/secrets/fingerprint';

const shippoLike = [
  { pattern: '^x$', description: 'd', confirmed: true, confidence: 1, publicPrefix: '^shippo_(live|test)_' },
];

describe('masked fingerprint', () => {
  it('keeps the public prefix and shows two leading and four trailing characters', () => {
    expect(maskWithFormats(shippoLike, 'shippo_live_3f00000000000000000000000000000000009a1c')).toBe(
      'shippo_live_3f…9a1c',
    );
  });

  it('shows only hash characters for short secrets', () => {
    const masked = maskWithFormats([], 'abcd1234efgh');
    expect(masked).toMatch(/^…#[0-9a-f]{6}$/);
    expect(masked).not.toContain('abcd');
  });

  it('fingerprints are SHA-256 hex, equal for equal secrets', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
