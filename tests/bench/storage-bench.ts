// The storage benchmark (issue 15): whole CLI processes of two Keyward builds side by side in one run, on the
// same generated inventories, against KeePassXC's CLI on the same inventory in a KDBX. Each build is a black
// box: a folder holding a built out/main/cli.js, run by its own node. Wall time and the process's peak RSS.
//
// Run (writes its section of BENCHMARKS.md; --no-write only prints it):
//   npx electron-vite build                          # this checkout is "after" (the bench builds it unless --skip-build)
//   git worktree add --detach /tmp/kw-base <commit>  # "before": any built checkout
//   ln -s "$PWD/node_modules" /tmp/kw-base/node_modules && (cd /tmp/kw-base && npx electron-vite build)
//   npm run bench:storage -- --baseline /tmp/kw-base [--baseline-node <node>] [--node <node>]
// Both nodes default to the one running the bench (the SQLite build needs Node 24). Other options: --after <dir>
// (default: this checkout), --baseline-label <text>, --runs 11, --warmups 2, --slow-budget 12 (seconds per slow
// cell), --skip-build, --keep (the temp folder), --no-keepassxc, --no-writes (skip tests/bench/storage-writes.ts, which runs after). Needs python3 (each child's rusage) and Debian's keepassxc
// (`apt-get install -y keepassxc`; without it that column says "not measured"). Nothing goes to the network.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { VaultData } from '../../electron/core/vault/vault-data';
import { machineFacts, nowMs, REPO_ROOT, stats, today, verdict, writeSection } from './bench-utils';
import { generateVault } from './generate-vault';

