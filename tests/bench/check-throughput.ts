// Benchmark: 1,000 status checks across the five fake providers at their published limits.
// Run: npx tsx tests/bench/check-throughput.ts   (writes its section of BENCHMARKS.md)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { runChecks } from '../../electron/core/features/checks/check-runner';
import { buildCheckItem, type CheckItemInput } from '../../electron/core/features/checks/check-items';
import type { CheckItem } from '../../electron/core/features/checks/check-types';
import { publishedLimits, scaleLimits } from '../../electron/core/features/checks/limits';
import { realSleep } from '../../electron/core/features/checks/rate-limiter';
import { systemClock } from '../../electron/core/ports';
import { createUndiciHttpClient } from '../../electron/main/adapters/undici-http-client';
import { startFakeProviders, type FakeProvidersOptions } from '../fakes';

/** Every published window is divided by this (limits unchanged), so the run takes seconds, not minutes. */
const SCALE = 10;
const LATENCY_MS = 50;
const CONCURRENCY = 16;
/** Clock-granularity allowance: the limiter already counts each request from its answer, so jitter needs no margin. */
const MARGIN_MS = 5;

type P = 'printify' | 'shippo' | 'printago' | 'thinkific' | 'pixlpay';
interface Group {
  provider: P;
  account: string;
  count: number;
  mode: 'live' | 'test' | null;
}
// An agency-shaped mix where one account per provider is large enough for its limit to bind.
const GROUPS: Group[] = [
  { provider: 'printago', account: 'bigstore00000000000000001', count: 250, mode: null },
  { provider: 'printify', account: 'acct-main', count: 300, mode: null },
  { provider: 'shippo', account: 'live-shop@example.com', count: 100, mode: 'live' },
  { provider: 'shippo', account: 'test-shop@example.com', count: 40, mode: 'test' },
  { provider: 'thinkific', account: 'big-academy', count: 200, mode: null },
  { provider: 'pixlpay', account: 'store', count: 110, mode: null },
];

function setup(): {
  tokens: NonNullable<FakeProvidersOptions['tokens']>;
  inputs: (Omit<CheckItemInput, 'target'> & { secret: string; extra: Record<string, string> })[];
} {
  const tokens: Required<NonNullable<FakeProvidersOptions['tokens']>> = {
    printify: {},
    shippo: {},
    printago: {},
    thinkific: {},
    pixlpay: {},
  };
  const inputs: ReturnType<typeof setup>['inputs'] = [];
  let n = 0;
  for (const g of GROUPS) {
    for (let i = 0; i < g.count; i++) {
      n += 1;
      const id = String(n).padStart(6, '0');
      const base = {
        provider: g.provider,
        storeProfileId: `${g.provider}-${g.account}`,
        tokenId: `tok-${id}`,
        mode: g.mode,
      };
      if (g.provider === 'printify') {
        const secret = `eyJbench.${id}.sig`;
        tokens.printify[secret] = { account: g.account };
        inputs.push({ ...base, identifiers: {}, secret, extra: {} });
      } else if (g.provider === 'shippo') {
        const secret = `shippo_${g.mode}_${id.padStart(40, 'a')}`;
        tokens.shippo[secret] = { owner: g.account };
        inputs.push({ ...base, identifiers: {}, secret, extra: {} });
      } else if (g.provider === 'printago') {
        const secret = `benchkey${id}`;
        tokens.printago[secret] = { storeId: g.account };
        inputs.push({ ...base, identifiers: { storeId: g.account }, secret, extra: {} });
      } else if (g.provider === 'thinkific') {
        const secret = `thinkkey${id}`;
        tokens.thinkific[secret] = { subdomain: g.account, kind: 'api-key' };
        inputs.push({ ...base, identifiers: { subdomain: g.account }, secret, extra: {} });
      } else {
        const secret = `sk_live_bench${id}`;
        tokens.pixlpay[secret] = { scopes: ['products:read'] };
        inputs.push({
          ...base,
          identifiers: { host: `${g.account}.pixlpay.net` },
          settings: { rateLimit: 60 },
          secret,
          extra: {},
        });
      }
    }
  }
  return { tokens, inputs };
}

/** The least time the limits allow: per account, the last send cannot start before floor((n-1)/L) windows have passed. */
function lowerBoundMs(items: CheckItem[]): { boundMs: number; binding: string } {
  const perAccount = new Map<string, { n: number; item: CheckItem }>();
  for (const it of items) perAccount.set(it.accountKey, { n: (perAccount.get(it.accountKey)?.n ?? 0) + 1, item: it });
  let boundMs = Math.ceil(items.length / CONCURRENCY) * LATENCY_MS;
  let binding = `concurrency ${CONCURRENCY} × ${LATENCY_MS} ms`;
  for (const [key, { n, item }] of perAccount) {
    for (const w of item.limits.windows) {
      const t = Math.floor((n - 1) / w.limit) * w.windowMs + LATENCY_MS;
      if (t > boundMs) [boundMs, binding] = [t, `${key}: ${n} checks at ${w.limit} per ${w.windowMs / 1000} s`];
    }
  }
  return { boundMs, binding };
}

