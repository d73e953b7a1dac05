import { randomUUID } from 'node:crypto';
import {
  CliCheckResult,
  CliTokenRow,
  type CheckResult,
  type Finding,
  type KnownSecret,
  type Recognition,
  type Client,
  type Result,
  type StoreProfile,
  type Token,
} from '../contract';
import { systemClock } from '../core/ports';
import { thawed } from '../core/vault/plain-data';
import { createConsoleLogger } from '../main/adapters/console-logger';
import { KEYCHAIN_SERVICE, KeytarSecretStore } from '../main/adapters/keytar-secret-store';
import { compose } from '../main/compose';
import { defaultDataDir } from '../main/data-dir';
import { table, writeJsonRows } from './format';
import { LIFECYCLE_COMMANDS, quickCheckFacts, runLifecycle } from './lifecycle-commands';
import { readSecret } from './read-secret';
import { CliExit, EXIT, exitCodeFor, SEVERITY_RANK, type Values } from './options';
import pkg from '../../package.json';

/** Runs a command that needs the whole app graph (the keychain, checks, writes, findings). */
export async function runCommand(values: Values, command: string): Promise<number> {
  const logger = createConsoleLogger('cli', () => {});
  const { dispatch, onEvent, recover, session } = compose({
    dataDir: values.data ?? defaultDataDir(),
    secrets: new KeytarSecretStore(values['keychain-service'] ?? KEYCHAIN_SERVICE),
    clock: systemClock,
    logger,
    actor: 'cli',
    version: pkg.version,
    host: 'test-host',
  });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = (await dispatch(channel, input)) as Result<T>;
    if (!result.ok) throw new CliExit(exitCodeFor(result.error), result.error.message);
    return result.value;
  };
  // What a crashed run left in the keychain is settled before this one starts.
  await recover();
  const out = (text: string) => process.stdout.write(`${text}\n`);
  // The vault as this process reads it: the CLI lists and exports every record, where the window asks per view.
  const readVault = async (): Promise<CliVault> => thawed(await session.vault());
  const json = (value: unknown) => out(JSON.stringify(value, null, 2));

  switch (command) {
    case 'add':
      return add(values, call, out, json, readVault);
    case 'check': {
      // Progress on stderr, so stdout stays clean for --json.
      const stop = onEvent((event, payload) => {
        if (event !== 'checkProgress') return;
        const p = payload as { done: number; total: number };
        if (process.stderr.isTTY)
          process.stderr.write(`\rChecked ${p.done} of ${p.total}${p.done === p.total ? '\n' : ''}`);
        else if (p.done === p.total || p.done % 50 === 0) process.stderr.write(`Checked ${p.done} of ${p.total}\n`);
      });
      try {
        return await check(values, call, out, json, readVault);
      } finally {
        stop();
      }
    }
    case 'quick-check': {
      const provider = required(values.provider, '--provider');
      const secret = await readSecret('Token (input hidden): ');
      const [recognitions, known] = await Promise.all([
        call<Recognition[]>('recognizeSecret', { secret }),
        call<KnownSecret | null>('findSecretInVault', { secret }),
      ]);
      const result = await call<CheckResult>('quickCheck', {
        provider,
        secret,
        ...(values.kind ? { kind: values.kind } : {}),
        identifiers: identifiers(values),
      });
      const recognition = recognitions.find((r) => r.provider === provider);
      if (values.json)
        json({
          ...CliCheckResult.parse({ provider, ...result }),
          expiresAt: recognition?.facts.expiresAt ?? (known?.current ? known.expiresAt : null),
          scopes: recognition?.facts.scopes ?? (known?.current ? known.scopes : []),
          known,
        });
      else {
        out(`${result.outcome}${result.httpStatus ? ` (HTTP ${result.httpStatus})` : ''}: ${result.detail}`);
        for (const line of quickCheckFacts(recognition, known)) out(line);
      }
      return failsOn(values['fail-on'], ['invalid']).includes(result.outcome) ? EXIT.failing : EXIT.fine;
    }
    case 'findings': {
      const floor = values.severity ? severityRank(values.severity) : 0;
      const findings = (await call<Finding[]>('getFindings', {})).filter((f) => SEVERITY_RANK[f.severity] >= floor);
      const { keychain } = await call<{ keychain: { available: boolean; message: string } }>('getVaultStatus', {});
      if (!keychain.available)
        process.stderr.write(
          `keyward: the keychain could not be read (${keychain.message}); missing and orphaned secrets are not reported.\n`,
        );
      if (values.json) await writeJsonRows(findings);
      else
        out(
          findings.length
            ? table(
                ['SEVERITY', 'KIND', 'MESSAGE', 'ACTION'],
                findings.map((f) => [f.severity, f.kind, f.message, f.action]),
              )
            : 'No findings.',
        );
      const failOn = values['fail-on'] ?? 'critical';
      if (failOn === 'never') return EXIT.fine;
      return findings.some((f) => SEVERITY_RANK[f.severity] >= severityRank(failOn)) ? EXIT.failing : EXIT.fine;
    }
    case 'export': {
      const vault = await readVault();
      json({
        exportedAt: new Date().toISOString(),
        clients: vault.clients,
        stores: vault.stores,
        // Check histories stay out of the export, as before.
        tokens: vault.tokens.map(({ checkHistory: _, ...t }) => t),
      });
      return EXIT.fine;
    }
    case 'remove': {
      const id = required(values.token, '--token');
      await call('deleteToken', { id });
      if (values.json) json({ id, deleted: true });
      else out(`Removed token ${id} and its keychain entry. It still works at the provider until you revoke it there.`);
      return EXIT.fine;
    }
    default:
      if (LIFECYCLE_COMMANDS.has(command)) return runLifecycle(command, values, call, out, json);
      throw new CliExit(EXIT.usage, `Unknown command "${command}". See keyward --help.`);
  }
}