const { values: opts } = parseArgs({
  options: {
    baseline: { type: 'string' },
    'baseline-node': { type: 'string' },
    'baseline-label': { type: 'string' },
    after: { type: 'string' },
    node: { type: 'string' },
    runs: { type: 'string', default: '11' },
    warmups: { type: 'string', default: '2' },
    'slow-budget': { type: 'string', default: '12' },
    'skip-build': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-keepassxc': { type: 'boolean', default: false },
    'no-writes': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(opts.runs));
const WARMUPS = Math.max(0, Number(opts.warmups));
// Slow rows (50,000 and 100,000 tokens): one warm-up, then as many runs as fit this many seconds per cell, 3 to RUNS.
const SLOW_BUDGET_MS = Number(opts['slow-budget']) * 1000;
const SLOW_MIN_RUNS = 3;
const RUN_TIMEOUT_S = 300;
const DATASETS = {
  d10k: { tokens: 10_000, stores: 2_000, clients: 300, seed: 6 },
  d50k: { tokens: 50_000, stores: 10_000, clients: 1_500, seed: 6 },
  d100k: { tokens: 100_000, stores: 20_000, clients: 3_000, seed: 6 },
} as const;
type DatasetKey = keyof typeof DATASETS;
const GOAL = { list10kS: 0.25, listRatio: 1 / 3, list10kMiB: 90, helpS: 0.12, expiring100kS: 0.5 };

// Runs one command and reports its wall time and its own peak RSS. Node cannot read a child's rusage, so a
// python3 process spawns it (posix_spawn, stdio from files) and waits with wait4, which returns that child's
// rusage (ru_maxrss in KiB): per run, unlike RUSAGE_CHILDREN's running maximum. The clock brackets spawn..wait4.
const RUNNER = `
import json, os, signal, sys, time
s = json.loads(sys.argv[1])
fin = os.open(s['stdin'], os.O_RDONLY)
fout = os.open(s['stdout'], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
ferr = os.open(s['stderr'], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
acts = [(os.POSIX_SPAWN_DUP2, fin, 0), (os.POSIX_SPAWN_DUP2, fout, 1), (os.POSIX_SPAWN_DUP2, ferr, 2)]
t0 = time.perf_counter_ns()
pid = os.posix_spawn(s['argv'][0], s['argv'], s['env'], file_actions=acts)
signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
signal.alarm(s['timeout'])
_, status, ru = os.wait4(pid, 0)
t1 = time.perf_counter_ns()
signal.alarm(0)
cpu = (ru.ru_utime + ru.ru_stime) * 1000
print(json.dumps({'ms': (t1 - t0) / 1e6, 'cpuMs': cpu, 'rssKiB': ru.ru_maxrss, 'exit': os.waitstatus_to_exitcode(status)}))
`;

interface Sample {
  ms: number;
  /** User + system CPU time of the process (all its threads): less moved by other work on a shared machine. */
  cpuMs: number;
  rssKiB: number;
  exit: number;
}
interface Command {
  id: string;
  argv: string[];
  stdin?: string;
  env?: Record<string, string>;
  /** Exit codes that count as a normal answer. */
  exits: number[];
  /** Checks the last run's standard output; returns a short note for the report, throws when the answer is wrong. */
  check?: (stdout: string) => string;
}
interface Cell {
  samples: Sample[];
  note: string;
  error?: string;
}

const SERVICE = `keyward-bench-${randomBytes(4).toString('hex')}`;
const tmp = mkdtempSync(join(tmpdir(), 'keyward-storage-bench-'));
const outDir = join(tmp, 'out');
mkdirSync(outDir);
const which = (name: string): string | null => {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
};
let python = 'python3';
// The children get this environment: no KEYWARD_* settings or NODE_OPTIONS from the caller; the keyring's D-Bus session stays.
const baseEnv: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter(
    (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('KEYWARD_') && e[0] !== 'NODE_OPTIONS',
  ),
);

function runOnce(cmd: Command): Sample {
  const spec = {
    argv: cmd.argv,
    env: { ...baseEnv, ...cmd.env },
    stdin: cmd.stdin ?? '/dev/null',
    stdout: join(outDir, `${cmd.id}.out`),
    stderr: join(outDir, `${cmd.id}.err`),
    timeout: RUN_TIMEOUT_S,
  };
  const r = spawnSync(python, ['-c', RUNNER, JSON.stringify(spec)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`the runner failed for ${cmd.id}: ${r.stderr.trim().split('\n').at(-1)}`);
  return JSON.parse(r.stdout) as Sample;
}
const lastOut = (cmd: Command): string => readFileSync(join(outDir, `${cmd.id}.out`), 'utf8');
const lastErr = (cmd: Command): string =>
  readFileSync(join(outDir, `${cmd.id}.err`), 'utf8')
    .trim()
    .split('\n')
    .slice(-2)
    .join(' / ')
    .slice(0, 300);
const badExit = (cmd: Command, s: Sample): string | undefined =>
  cmd.exits.includes(s.exit)
    ? undefined
    : `exit ${s.exit < 0 ? `signal ${-s.exit}` : s.exit}: ${lastErr(cmd) || 'no message'}`;

/** One command on its own (a first start on a fresh data folder): one sample, its output checked. */
function single(cmd: Command): Cell {
  const s = runOnce(cmd);
  const error = badExit(cmd, s);
  if (error) return { samples: [s], note: '', error };
  try {
    return { samples: [s], note: cmd.check?.(lastOut(cmd)) ?? '' };
  } catch (err) {
    return { samples: [s], note: '', error: (err as Error).message };
  }
}

/**
 * Warm-ups, then measured runs in rounds that alternate the commands (each round starts with the next one), so
 * a slow spell on the shared machine falls on all of them. `slow`: the run count comes from the warm-up's time.
 */
function measure(cmds: (Command | null)[], slow: boolean): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const live = cmds.filter((c): c is Command => c !== null);
  const planned = new Map<string, number>();
  for (const cmd of live) {
    const cell: Cell = { samples: [], note: '' };
    cells.set(cmd.id, cell);
    for (let i = 0; i < (slow ? 1 : WARMUPS) && !cell.error; i++) {
      const s = runOnce(cmd);
      cell.error = badExit(cmd, s);
      // An odd count, so the median is one run's figure.
      const fit = Math.max(SLOW_MIN_RUNS, Math.min(RUNS, Math.floor(SLOW_BUDGET_MS / s.ms)));
      planned.set(cmd.id, slow ? fit - ((fit + 1) % 2) : RUNS);
    }
    if (!planned.has(cmd.id)) planned.set(cmd.id, RUNS);
  }
  const rounds = Math.max(0, ...planned.values());
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < live.length; k++) {
      const cmd = live[(r + k) % live.length]!;
      const cell = cells.get(cmd.id)!;
      if (cell.error || cell.samples.length >= planned.get(cmd.id)!) continue;
      const s = runOnce(cmd);
      cell.error = badExit(cmd, s);
      if (!cell.error) cell.samples.push(s);
    }
  }
  for (const cmd of live) {
    const cell = cells.get(cmd.id)!;
    if (cell.error) continue;
    try {
      cell.note = cmd.check?.(lastOut(cmd)) ?? '';
    } catch (err) {
      cell.error = (err as Error).message;
    }
  }
  return cells;
}

// Figures of one cell -----------------------------------------------------------------------------------------
const median = (c: Cell | undefined): number =>
  c && !c.error && c.samples.length ? stats(c.samples.map((s) => s.ms)).median / 1000 : NaN;
const rssMiB = (c: Cell | undefined): number =>
  c && !c.error && c.samples.length ? stats(c.samples.map((s) => s.rssKiB)).median / 1024 : NaN;
