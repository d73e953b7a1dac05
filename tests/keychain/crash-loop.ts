// The crash loop: a child adds, re-pastes and removes tokens against the real keychain and is killed with
// SIGKILL at a random instant; recovery then runs as the next start would, and the vault and keychain are
// compared. Shared by the keychain suite (a few rounds) and tests/bench/crash-loop.ts (300).
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, systemClock } from '../../electron/core/ports';
import { accountOf, ownedBy } from '../../electron/core/secrets/accounts';
import { sha256Hex } from '../../electron/core/secrets/fingerprint';
import { INTENTS_DIR } from '../../electron/core/secrets/secret-intents';
import { KeytarSecretStore } from '../../electron/main/adapters/keytar-secret-store';
import { compose } from '../../electron/main/compose';

export interface CrashLoopResult {
  rounds: number;
  killedMidAction: number;
  acknowledged: number;
  /** Tokens whose secret the keychain lacks or holds with another fingerprint. */
  missingOrMismatched: number;
  /** Acknowledged adds, re-pastes or removals that the vault does not show. */
  lostAcknowledged: number;
  /** This vault's keychain entries no token points at, after recovery. */
  orphansAfterRecovery: number;
  /** Intent files left after recovery. */
  intentsLeft: number;
  failures: string[];
}

type Expect = { kind: 'present'; print: string } | { kind: 'gone' };

function runChild(dataDir: string, service: string, storeId: string, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/keychain/fixtures/crash-child.ts', dataDir, service, storeId],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve(out.split('\n').filter(Boolean));
    });
  });
}

export async function crashLoop(options: {
  dataDir: string;
  service: string;
  rounds: number;
  maxKillMs?: number;
  onRound?: (i: number) => void;
}): Promise<CrashLoopResult> {
  const secrets = new KeytarSecretStore(options.service);
  const open = () =>
    compose({
      dataDir: options.dataDir,
      secrets,
      clock: systemClock,
      logger: silentLogger,
      actor: 'verifier',
      version: '0',
      host: 'test-host',
    });
  const setup = open();
  const store = (await setup.dispatch('createStore', { provider: 'shippo', label: 'Crash loop' })) as {
    ok: true;
    value: { id: string };
  };
  setup.close();
  const expected = new Map<string, Expect>();
  const result: CrashLoopResult = {
    rounds: 0,
    killedMidAction: 0,
    acknowledged: 0,
    missingOrMismatched: 0,
    lostAcknowledged: 0,
    orphansAfterRecovery: 0,
    intentsLeft: 0,
    failures: [],
  };
  for (let i = 0; i < options.rounds; i++) {
    const lines = await runChild(
      options.dataDir,
      options.service,
      store.value.id,
      30 + Math.floor(Math.random() * (options.maxKillMs ?? 700)),
    );
    if (lines.some((l) => l.startsWith('error ')))
      result.failures.push(`round ${i}: ${lines.find((l) => l.startsWith('error '))}`);
    // The action in flight when the kill came may or may not have landed: either outcome is allowed for it.
    let inFlight: { op: string; id: string; print: string } | null = null;
    for (const line of lines) {
      const [word, op, id, print] = line.split(' ') as [string, string, string, string];
      if (word === 'begin') inFlight = { op, id, print };
      if (word !== 'ack') continue;
      inFlight = null;
      result.acknowledged++;
      expected.set(id, op === 'remove' ? { kind: 'gone' } : { kind: 'present', print });
    }
    if (inFlight) result.killedMidAction++;
    // The next start: recovery, then the vault and the keychain compared.
    const next = open();
    await next.recover();
    const vault = await next.session.vault();
    const tokens = new Map(vault.tokens.map((t) => [t.id, t]));
    for (const t of vault.tokens) {
      if (!t.secret) continue;
      const value = await secrets.get(accountOf(t));
      if (value === null || sha256Hex(value) !== t.secret.fingerprint) {
        result.missingOrMismatched++;
        result.failures.push(
          `round ${i}: token ${t.id} has ${value === null ? 'no secret' : 'a secret of another fingerprint'}`,
        );
      }
    }
    for (const [id, want] of expected) {
      const t = tokens.get(id);
      const allowed =
        inFlight?.id === id
          ? inFlight.op === 'remove'
            ? t === undefined
            : t?.secret?.fingerprint === inFlight.print
          : false;
      const ok = want.kind === 'gone' ? t === undefined : t?.secret?.fingerprint === want.print;
      if (!ok && !allowed) {
        result.lostAcknowledged++;
        result.failures.push(`round ${i}: acknowledged ${want.kind} of ${id} is not in the vault`);
      }
      if (allowed && !ok)
        expected.set(id, inFlight!.op === 'remove' ? { kind: 'gone' } : { kind: 'present', print: inFlight!.print });
    }
    // An add in flight that landed is a token the acks never named: take it into account from now on.
    for (const t of vault.tokens)
      if (!expected.has(t.id) && t.secret) expected.set(t.id, { kind: 'present', print: t.secret.fingerprint });
    const referenced = new Set(vault.tokens.filter((t) => t.secret).map(accountOf));
    const orphans = (await secrets.accounts()).filter(
      (a) => vault.vaultId && ownedBy(vault.vaultId, a) && !referenced.has(a),
    );
    result.orphansAfterRecovery += orphans.length;
    if (orphans.length)
      result.failures.push(
        `round ${i}: ${orphans.length} orphan entr${orphans.length === 1 ? 'y' : 'ies'} after recovery`,
      );
    const intents = await readdir(join(options.dataDir, INTENTS_DIR)).catch(() => []);
    result.intentsLeft += intents.length;
    next.close();
    result.rounds++;
    options.onRound?.(i);
  }
  return result;
}
