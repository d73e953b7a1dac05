import { test as base, expect, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeytarSecretStore } from '../../electron/main/adapters/keytar-secret-store';
import { startHost, type RunningHost } from '../support/host-process';
import { editVault } from '../support/vault';
import { readVaultVia } from '../support/read-vault';

export interface Keychain {
  real: boolean;
  service: string;
  store: KeytarSecretStore;
}

type Fixtures = {
  /** Extra environment for the host (override per test file with test.use({ hostEnv })). */
  hostEnv: Record<string, string>;
  dataDir: string;
  keychain: Keychain;
  host: RunningHost;
  /** Stops the current host and starts a new one on the same data folder and keychain. */
  restartHost: () => Promise<RunningHost>;
};

export const test = base.extend<Fixtures>({
  hostEnv: [{}, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern
  keychain: async ({}, use) => {
    const service = `Keyward-e2e-${randomBytes(4).toString('hex')}`;
    const store = new KeytarSecretStore(service);
    const state = await store.state();
    if (!state.available) {
      if (process.env.KEYWARD_REQUIRE_KEYCHAIN === '1')
        throw new Error(`KEYWARD_REQUIRE_KEYCHAIN=1 but the OS keychain is unavailable: ${state.message}`);
      console.warn(`[e2e] no OS keychain (${state.message}): using the host's in-memory secret store.`);
    }
    await use({ real: state.available, service, store });
    if (state.available) for (const account of await store.accounts()) await store.delete(account);
  },
  host: async ({ dataDir, keychain, hostEnv }, use) => {
    const host = await startHost({
      dataDir,
      keychainService: keychain.service,
      memorySecrets: !keychain.real,
      env: hostEnv,
    });
    await use(host);
    await host.stop();
  },
  restartHost: async ({ dataDir, keychain, host, hostEnv }, use) => {
    let current = host;
    await use(async () => {
      await current.stop();
      current = await startHost({
        dataDir,
        keychainService: keychain.service,
        memorySecrets: !keychain.real,
        env: hostEnv,
      });
      return current;
    });
    await current.stop();
  },
});

export { expect };

export async function addStore(
  page: Page,
  options: { provider: string; label: string; fields?: Record<string, string> },
): Promise<void> {
  await page.getByRole('button', { name: '+ Add store' }).click();
  await page.getByLabel('Provider *').selectOption({ label: options.provider });
  await page.getByLabel('Store name *').fill(options.label);
  for (const [label, value] of Object.entries(options.fields ?? {})) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Save store' }).click();
}

export async function addToken(page: Page, options: { name: string; secret: string }): Promise<void> {
  await page.getByRole('button', { name: '+ Add token' }).click();
  await page.getByLabel('Token name *').fill(options.name);
  await page.locator('#token-secret').fill(options.secret);
  // What the form reads from the secret has settled (as before a person's click): Save stays where it is.
  await expect(page.locator('#token-secret-recognition')).toHaveAttribute('aria-busy', 'false');
  const save = page.getByRole('button', { name: 'Save token' });
  // What happened to the save, for the failure message (never the request body: it holds the secret).
  const ipc: string[] = [];
  // The form's write goes through writeThenRead (the write and the reads on screen in one reply).
  const isSave = (url: string) => /\/ipc\/(createToken|writeThenRead)$/.test(url);
  const onRequest = (r: { url(): string }) => isSave(r.url()) && ipc.push('createToken sent');
  const onResponse = async (r: { url(): string; text(): Promise<string> }) => {
    if (isSave(r.url())) ipc.push(`answered ${(await r.text().catch(() => '?')).slice(0, 200)}`);
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  await save.click();
  // Saved, the form closes. Refused, say why here rather than as a later "row not found".
  await save
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(async () => {
      const alerts = await page.getByRole('alert').allTextContents();
      const name = await page
        .locator('#token-name')
        .inputValue()
        .catch(() => '(no name field)');
      throw new Error(
        `"${options.name}" was not saved within 15 s${alerts.length ? `: ${alerts.join(' | ')}` : ' (no alert shown)'}; name field "${name}"; ${ipc.length ? ipc.join(', ') : 'createToken never sent'}`,
      );
    })
    .finally(() => {
      page.off('request', onRequest);
      page.off('response', onResponse);
    });
}

/** A host reply's value, failing the test with the host's error when the call was refused. */
export function ok<T>(reply: { ok: boolean; value?: T; error?: { code: string; message: string } }): T {
  if (!reply.ok) throw new Error(`host call refused: ${reply.error?.code}: ${reply.error?.message}`);
  return reply.value as T;
}

/** A Printify-style JWT: base64url header and payload with the given claims, and a fake signature. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.${randomBytes(32).toString('base64url')}`;
}

/**
 * Edits the vault from another connection, as another Keyward process or a hand edit of the database would;
 * the host sees the change on its next read. Only for state no channel can produce.
 */
export { editVault };

/** Queues the path the host's next open or save dialog "chooses" (the test host has no OS dialogs). */
export async function queueDialog(
  host: { url: string; token: string },
  answer: { open?: string; save?: string },
): Promise<void> {
  const res = await fetch(`${host.url}__host/dialogs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-keyward-token': host.token },
    body: JSON.stringify(answer),
  });
  if (!res.ok) throw new Error(`queueing a dialog answer failed: ${res.status} ${await res.text()}`);
}

/** What the vault holds, read through the window's own read channels (see readVaultVia). */
export const readVault = (host: Pick<RunningHost, 'call'>) =>
  readVaultVia((channel, input) => host.call(channel, input));