async function main() {
  const { tokens, inputs } = setup();
  const fakes = await startFakeProviders({ tokens, latencyMs: LATENCY_MS, windowScale: SCALE });
  const http = createUndiciHttpClient({ connectTimeoutMs: 2_000, connections: CONCURRENCY });
  const items = inputs.map(({ secret, extra: _extra, ...input }) =>
    buildCheckItem({
      ...input,
      target: {
        secret,
        identifiers: input.identifiers as Record<string, string>,
        kind: 'api-key',
        mode: input.mode,
        baseUrl: fakes.baseUrls[input.provider as P],
      },
      limits: { ...scaleLimits(publishedLimits(input), SCALE), marginMs: MARGIN_MS },
    }),
  );
  const { boundMs, binding } = lowerBoundMs(items);
  const t0 = performance.now();
  const sentAt: number[] = [];
  const timed = { request: (r: Parameters<typeof http.request>[0]) => (sentAt.push(Date.now()), http.request(r)) };
  const out = await runChecks(items, {
    http: process.env.BENCH_DEBUG ? timed : http,
    clock: systemClock,
    sleep: realSleep,
    userAgent: 'Keyward/0.1.0-bench',
    concurrency: CONCURRENCY,
    timeoutMs: 5_000,
    maxBodyBytes: 256 * 1024,
  });
  const elapsed = performance.now() - t0;
  const outcomes: Record<string, number> = {};
  for (const e of out) {
    const k = e.status === 'checked' ? e.result.outcome : 'cancelled';
    outcomes[k] = (outcomes[k] ?? 0) + 1;
  }
  const tooMany = fakes.tooMany();
  if (process.env.BENCH_DEBUG) {
    const arrivals = Object.values(fakes.servers)
      .flatMap((s) => s.requests.map((r) => r.at))
      .sort((a, b) => a - b);
    sentAt.sort((a, b) => a - b);
    const lags = arrivals.map((a, i) => a - (sentAt[i] ?? a)).sort((a, b) => a - b);
    console.error(
      `send→arrival lag ms: p50 ${lags[lags.length >> 1]} p99 ${lags[Math.floor(lags.length * 0.99)]} max ${lags.at(-1)}`,
    );
  }
  if (process.env.BENCH_DEBUG)
    console.error(
      Object.entries(fakes.servers)
        .map(([k, s]) => `${k}:${s.counters.tooMany}`)
        .join(' '),
    );
  const writes = fakes.writes();
  await fakes.stop();
  await http.close();

  const date = new Date().toISOString().slice(0, 10);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}`;
  const ratio = elapsed / boundMs;
  const section = [
    '<!-- check-throughput:start -->',
    '## Status checks: 1,000 tokens across the five fake providers',
    '',
    '- Command: `npx tsx tests/bench/check-throughput.ts`',
    `- Date: ${date}; machine: ${machine}`,
    `- Setup: fakes on 127.0.0.1 with ${LATENCY_MS} ms latency each; the published limits with every window divided by ${SCALE} (limits unchanged: Printify 600 per 6 s, Shippo 50/10 per 6 s live/test, Printago 60 per 6 s and 600 per 6 min, Thinkific 120 per 6 s, PixlPay 60 per 6 s per token); concurrency ${CONCURRENCY}; limiter margin ${MARGIN_MS} ms per window; a request counts against its window from the moment its answer arrives. The lower bound assumes a request counts at its send and costs no time beyond one latency: floor((n-1)/limit) windows + ${LATENCY_MS} ms for the busiest account, or the concurrency bound if larger.`,
    `- Mix: ${GROUPS.map((g) => `${g.provider} ${g.count}${g.mode ? ` ${g.mode}` : ''}`).join(', ')} (one account each, PixlPay one token each).`,
    '',
    '| measure | value | goal |',
    '|---|---|---|',
    `| total time | ${(elapsed / 1000).toFixed(2)} s | |`,
    `| lower bound the limits allow | ${(boundMs / 1000).toFixed(2)} s (${binding}) | |`,
    `| ratio | ${ratio.toFixed(3)}x | ≤ 1.1x |`,
    `| 429s Keyward caused | ${tooMany} | 0 |`,
    `| non-GET requests | ${writes} | 0 |`,
    `| outcomes | ${Object.entries(outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} | valid 1000 |`,
    '<!-- check-throughput:end -->',
  ].join('\n');
  console.log(section);

  const file = 'BENCHMARKS.md';
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nFigures measured on the build machines; each section says how to reproduce it.\n';
  const next = current.includes('<!-- check-throughput:start -->')
    ? current.replace(/<!-- check-throughput:start -->[\s\S]*<!-- check-throughput:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}

void main();
