// The fakes hold the providers' own lifecycle semantics, which the lifecycle journeys rely on.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeProviders, type FakeProviders } from '../../fakes';
import { pixlpayDashboard, printagoDashboard, shippoDashboard } from '../../fakes/dashboards';

let fakes: FakeProviders | undefined;
afterEach(() => fakes?.stop());

describe('fake providers: lifecycle', () => {
  it("PixlPay's rotate invalidates the old value at once", async () => {
    const tokens = { [`sk_live_${'a'.repeat(36)}`]: { scopes: ['products:read'] } };
    fakes = await startFakeProviders({ tokens: { pixlpay: tokens } });
    const probe = (value: string) =>
      fetch(`${fakes!.baseUrls.pixlpay}/api/external/v1/products`, {
        headers: { authorization: `Bearer ${value}`, accept: 'application/json' },
      }).then((r) => r.status);
    const next = pixlpayDashboard(tokens).rotate(`sk_live_${'a'.repeat(36)}`);
    expect(await probe(`sk_live_${'a'.repeat(36)}`)).toBe(401);
    expect(await probe(next)).toBe(200);
  });

  it('Shippo refuses a third active token in a mode', () => {
    const dash = shippoDashboard({});
    dash.generate('ops@acme.test', 'live');
    const second = dash.generate('ops@acme.test', 'live');
    expect(() => dash.generate('ops@acme.test', 'live')).toThrow('Max of 2 tokens reached');
    expect(dash.generate('ops@acme.test', 'test')).toMatch(/^shippo_test_/);
    dash.remove(second);
    expect(dash.generate('ops@acme.test', 'live')).toMatch(/^shippo_live_/);
  });

  it('Printago lists its API keys (never the key), and managed keys cannot be deleted by hand', async () => {
    const storeId = 's'.repeat(24);
    const tokens = {};
    fakes = await startFakeProviders({ tokens: { printago: tokens } });
    const dash = printagoDashboard(tokens);
    const made = dash.create(storeId, 'Slicer');
    Object.assign(tokens, { ['m'.repeat(40)]: { storeId, name: 'Shopify', managedBy: 'shopify' } });
    const res = await fetch(`${fakes.baseUrls.printago}/v1/api-keys`, {
      headers: { authorization: `ApiKey ${made.key}`, 'x-printago-storeid': storeId },
    });
    const keys = (await res.json()) as { id: string; name: string; managed: boolean; active: boolean }[];
    expect(keys.map((k) => [k.name, k.managed, k.active])).toEqual([
      ['Slicer', false, true],
      ['Shopify', true, true],
    ]);
    expect(JSON.stringify(keys)).not.toContain(made.key);
    expect(() => dash.delete('m'.repeat(24))).toThrow(/managed/);
    dash.setActive(made.id, false);
    const again = await fetch(`${fakes.baseUrls.printago}/v1/printers`, {
      headers: { authorization: `ApiKey ${made.key}`, 'x-printago-storeid': storeId },
    });
    expect(again.status).toBe(401);
  });
});