const sec = (s: number): string => (Number.isFinite(s) ? `${s < 1 ? s.toFixed(3) : s.toFixed(2)} s` : 'n/a');
const mib = (m: number): string => (Number.isFinite(m) ? `${m.toFixed(0)} MiB` : 'n/a');
const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '—';
function show(c: Cell | undefined, what = 'not measured'): string {
  if (!c) return what;
  if (c.error) return `failed (${c.error.replace(/\|/g, '/')})`;
  return `${sec(median(c))}, ${mib(rssMiB(c))}`;
}
const ratioVerdict = (r: number, goal: number): string =>
  !Number.isFinite(r)
    ? 'not measured'
    : `${r <= goal ? 'meets the goal' : 'misses the goal'} (${r.toFixed(2)}x, goal ≤ ${goal.toFixed(2)}x)`;
const bytes = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} KB`);
function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

// The KeePass 2 XML of an inventory: a group per client (and "No client"), in it a group per store, in it an
// entry per token (title, username, URL, notes, expiry). The password field holds a placeholder of a token's
// length (a KeePass user keeps the secret in the entry; Keyward keeps it in the keychain).
const xmlEscape = (s: string): string =>
  s.replace(/[<>&"']/g, (ch) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[ch]};`);
const kpUuid = (id: string): string =>
  Buffer.from(id.replace(/-/g, '').padEnd(32, '0').slice(0, 32), 'hex').toString('base64');
const kpTime = (iso: string): string => `${iso.slice(0, 19)}Z`;
const PROVIDER_URL: Record<string, (ids: Record<string, unknown>) => string> = {
  printify: () => 'https://printify.com/app/account/api',
  shippo: () => 'https://apps.goshippo.com/settings/api',
  printago: () => 'https://app.printago.io/settings/api',
  thinkific: (ids) => `https://${String(ids.subdomain)}.thinkific.com/manage/settings/api`,
  pixlpay: (ids) => `https://${String(ids.host)}/admin/api`,
};
function keepassXml(vault: VaultData): string {
  const tokensByStore = new Map<string, VaultData['tokens']>();
  for (const t of vault.tokens) tokensByStore.set(t.storeId, [...(tokensByStore.get(t.storeId) ?? []), t]);
  const storesByClient = new Map<string | null, VaultData['stores']>();
  for (const s of vault.stores) storesByClient.set(s.clientId, [...(storesByClient.get(s.clientId) ?? []), s]);
  const str = (key: string, value: string, protect = false) =>
    `<String><Key>${key}</Key><Value${protect ? ' ProtectInMemory="True"' : ''}>${xmlEscape(value)}</Value></String>`;
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
    '<KeePassFile><Meta><Generator>keyward-storage-bench</Generator><DatabaseName>Tokens</DatabaseName></Meta><Root>',
  ];
  out.push(`<Group><UUID>${kpUuid('00000000000000000000000000000001')}</UUID><Name>Tokens</Name>`);
  const groups: [string, string, VaultData['stores']][] = vault.clients.map((c) => [
    c.id,
    c.name,
    storesByClient.get(c.id) ?? [],
  ]);
  groups.push(['00000000000000000000000000000002', 'No client', storesByClient.get(null) ?? []]);
  for (const [id, name, stores] of groups) {
    out.push(`<Group><UUID>${kpUuid(id)}</UUID><Name>${xmlEscape(name)}</Name>`);
    for (const store of stores) {
      out.push(`<Group><UUID>${kpUuid(store.id)}</UUID><Name>${xmlEscape(store.label)}</Name>`);
      const ids = store.identifiers as Record<string, unknown>;
      for (const t of tokensByStore.get(store.id) ?? []) {
        const notes = [
          `${store.provider} ${t.kind}${t.mode ? ` (${t.mode})` : ''}, ${t.status}`,
          t.scopes.length ? `scopes: ${t.scopes.join(', ')}` : '',
          `id: ${t.id}`,
          t.notes,
        ]
          .filter(Boolean)
          .join('\n');
        out.push(
          `<Entry><UUID>${kpUuid(t.id)}</UUID><Times><CreationTime>${kpTime(t.addedAt)}</CreationTime><LastModificationTime>${kpTime(t.updatedAt)}</LastModificationTime>` +
            `<Expires>${t.expiresAt ? 'True' : 'False'}</Expires>${t.expiresAt ? `<ExpiryTime>${kpTime(t.expiresAt)}</ExpiryTime>` : ''}</Times>` +
            str('Title', t.name) +
            str('UserName', String(Object.values(ids)[0] ?? '')) +
            str('Password', (t.secret?.fingerprint ?? t.id.replace(/-/g, '')).slice(0, 40), true) +
            str('URL', PROVIDER_URL[store.provider]?.(ids) ?? '') +
            str('Notes', notes) +
            '</Entry>',
        );
      }
      out.push('</Group>');
    }
    out.push('</Group>');
  }
  out.push('</Group></Root></KeePassFile>\n');
  return out.join('\n');
}