async function add(
  values: Values,
  call: <T>(c: string, i: unknown) => Promise<T>,
  out: (t: string) => void,
  json: (v: unknown) => void,
  readVault: () => Promise<CliVault>,
): Promise<number> {
  const provider = required(values.provider, '--provider');
  const storeLabel = required(values.store, '--store');
  const name = required(values.name, '--name');
  const secret = await readSecret('Token (input hidden): ');
  if (!secret) throw new CliExit(EXIT.usage, 'No secret on standard input.');
  const settings: Record<string, unknown> = {};
  if (values.access) settings.accessLevel = values.access;
  if (values['allow-ip']) settings.ipAllowlist = values['allow-ip'];
  if (values['rate-limit'] !== undefined) {
    const n = Number(values['rate-limit']);
    if (!Number.isInteger(n))
      throw new CliExit(EXIT.usage, '--rate-limit takes a whole number of requests per minute.');
    settings.rateLimit = n;
  }
  // One change: client, store and token land together or not at all.
  const token = await call<Token>('addToken', {
    client: values.client ?? null,
    store: { provider, label: storeLabel, identifiers: identifiers(values) },
    token: {
      name,
      secret,
      settings,
      ...(values.kind ? { kind: values.kind } : {}),
      ...(values.mode ? { mode: values.mode } : {}),
      ...(values.scopes
        ? {
            scopes: values.scopes
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : {}),
      ...(values.created ? { createdAt: values.created } : {}),
      ...(values.expires ? { expiresAt: values.expires } : {}),
    },
  });
  const after = await readVault();
  const row = tokenRows(after).find((r) => r.id === token.id)!;
  if (values.json) json(CliTokenRow.parse(row));
  else out(token.id);
  return EXIT.fine;
}

async function check(
  values: Values,
  call: <T>(c: string, i: unknown) => Promise<T>,
  out: (t: string) => void,
  json: (v: unknown) => void,
  readVault: () => Promise<CliVault>,
): Promise<number> {
  const selection = values.token
    ? { tokenIds: [values.token] }
    : values.client || values.store
      ? await namedSelection(values, readVault)
      : values.all
        ? { all: true }
        : null;
  if (!selection) throw new CliExit(EXIT.usage, 'Say what to check: --all, --client X, --store X or --token ID.');
  const runId = randomUUID();
  // A token named by id is checked whatever its status; a bulk check leaves retired tokens out unless asked.
  const includeRetired = Boolean(values.token || values['include-retired']);
  const summary = await call<{
    results: { tokenId: string }[];
    withoutSecret: number;
    leftOut: Record<'revoked' | 'rotated' | 'expired', number>;
  }>('checkTokens', { runId, selection, includeRetired });
  const vault = await readVault();
  const stores = new Map(vault.stores.map((s) => [s.id, s]));
  const results = summary.results.map(({ tokenId }) => {
    const token = vault.tokens.find((t) => t.id === tokenId)!;
    return CliCheckResult.parse({ tokenId, provider: stores.get(token.storeId)?.provider, ...token.lastCheck });
  });
  if (values.json) json(results);
  else {
    out(
      results.length
        ? table(
            ['OUTCOME', 'HTTP', 'TOKEN', 'DETAIL'],
            results.map((r) => [r.outcome, r.httpStatus ? String(r.httpStatus) : null, r.tokenId ?? null, r.detail]),
          )
        : 'Nothing to check.',
    );
    if (summary.withoutSecret)
      out(`${summary.withoutSecret} token(s) have no secret in the keychain and were not checked.`);
    const leftOut = Object.entries(summary.leftOut).filter(([, n]) => n > 0);
    if (leftOut.length)
      out(
        `Left out: ${leftOut.map(([status, n]) => `${n} ${status}`).join(', ')} (add --include-retired to check them).`,
      );
  }
  const failing = failsOn(values['fail-on'], ['invalid']);
  return results.some((r) => failing.includes(r.outcome)) ? EXIT.failing : EXIT.fine;
}

async function namedSelection(values: Values, readVault: () => Promise<CliVault>) {
  const vault = await readVault();
  if (values.client) {
    const client = vault.clients.find((c) => c.name === values.client || c.id === values.client);
    if (!client) throw new CliExit(EXIT.usage, `No client named "${values.client}".`);
    return { clientId: client.id };
  }
  const store = vault.stores.find((s) => s.label === values.store || s.id === values.store);
  if (!store) throw new CliExit(EXIT.usage, `No store named "${values.store}".`);
  return { storeId: store.id };
}

interface CliVault {
  readonly clients: readonly Client[];
  readonly stores: readonly StoreProfile[];
  readonly tokens: readonly Token[];
}

function tokenRows(vault: CliVault): CliTokenRow[] {
  const stores = new Map(vault.stores.map((s) => [s.id, s]));
  const clients = new Map(vault.clients.map((c) => [c.id, c.name]));
  return vault.tokens.map((t) => {
    const store = stores.get(t.storeId)!;
    return {
      id: t.id,
      provider: store.provider,
      client: store.clientId ? (clients.get(store.clientId) ?? null) : null,
      store: store.label,
      name: t.name,
      mode: t.mode,
      status: t.status,
      expiresAt: t.expiresAt,
      expirySource: t.expirySource,
      fingerprint: t.secret?.masked ?? null,
      lastCheck: t.lastCheck?.outcome ?? null,
    };
  });
}

function identifiers(values: Values): Record<string, string> {
  const ids: Record<string, string> = {};
  if (values['store-id']) ids.storeId = values['store-id'];
  if (values.subdomain) ids.subdomain = values.subdomain;
  if (values.host) ids.host = values.host;
  if (values.plan) ids.plan = values.plan;
  return ids;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new CliExit(EXIT.usage, `${flag} is required. See keyward --help.`);
  return value;
}

function severityRank(value: string): number {
  if (!(value in SEVERITY_RANK)) throw new CliExit(EXIT.usage, 'Severity is one of critical, warning, info.');
  return SEVERITY_RANK[value as keyof typeof SEVERITY_RANK];
}

const OUTCOMES = ['valid', 'restricted', 'invalid', 'rate_limited', 'unreachable', 'unknown'];
function failsOn(value: string | undefined, fallback: string[]): string[] {
  if (!value) return fallback;
  const list = value.split(',').map((s) => s.trim());
  const bad = list.filter((o) => !OUTCOMES.includes(o));
  if (bad.length) throw new CliExit(EXIT.usage, `--fail-on takes outcomes from: ${OUTCOMES.join(', ')}.`);
  return list;
}
