// What a person does on each provider's own dashboard, with the provider's semantics (shared/providers.md,
// lifecycle facts). Tests call these; Keyward never does (its status checks only read).
import { randomBytes } from 'node:crypto';
import type { PixlpayFakeToken } from './fake-pixlpay';
import type { PrintagoFakeToken } from './fake-printago';
import type { PrintifyFakeToken } from './fake-printify';
import type { ShippoFakeToken } from './fake-shippo';
import type { ThinkificFakeToken } from './fake-thinkific';

const hex = (n: number) => randomBytes(n).toString('hex');
const alnum = (n: number) => hex(n).slice(0, n);

/** PixlPay: Rotate gives the SAME token a new value and the old value stops working at once. */
export function pixlpayDashboard(tokens: Record<string, PixlpayFakeToken>) {
  return {
    rotate(value: string): string {
      const token = tokens[value];
      if (!token || token.revoked) throw new Error('PixlPay: no such active token');
      const next = `${value.startsWith('sk_test_') ? 'sk_test_' : 'sk_live_'}${alnum(36)}`;
      delete tokens[value];
      tokens[next] = { ...token };
      return next;
    },
    revoke(value: string): void {
      const token = tokens[value];
      if (token) token.revoked = true;
    },
  };
}

/** Shippo: no rotate; at most 2 active tokens per mode and account ("Max of 2 tokens reached"); removal is immediate. */
export function shippoDashboard(tokens: Record<string, ShippoFakeToken>) {
  return {
    generate(owner: string, mode: 'live' | 'test'): string {
      const active = Object.entries(tokens).filter(
        ([v, t]) => t.owner === owner && !t.revoked && v.startsWith(`shippo_${mode}_`),
      );
      if (active.length >= 2) throw new Error('Max of 2 tokens reached');
      const value = `shippo_${mode}_${hex(20)}`;
      tokens[value] = { owner };
      return value;
    },
    remove(value: string): void {
      delete tokens[value];
    },
  };
}

/** Printify: generate a new token (a year), both work side by side until the old one is revoked. */
export function printifyDashboard(tokens: Record<string, PrintifyFakeToken>, jwt: (scopes: string[]) => string) {
  return {
    generate(account: string, scopes: string[]): string {
      const value = jwt(scopes);
      tokens[value] = { account, scopes };
      return value;
    },
    revoke(value: string): void {
      const token = tokens[value];
      if (token) token.revoked = true;
    },
  };
}

/** Printago: create a key; deactivate (temporary) or delete (permanent); managed keys cannot be touched by hand. */
export function printagoDashboard(tokens: Record<string, PrintagoFakeToken>) {
  const byId = (id: string) => Object.entries(tokens).find(([k, t]) => (t.id ?? k.slice(0, 24)) === id);
  const handEditable = (id: string) => {
    const found = byId(id);
    if (!found) throw new Error('Printago: no such key');
    if (found[1].managedBy) throw new Error('Printago: managed keys cannot be edited or deleted by hand');
    return found;
  };
  return {
    create(storeId: string, name: string): { id: string; key: string } {
      const key = alnum(40);
      tokens[key] = { storeId, name, id: key.slice(0, 24), active: true };
      return { id: key.slice(0, 24), key };
    },
    setActive(id: string, active: boolean): void {
      handEditable(id)[1].active = active;
    },
    delete(id: string): void {
      delete tokens[handEditable(id)[0]];
    },
  };
}

/** Thinkific: access tokens have unique names per site and an expiry; removal revokes at once; an API key reset kills the old. */
export function thinkificDashboard(tokens: Record<string, ThinkificFakeToken>) {
  return {
    createAccessToken(subdomain: string, name: string, names: Map<string, string>): string {
      if ([...names.values()].includes(`${subdomain}:${name}`)) throw new Error('Name has already been taken');
      const value = hex(24);
      tokens[value] = { subdomain, kind: 'access-token' };
      names.set(value, `${subdomain}:${name}`);
      return value;
    },
    remove(value: string): void {
      delete tokens[value];
    },
    resetKey(value: string): string {
      const token = tokens[value];
      if (!token) throw new Error('Thinkific: no such key');
      delete tokens[value];
      const next = hex(16);
      tokens[next] = { ...token };
      return next;
    },
  };
}