// The vault as today's app writes it: a keychain namespace (vaultId) and each secret's own account. Without
// them every CLI start would look in the keychain once per token for entries to adopt (a one-time step in real use).
const BENCH_VAULT_ID = '0b7e5a52-6f1c-4d2e-9a3b-5e7c0d1f2a06';
function namespaced(v: VaultData): VaultData {
  const tokens = v.tokens.map((t) =>
    t.secret
      ? { ...t, secret: { ...t.secret, account: `${BENCH_VAULT_ID}:${t.id}:${t.secret.fingerprint.slice(0, 12)}` } }
      : t,
  );
  return VaultData.parse({ ...v, vaultId: BENCH_VAULT_ID, tokens });
}

// Builds ------------------------------------------------------------------------------------------------------
interface Build {
  key: 'before' | 'after';
  dir: string;
  cli: string;
  node: string;
  nodeVersion: string;
  label: string;
}
function describeCheckout(dir: string, label: string | undefined): string {
  if (label) return label;
  const head = spawnSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return basename(dir);
  const dirty = spawnSync('git', ['-C', dir, 'status', '--porcelain', '--', 'electron', 'package.json'], {
    encoding: 'utf8',
  }).stdout.trim();
  return `${head.stdout.trim()}${dirty ? ' + uncommitted changes' : ''}`;
}
function makeBuild(key: Build['key'], dir: string, node: string, label: string | undefined): Build {
  const cli = join(dir, 'out/main/cli.js');
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: build that checkout first (npx electron-vite build in ${dir}).`);
  const v = spawnSync(node, ['-p', 'process.version'], { encoding: 'utf8' });
  if (v.status !== 0) throw new Error(`${node} does not run: ${v.stderr}`);
  return { key, dir, cli, node, nodeVersion: v.stdout.trim(), label: describeCheckout(dir, label) };
}

async function main(): Promise<void> {
  const started = nowMs();
  const startedAt = new Date();
  const log = (text: string) => console.error(`[${((nowMs() - started) / 1000).toFixed(0).padStart(4)} s] ${text}`);
  const py = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  if (py.status !== 0)
    throw new Error('python3 is needed to read each process’s peak RSS (wait4); install it and run again.');
  python = py.stdout.trim();
  const afterDir = resolve(opts.after ?? REPO_ROOT);
  if (!opts['skip-build'] && afterDir === REPO_ROOT) {
    log('building this checkout (npx electron-vite build)…');
    const b = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (b.status !== 0)
      throw new Error(
        `npx electron-vite build failed: ${(b.stderr || b.stdout).trim().split('\n').slice(-5).join(' / ')}`,
      );
  }
  const after = makeBuild('after', afterDir, opts.node ?? process.execPath, undefined);
  const before = opts.baseline
    ? makeBuild('before', resolve(opts.baseline), opts['baseline-node'] ?? process.execPath, opts['baseline-label'])
    : null;
  const builds = before ? [before, after] : [after];
  if (!before) log('no --baseline given: the "before" column is not measured');
  const keepassxc = opts['no-keepassxc'] ? null : which('keepassxc-cli');
  const kpMissing = opts['no-keepassxc']
    ? 'skipped with --no-keepassxc'
    : 'keepassxc-cli is not installed (Debian: apt-get install -y keepassxc)';
  if (!keepassxc) log(`${kpMissing}: the KeePassXC column is not measured`);
  const kpVersion = keepassxc ? spawnSync(keepassxc, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
  const password = join(tmp, 'kdbx-password');
  writeFileSync(password, `${randomBytes(12).toString('hex')}\n`, { mode: 0o600 });
  const kpEnv = { XDG_CONFIG_HOME: join(tmp, 'kp-config'), XDG_CACHE_HOME: join(tmp, 'kp-cache') };
  const now = new Date();

  // Datasets: vault.json (and for 10k and 50k the KDBX), generated here, then nothing else runs in this process while timing.
  const sets = {} as Record<
    DatasetKey,
    {
      dir: string;
      vaultBytes: number;
      tokens: number;
      kdbx?: string;
      kdbxBytes?: number;
      importS?: number;
      kdbxError?: string;
    }
  >;
  for (const key of Object.keys(DATASETS) as DatasetKey[]) {
    const size = DATASETS[key];
    log(`generating ${size.tokens} tokens…`);
    const dir = join(tmp, key);
    mkdirSync(dir);
    const vault = namespaced(generateVault({ ...size, now }));
    // The bytes the app's encoder writes (compact JSON, every non-ASCII unit as \uXXXX) for a vault already
    // parsed by VaultData, as generateVault returns it; made here so the bench does not depend on that encoder.
    const text = `${JSON.stringify(vault).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
    writeFileSync(join(dir, 'vault.json'), text, { mode: 0o600 });
    sets[key] = { dir, vaultBytes: text.length, tokens: vault.tokens.length };
    if (keepassxc && key !== 'd100k') writeFileSync(join(dir, 'tokens.xml'), keepassXml(vault), { mode: 0o600 });
  }
  if (keepassxc) {
    // A one-entry KDBX made the same way: KeePassXC's start and key derivation, with almost nothing to list.
    const floor = join(tmp, 'floor');
    mkdirSync(floor);
    writeFileSync(
      join(floor, 'tokens.xml'),
      keepassXml(generateVault({ tokens: 1, stores: 1, clients: 1, seed: 6, now })),
    );
    for (const [key, dir] of [
      ['d10k', sets.d10k.dir],
      ['d50k', sets.d50k.dir],
      ['floor', floor],
    ] as const) {
      log(`keepassxc-cli import (${key})…`);
      const kdbx = join(dir, 'tokens.kdbx');
      const pw = readFileSync(password, 'utf8');
      const t0 = nowMs();
      const r = spawnSync(keepassxc, ['import', '-p', join(dir, 'tokens.xml'), kdbx], {
        input: pw + pw,
        encoding: 'utf8',
        env: { ...baseEnv, ...kpEnv },
        timeout: 600_000,
      });
      const importS = (nowMs() - t0) / 1000;
      const error =
        r.status === 0 && existsSync(kdbx)
          ? undefined
          : `keepassxc-cli import failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 200)}`;
      if (key === 'floor') {
        if (error) throw new Error(error);
        (sets as Record<string, unknown>).floor = { kdbx };
      } else
        Object.assign(sets[key], {
          kdbx: error ? undefined : kdbx,
          kdbxBytes: error ? undefined : statSync(kdbx).size,
          importS,
          kdbxError: error,
        });
    }
  }
  const kdbxInfo =
    keepassxc && sets.d10k.kdbx
      ? spawnSync(keepassxc, ['db-info', sets.d10k.kdbx], {
          input: readFileSync(password, 'utf8'),
          encoding: 'utf8',
          env: { ...baseEnv, ...kpEnv },
        }).stdout
      : '';
  const kdf = /KDF: (.*)/.exec(kdbxInfo)?.[1] ?? 'unknown';
  const cipher = /Cipher: (.*)/.exec(kdbxInfo)?.[1] ?? 'unknown';

  // One fresh data folder per build and dataset (the new build converts vault.json at its first start).
  const dataDir = (b: Build, key: DatasetKey | 'empty') => join(tmp, `${b.key}-${key}`);
  for (const b of builds) {
    mkdirSync(dataDir(b, 'empty'), { mode: 0o700 });
    for (const key of Object.keys(DATASETS) as DatasetKey[]) {
      mkdirSync(dataDir(b, key), { mode: 0o700 });
      cpSync(join(sets[key].dir, 'vault.json'), join(dataDir(b, key), 'vault.json'));
    }
  }
  const listRows = (n: number) => (out: string) => {
    const rows = JSON.parse(out) as unknown[];
    if (rows.length !== n) throw new Error(`printed ${rows.length} rows, expected ${n}`);
    return `${rows.length} rows`;
  };
  const kw = (b: Build, key: DatasetKey | 'empty', args: string[], extra: Partial<Command> = {}): Command => ({
    id: `${b.key}-${key}-${args[0]!.replace(/^--/, '')}`,
    argv: [b.node, b.cli, ...args, '--data', dataDir(b, key), '--keychain-service', SERVICE],
    exits: [0],
    ...extra,
  });
  const kpList = (key: 'd10k' | 'd50k' | 'floor'): Command | null => {
    const kdbx = key === 'floor' ? (sets as unknown as Record<string, { kdbx: string }>).floor?.kdbx : sets[key].kdbx;
    if (!keepassxc || !kdbx) return null;
    const expected = key === 'floor' ? 1 : sets[key].tokens;
    return {
      id: `keepassxc-${key}-ls`,
      argv: [keepassxc, 'ls', '-R', '-f', kdbx],
      stdin: password,
      env: kpEnv,
      exits: [0],
      check: (out) => {
        // Groups end with "/"; an empty group (a client without stores) prints "<group>/[empty]".
        const entries = out.split('\n').filter((l) => l && !l.endsWith('/') && !l.endsWith('[empty]')).length;
        if (entries !== expected) throw new Error(`listed ${entries} entries, expected ${expected}`);
        return `${entries} ${entries === 1 ? 'entry' : 'entries'}`;
      },
    };
  };
  const byBuild = (f: (b: Build) => Command): Record<Build['key'], Command | null> => ({
    before: before ? f(before) : null,
    after: f(after),
  });

  // First starts: the first command on each fresh data folder, untimed in the rows (the new build imports vault.json here).
  const firstCmds: Record<DatasetKey, Record<Build['key'], Command | null>> = {
    d10k: byBuild((b) =>
      kw(b, 'd10k', ['list', '--json'], { id: `${b.key}-d10k-first`, check: listRows(sets.d10k.tokens) }),
    ),
    d50k: byBuild((b) =>
      kw(b, 'd50k', ['list', '--json'], { id: `${b.key}-d50k-first`, check: listRows(sets.d50k.tokens) }),
    ),
    d100k: byBuild((b) =>
      kw(b, 'd100k', ['expiring', '--within', '30d'], { id: `${b.key}-d100k-first`, exits: [0, 1] }),
    ),
  };
  const first = {} as Record<
    DatasetKey,
    Record<Build['key'], { cell: Cell; folderBytes: number; files: string[] } | null>
  >;
  for (const key of Object.keys(DATASETS) as DatasetKey[]) {
    first[key] = { before: null, after: null };
    for (const b of builds) {
      log(`first start, ${b.key}, ${DATASETS[key].tokens} tokens…`);
      const cell = single(firstCmds[key][b.key]!);
      first[key][b.key] = {
        cell,
        folderBytes: folderBytes(dataDir(b, key)),
        files: readdirSync(dataDir(b, key)).sort(),
      };
      if (cell.error) log(`  failed: ${cell.error}`);
    }
  }

  // The rows ------------------------------------------------------------------------------------------------
  const nodes = [...new Map(builds.map((b) => [b.node, b])).values()];
  log('--help, and node -e 0 for each node…');
  const helpCmds = byBuild((b) =>
    kw(b, 'empty', ['--help'], {
      check: (out) =>
        out.includes('usage: keyward')
          ? 'usage printed'
          : (() => {
              throw new Error('no usage text');
            })(),
    }),
  );
  const floorCmds = nodes.map((b): Command => ({ id: `node-floor-${b.key}`, argv: [b.node, '-e', '0'], exits: [0] }));
  const help = measure([helpCmds.before, helpCmds.after, ...floorCmds], false);

  log('list --json at 10,000 tokens, keepassxc-cli ls -R -f, and the JSON.parse floor…');
  const list10Cmds = byBuild((b) => kw(b, 'd10k', ['list', '--json'], { check: listRows(sets.d10k.tokens) }));
  const jsonFloor: Command = {
    id: 'node-json-floor',
    argv: [
      after.node,
      '-e',
      "JSON.parse(require('fs').readFileSync(process.argv[1], 'latin1'))",
      join(sets.d10k.dir, 'vault.json'),
    ],
    exits: [0],
  };
  const list10 = measure([list10Cmds.before, list10Cmds.after, kpList('d10k'), kpList('floor'), jsonFloor], false);

  log('expiring --within 30d at 100,000 tokens…');
  const expiringCmds = byBuild((b) =>
    kw(b, 'd100k', ['expiring', '--within', '30d'], {
      exits: [0, 1],
      check: (out) => `${out.split('\n').filter(Boolean).length - 1} rows`,
    }),
  );
  const expiring = measure([expiringCmds.before, expiringCmds.after], true);

  log('list --json and findings --json at 50,000 tokens, keepassxc-cli ls -R -f…');
  const list50Cmds = byBuild((b) => kw(b, 'd50k', ['list', '--json'], { check: listRows(sets.d50k.tokens) }));
  const list50 = measure([list50Cmds.before, list50Cmds.after, kpList('d50k')], true);
  const findingsCmds = byBuild((b) =>
    kw(b, 'd50k', ['findings', '--json', '--fail-on', 'never'], {
      check: (out) => `${(JSON.parse(out) as unknown[]).length} findings`,
    }),
  );
  const findings50 = measure([findingsCmds.before, findingsCmds.after], true);
  const totalS = (nowMs() - started) / 1000;
  log(`measured in ${totalS.toFixed(0)} s`);

  // Report --------------------------------------------------------------------------------------------------
  const cellOf = (m: Map<string, Cell>, c: Command | null) => (c ? m.get(c.id) : undefined);
  const kp10 = cellOf(list10, kpList('d10k'));
  const kp50 = cellOf(list50, kpList('d50k'));
  const kpShow = (c: Cell | undefined, key: 'd10k' | 'd50k') =>
    !keepassxc
      ? `not measured (${kpMissing})`
      : sets[key].kdbxError
        ? `not measured (${sets[key].kdbxError})`
        : show(c);
  const beforeShow = (c: Cell | undefined) => (before ? show(c) : 'not measured (no --baseline)');
  const row = (
    figure: string,
    b: Cell | undefined,
    a: Cell | undefined,
    ref: string,
    refS: number,
    target: string,
    result: string,
  ) =>
    `| ${figure} | ${beforeShow(b)} | ${show(a)} | ${ratio(median(a), median(b))} | ${ref} | ${ratio(median(a), refS)} | ${target} | ${result} |`;

  const a10 = cellOf(list10, list10Cmds.after);
  const listResult = [
    `wall: ${verdict(median(a10), GOAL.list10kS, 's')}`,
    `vs KeePassXC: ${ratioVerdict(median(a10) / median(kp10), GOAL.listRatio)}`,
    `RSS: ${verdict(rssMiB(a10), GOAL.list10kMiB, 'MiB', 0)}`,
  ].join('; ');
  const aHelp = cellOf(help, helpCmds.after);
  const aExp = cellOf(expiring, expiringCmds.after);
  const floorAfter = help.get('node-floor-after');
  const cellsAll: [string, Cell][] = [];
  const addDetail = (label: string, c: Cell | undefined) => c && cellsAll.push([label, c]);
  for (const b of builds) addDetail(`${b.key}: \`--help\``, cellOf(help, helpCmds[b.key]));
  for (const b of nodes) addDetail(`\`node -e 0\` (${b.nodeVersion})`, help.get(`node-floor-${b.key}`));
  for (const b of builds) addDetail(`${b.key}: \`list --json\`, 10k`, cellOf(list10, list10Cmds[b.key]));
  addDetail('`keepassxc-cli ls -R -f`, 10k', kp10);
  addDetail('`keepassxc-cli ls -R -f`, 1 entry', cellOf(list10, kpList('floor')));
  addDetail(`\`node -e JSON.parse(readFileSync(vault.json))\`, 10k (${after.nodeVersion})`, list10.get(jsonFloor.id));
  for (const b of builds) addDetail(`${b.key}: \`expiring --within 30d\`, 100k`, cellOf(expiring, expiringCmds[b.key]));
  for (const b of builds) addDetail(`${b.key}: \`list --json\`, 50k`, cellOf(list50, list50Cmds[b.key]));
  addDetail('`keepassxc-cli ls -R -f`, 50k', kp50);
  for (const b of builds)
    addDetail(`${b.key}: \`findings --json --fail-on never\`, 50k`, cellOf(findings50, findingsCmds[b.key]));
  const detail = (label: string, c: Cell) => {
    const w = stats(c.samples.map((s) => s.ms / 1000));
    const r = stats(c.samples.map((s) => s.rssKiB / 1024));
    const cpu = stats(c.samples.map((s) => s.cpuMs / 1000));
    return c.error
      ? `| ${label} | failed: ${c.error.replace(/\|/g, '/')} | | | | | |`
      : `| ${label} | ${c.samples.length} | ${sec(w.median)} | ${sec(w.min)} – ${sec(w.max)} | ${sec(cpu.median)} | ${mib(r.median)} (max ${mib(r.max)}) | ${c.note} |`;
  };
  const firstRow = (key: DatasetKey) => {
    const cmd = firstCmds[key].after!;
    const cellText = (b: Build | null) => {
      const f = b ? first[key][b.key] : null;
      if (!f) return 'not measured';
      if (f.cell.error) return `failed (${f.cell.error.replace(/\|/g, '/')})`;
      return `${sec(f.cell.samples[0]!.ms / 1000)}, ${mib(f.cell.samples[0]!.rssKiB / 1024)}; folder ${bytes(f.folderBytes)} (${f.files.join(', ')})`;
    };
    return `| ${DATASETS[key].tokens.toLocaleString('en-US')} tokens, \`${cmd.argv.slice(2, cmd.argv.indexOf('--data')).join(' ')}\` (vault.json ${bytes(sets[key].vaultBytes)}) | ${cellText(before)} | ${cellText(after)} |`;
  };
  const sizeText = (key: DatasetKey) => `\`generateVault(${JSON.stringify(DATASETS[key])})\``;
  const slowNote = `50,000 and 100,000 tokens: 1 warm-up, then as many runs as fit ${opts['slow-budget']} s per cell (an odd count from ${SLOW_MIN_RUNS} to ${RUNS}; see the details), to keep the run near five minutes`;
  const lines = [
    `## Storage: whole CLI processes, two builds side by side, and KeePassXC (${today()})`,
    '',
    `- Command: \`npm run bench:storage -- ${process.argv.slice(2).join(' ')}\` (tests/bench/storage-bench.ts, under scripts/with-keyring.sh: a private keyring, keychain service \`keyward-bench-<random>\`)`,
    `- Run started ${startedAt.toISOString()}, took ${totalS.toFixed(0)} s; machine: ${machineFacts()}`,
    `- before: ${before ? `${before.label} (${before.dir}), node ${before.nodeVersion}` : 'not measured (no --baseline)'}; after: ${after.label} (${after.dir}), node ${after.nodeVersion}`,
    `- KeePassXC: ${keepassxc ? `keepassxc-cli ${kpVersion}; KDBX made by \`keepassxc-cli import\` (its defaults: ${cipher}, KDF ${kdf}) from a KeePass XML of the same inventory (a group per client, in it a group per store, an entry per token: title, username, password placeholder, URL, notes, expiry); 10k: ${bytes(sets.d10k.kdbxBytes ?? NaN)}, imported in ${sets.d10k.importS?.toFixed(1)} s; 50k: ${bytes(sets.d50k.kdbxBytes ?? NaN)}, imported in ${sets.d50k.importS?.toFixed(1)} s` : `not measured: ${kpMissing}`}`,
    `- Inventories: ${sizeText('d10k')}, ${sizeText('d50k')}, ${sizeText('d100k')} (tests/bench/generate-vault.ts, now = the run's start), each written as vault.json into a fresh data folder per build. The tokens' secrets are not in the keychain (findings report them missing, the same for both builds).`,
    `- Method: each figure is one whole process (spawn to exit, stdout to a file), its peak RSS from wait4's ru_maxrss, through a python3 runner; the details add its CPU time (user + system), which other work on a shared machine moves less than wall time. Medians; rounds alternate the commands of a row. 10,000 tokens and \`--help\`: ${WARMUPS} warm-up${WARMUPS === 1 ? '' : 's'}, ${RUNS} runs. ${slowNote}. Each data folder's first command runs once before its rows and is reported apart (first start).`,
    '',
    '| figure | before | after | after / before | reference | after / reference | target | result (after) |',
    '|---|---|---|---|---|---|---|---|',
    row(
      '**`keyward list --json`, 10,000 tokens** (wall, peak RSS)',
      cellOf(list10, list10Cmds.before),
      a10,
      `KeePassXC \`ls -R -f\`: ${kpShow(kp10, 'd10k')}`,
      median(kp10),
      '≤ 0.25 s, ≤ 1/3 of KeePassXC, ≤ 90 MiB',
      listResult,
    ),
    row(
      '**`keyward --help`**',
      cellOf(help, helpCmds.before),
      aHelp,
      `\`node -e 0\`: ${show(floorAfter)}`,
      median(floorAfter),
      '≤ 0.12 s',
      verdict(median(aHelp), GOAL.helpS, 's', 3),
    ),
    row(
      '**`keyward expiring --within 30d`, 100,000 tokens**',
      cellOf(expiring, expiringCmds.before),
      aExp,
      '—',
      NaN,
      '≤ 0.5 s',
      verdict(median(aExp), GOAL.expiring100kS, 's'),
    ),
    row(
      '`keyward list --json`, 50,000 tokens',
      cellOf(list50, list50Cmds.before),
      cellOf(list50, list50Cmds.after),
      `KeePassXC \`ls -R -f\`: ${kpShow(kp50, 'd50k')}`,
      median(kp50),
      '—',
      '',
    ),
    row(
      '`keyward findings --json --fail-on never`, 50,000 tokens',
      cellOf(findings50, findingsCmds.before),
      cellOf(findings50, findingsCmds.after),
      `KeePassXC \`ls -R -f\`: ${kpShow(kp50, 'd50k')}`,
      median(kp50),
      '—',
      '',
    ),
    '',
    '### First start on a fresh data folder (the new build imports vault.json here; not part of the rows above)',
    '',
    '| inventory, first command | before | after |',
    '|---|---|---|',
    ...(Object.keys(DATASETS) as DatasetKey[]).map(firstRow),
    '',
    '### Details',
    '',
    '| command | runs | wall, median | wall, min – max | CPU (user + system), median | peak RSS, median | output (last run) |',
    '|---|---|---|---|---|---|---|',
    ...cellsAll.map(([label, c]) => detail(label, c)),
  ];
  const body = lines.join('\n');
  console.log(body);
  if (!opts['no-write']) writeSection('storage', body);
  const failures =
    cellsAll.filter(([, c]) => c.error).length +
    Object.values(first)
      .flatMap((f) => Object.values(f))
      .filter((f) => f?.cell.error).length;
  process.exitCode = failures ? 1 : 0;
  // The write path (one edit, two writers at once, kill -9 during writes) with the same baseline, in the same run.
  if (!opts['no-writes']) {
    const writes = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'tests/bench/storage-writes.ts'),
        ...(opts.baseline ? ['--baseline', opts.baseline] : []),
        ...(opts['no-write'] ? ['--no-write'] : []),
      ],
      { cwd: REPO_ROOT, stdio: 'inherit' },
    );
    if (writes.status !== 0) process.exitCode = 1;
  }
}

/** Removes what the runs left under this run's keychain service (the CLI's keychain check entry, at least). */
async function clearKeychain(service: string): Promise<void> {
  try {
    type Keytar = typeof import('keytar'); // eslint-disable-line @typescript-eslint/consistent-type-imports -- loaded only to clean up
    const mod: Keytar & { default?: Keytar } = await import('keytar');
    const keytar = mod.default ?? mod;
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
  } catch (err) {
    console.error(`could not clear keychain service ${service}: ${(err as Error).message}`);
  }
}

void main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await clearKeychain(SERVICE);
    if (opts.keep) console.error(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  });
