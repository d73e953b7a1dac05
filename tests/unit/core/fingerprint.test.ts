import { describe, expect, it } from 'vitest';
import { maskSecret, sha256Hex } from '../../../electron/core/secrets/fingerprint';

describe('masked fingerprint', () => {
  it.each([
    ['Shippo live', 'shippo_live_3f00000000000000000000000000000000009a1c', 'shippo_live_3f…9a1c'],
    ['PixlPay live', 'sk_live_ab34567890abcdefghijklmnopqrstuvwxyz', 'sk_live_ab…wxyz'],
    ['opaque key', 'k2a9c0000000000000000000000000ffff', 'k2…ffff'],
  ])('%s keeps the public prefix and shows two leading and four trailing characters', (_name, secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });

  it('shows only hash characters for short secrets', () => {
    const masked = maskSecret('abcd1234efgh');
    expect(masked).toMatch(/^…#[0-9a-f]{6}$/);
    expect(masked).not.toContain('abcd');
  });

  it('fingerprints are SHA-256 hex, equal for equal secrets', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
