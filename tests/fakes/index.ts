import { startPixlpayFake, type PixlpayFakeToken } from './fake-pixlpay';
import { startPrintagoFake, type PrintagoFakeToken } from './fake-printago';
import { startPrintifyFake, type PrintifyFakeToken, type ProviderFakeOptions } from './fake-printify';
import type { FakeServer } from './fake-server';
import { startShippoFake, type ShippoFakeToken } from './fake-shippo';
import { startThinkificFake, type ThinkificFakeOptions, type ThinkificFakeToken } from './fake-thinkific';

export type { FakeServer, FaultMode, LoggedRequest } from './fake-server';
export type { PixlpayFakeToken, PrintagoFakeToken, PrintifyFakeToken, ShippoFakeToken, ThinkificFakeToken };

export type FakeProviderId = 'printify' | 'shippo' | 'printago' | 'thinkific' | 'pixlpay';

export interface FakeProvidersOptions extends ProviderFakeOptions {
  tokens?: {
    printify?: Record<string, PrintifyFakeToken>;
    shippo?: Record<string, ShippoFakeToken>;
    printago?: Record<string, PrintagoFakeToken>;
    thinkific?: Record<string, ThinkificFakeToken>;
    pixlpay?: Record<string, PixlpayFakeToken>;
  };
  thinkificResetFormat?: ThinkificFakeOptions['resetFormat'];
}

export interface FakeProviders {
  baseUrls: Record<FakeProviderId, string>;
  servers: Record<FakeProviderId, FakeServer>;
  /** 429s sent by all five fakes. */
  tooMany(): number;
  /** Non-GET requests received by all five fakes (must stay 0). */
  writes(): number;
  stop(): Promise<void>;
}

/** Starts one fake per provider on 127.0.0.1; point Keyward's base URLs at `baseUrls`. */
export async function startFakeProviders(options: FakeProvidersOptions = {}): Promise<FakeProviders> {
  const { tokens = {}, thinkificResetFormat, ...common } = options;
  const [printify, shippo, printago, thinkific, pixlpay] = await Promise.all([
    startPrintifyFake(tokens.printify ?? {}, common),
    startShippoFake(tokens.shippo ?? {}, common),
    startPrintagoFake(tokens.printago ?? {}, common),
    startThinkificFake(tokens.thinkific ?? {}, {
      ...common,
      ...(thinkificResetFormat ? { resetFormat: thinkificResetFormat } : {}),
    }),
    startPixlpayFake(tokens.pixlpay ?? {}, common),
  ]);
  const servers = { printify, shippo, printago, thinkific, pixlpay };
  const all = Object.values(servers);
  return {
    baseUrls: {
      printify: printify.url,
      shippo: shippo.url,
      printago: printago.url,
      thinkific: thinkific.url,
      pixlpay: pixlpay.url,
    },
    servers,
    tooMany: () => all.reduce((n, s) => n + s.counters.tooMany, 0),
    writes: () => all.reduce((n, s) => n + s.counters.writes, 0),
    stop: async () => void (await Promise.all(all.map((s) => s.stop()))),
  };
}

export { startPixlpayFake, startPrintagoFake, startPrintifyFake, startShippoFake, startThinkificFake };
