import { randomUUID } from 'node:crypto';
import type { StoreProfile, Token } from '../../../electron/contract';
import { sha256Hex } from '../../../electron/core/secrets/fingerprint';
import type { VaultData } from '../../../electron/core/vault/vault-data';

export const NOW = new Date('2026-11-22T09:00:00.000Z');
export const DAY = 86_400_000;
export const daysFrom = (at: Date, days: number): string => new Date(at.getTime() + days * DAY).toISOString();

/** A Printify-like JWT: real base64url header and payload, a fake signature. No real token. */
export function makeJwt(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc(header)}.${enc(payload)}.${Buffer.from('not-a-real-signature-0123456789').toString('base64url')}`;
}

export function store(over: Partial<StoreProfile> = {}): StoreProfile {
  return {
    id: randomUUID(),
    clientId: null,
    provider: 'shippo',
    label: 'Acme',
    identifiers: {},
    environment: 'production',
    notes: '',
    createdAt: daysFrom(NOW, -100),
    updatedAt: daysFrom(NOW, -100),
    ...over,
  };
}

export function token(storeOf: StoreProfile, over: Partial<Token> = {}): Token {
  const id = over.id ?? randomUUID();
  return {
    id,
    storeId: storeOf.id,
    name: `token ${id.slice(0, 8)}`,
    kind: 'api-key',
    mode: null,
    scopes: [],
    settings: {},
    status: 'active',
    createdAt: daysFrom(NOW, -10),
    expiresAt: null,
    expirySource: 'unknown',
    secret: { fingerprint: sha256Hex(id), masked: 'x…#abcdef', setAt: daysFrom(NOW, -10) },
    lastCheck: null,
    checkHistory: [],
    rotatedFrom: null,
    rotatedTo: null,
    notes: '',
    addedAt: daysFrom(NOW, -10),
    updatedAt: daysFrom(NOW, -10),
    ...over,
  };
}

export function vault(stores: StoreProfile[], tokens: Token[]): Pick<VaultData, 'stores' | 'tokens'> {
  return { stores, tokens };
}
