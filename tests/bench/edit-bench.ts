// One edit in the window, counted: requests and bytes from a click on a token's page until the screen is current.
// Drives Debian's Chromium against the test host of one checkout, or of two checkouts one after the other (a
// baseline and this one) on the same generated vault, so both figures come from one run.
// Run: npx tsx tests/bench/edit-bench.ts [--baseline <checkout>] [--skip-build]   (writes its section of BENCHMARKS.md)
// Not a test: no timed assertions. Each checkout's renderer must be built (electron-vite build) unless it is here.
import { chromium, type Browser, type Page, type Request } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHost, type RunningHost } from '../support/host-process';
import { machineFacts, nowMs, REPO_ROOT, today, writeSection } from './bench-utils';
import { generateVault, withKeychainNamespace, writeVault } from './generate-vault';

const SIZE = { tokens: 10_000, stores: 2_000, clients: 300, seed: 6 };
const CHROMIUM = process.env.KEYWARD_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'];
/** Edits per checkout (each on another token): the table shows the median and the largest. */
const EDITS = 5;
/** No request for this long after the screen shows the edit: the window has settled. */
const QUIET_MS = 1_500;
const TIMEOUT_MS = 60_000;

interface EditCount {
  requests: number;
  /** Request bodies and response bodies, in bytes. */
  sent: number;
  received: number;
  channels: string[];
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function build(root: string): void {
  if (existsSync(join(root, 'out/renderer/index.html')) && process.argv.includes('--skip-build')) return;
  console.error(`edit-bench: building ${root} (npx electron-vite build)…`);
  const built = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 300_000,
  });
  if (built.status !== 0) throw new Error(`npx electron-vite build failed in ${root} (exit ${built.status})`);
}

/** Waits until no /ipc/ request has left or been answered for QUIET_MS (bounded). */
async function settled(pending: () => number, lastActivity: () => number): Promise<void> {
  const deadline = nowMs() + TIMEOUT_MS;
  while (nowMs() < deadline) {
    if (pending() === 0 && nowMs() - lastActivity() >= QUIET_MS) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the window did not settle');
}

/** Opens token pages one after another and deactivates each from its page, counting what the window sends. */
async function measure(
  browser: Browser,
  host: RunningHost,
  tokens: { name: string; masked: string }[],
): Promise<EditCount[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page: Page = await context.newPage();
  let counting: EditCount | null = null;
  let pending = 0;
  let last = nowMs();
  const isIpc = (r: Request) => /\/ipc\/\w+$/.test(r.url());
  page.on('request', (r) => {
    if (!isIpc(r)) return;
    pending++;
    last = nowMs();
    if (counting) {
      counting.requests++;
      counting.sent += Buffer.byteLength(r.postData() ?? '');
      counting.channels.push(/\/ipc\/(\w+)$/.exec(r.url())![1]!);
    }
  });
  page.on('requestfinished', async (r) => {
    if (!isIpc(r)) return;
    const counted = counting;
    const body = await (await r.response())?.body().catch(() => Buffer.alloc(0));
    if (counted) counted.received += body?.length ?? 0;
    pending--;
    last = nowMs();
  });
  page.on('requestfailed', (r) => {
    if (!isIpc(r)) return;
    pending--;
    last = nowMs();
  });
  const counts: EditCount[] = [];
  await page.goto(`${host.url}#inventory`);
  for (const token of tokens) {
    // The token's page, as a click in the inventory opens it: found by its masked fingerprint (names repeat).
    await page.getByRole('searchbox', { name: 'Search tokens' }).fill(token.masked);
    await page
      .getByRole('grid', { name: 'Tokens' })
      .getByRole('button', { name: token.name, exact: true })
      .first()
      .click();
    const toolbar = page.getByRole('toolbar', { name: 'Token actions' });
    await toolbar.getByRole('button', { name: 'Deactivate' }).waitFor({ timeout: TIMEOUT_MS });
    await settled(
      () => pending,
      () => last,
    );
    counting = { requests: 0, sent: 0, received: 0, channels: [] };
    await toolbar.getByRole('button', { name: 'Deactivate' }).click();
    await toolbar.getByRole('button', { name: 'Reactivate' }).waitFor({ timeout: TIMEOUT_MS });
    await settled(
      () => pending,
      () => last,
    );
    counts.push(counting);
    counting = null;
    await page.keyboard.press('Escape');
  }
  await context.close();
  return counts;
}

async function run(browser: Browser, root: string, dataDir: string, tokens: { name: string; masked: string }[]) {
  const host = await startHost({ dataDir, memorySecrets: true, cwd: root, rendererDir: join(root, 'out/renderer') });
  try {
    return await measure(browser, host, tokens);
  } finally {
    await host.stop();
  }
}

async function main(): Promise<void> {
  const baseline = argValue('--baseline');
  const roots = [...(baseline ? [{ label: `baseline (${baseline})`, root: resolve(baseline) }] : [])];
  roots.push({ label: 'this checkout', root: REPO_ROOT });
  for (const { root } of roots) build(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const results: { label: string; counts: EditCount[] }[] = [];
  try {
    for (const { label, root } of roots) {
      // A fresh copy of the same vault for each checkout, as vault.json: each checkout's own code imports it.
      const dataDir = await mkdtemp(join(tmpdir(), 'keyward-editbench-'));
      try {
        const vault = withKeychainNamespace(generateVault({ ...SIZE, now: new Date('2026-12-01T00:00:00Z') }));
        await writeVault(dataDir, vault);
        // Active tokens whose masked fingerprint no other token shares: the search shows each alone.
        const seen = new Map<string, number>();
        for (const t of vault.tokens) if (t.secret) seen.set(t.secret.masked, (seen.get(t.secret.masked) ?? 0) + 1);
        const tokens = vault.tokens
          .filter((t) => t.status === 'active' && t.secret && seen.get(t.secret.masked) === 1)
          .slice(0, EDITS)
          .map((t) => ({ name: t.name, masked: t.secret!.masked }));
        console.error(`edit-bench: ${label}…`);
        results.push({ label, counts: await run(browser, root, dataDir, tokens) });
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const kb = (n: number) => `${n.toLocaleString('en')} B`;
  const lines = [
    '## One edit in the window: requests and bytes until the screen is current',
    '',
    `- Command: \`npx tsx tests/bench/edit-bench.ts${baseline ? ` --baseline ${baseline}` : ''}\``,
    `- Date: ${today()}; machine: ${machineFacts()}; Chromium (${CHROMIUM}, headless)`,
    `- Setup: the test host of each checkout on its own copy of \`withKeychainNamespace(generateVault(${JSON.stringify(SIZE)}))\`; the window opens a token's page from the inventory and presses Deactivate, ${EDITS} times (other tokens). Counted: every POST to /ipc/* from the click until the page shows Reactivate and no request has left or come back for ${QUIET_MS} ms; bytes are request bodies plus response bodies.`,
    '',
    '| checkout | requests (median / most) | bytes sent + received (median / most) | target | channels (median edit) |',
    '|---|---|---|---|---|',
    ...results.map(({ label, counts }) => {
      const reqs = counts.map((c) => c.requests);
      const bytes = counts.map((c) => c.sent + c.received);
      const mid = counts.find((c) => c.sent + c.received === median(bytes)) ?? counts[0]!;
      return `| ${label} | ${median(reqs)} / ${Math.max(...reqs)} | ${kb(median(bytes))} / ${kb(Math.max(...bytes))} | 1 request, ≤ 5,000 B | ${mid.channels.join(', ')} |`;
    }),
  ];
  const body = lines.join('\n');
  console.log(body);
  writeSection('edit-bench', body);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
