// The SQLite vault's write path, before and after in one run, each process on its own copy of the same vault:
//  (a) one token edit end to end (dispatch 'updateToken': input parse, change, commit, output) at 10,000 and
//      100,000 tokens;
//  (b) the app and the CLI writing at once: two processes, 500 createClient each, started together;
//  (c) kill -9 during writes: a writer is killed at a random instant, then PRAGMA integrity_check and every
//      acknowledged write is looked for (after only: the JSON vault had no database to check).
// "Before" is a baseline checkout's own electron/main/compose.ts (git worktree add <dir> <commit>; link
// node_modules). Writes its section of BENCHMARKS.md.
// Run: npm run bench:writes -- [--baseline <dir>] [--rounds 300] [--edits 200] [--skip-100k]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { fmt, machineFacts, REPO_ROOT, stats, today, writeSection } from './bench-utils';
import { generateVault, writeVault } from './generate-vault';

const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '300' },
    edits: { type: 'string', default: '200' },
    'skip-100k': { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const edits = Number(values.edits);
const builds: { name: string; compose: string }[] = [
  ...(values.baseline
    ? [{ name: 'before (JSON vault)', compose: resolve(values.baseline, 'electron/main/compose.ts') }]
    : []),
  { name: 'after (SQLite)', compose: resolve(REPO_ROOT, 'electron/main/compose.ts') },
];
const CHILD = join(REPO_ROOT, 'tests/bench/fixtures/writer-child.ts');
const work = mkdtempSync(join(tmpdir(), 'keyward-writes-bench-'));

interface ChildRun {
  lines: string[];
  code: number | null;
}

function child(
  compose: string,
  dataDir: string,
  args: string[],
  onLine?: (line: string, kill: () => void) => void,
): Promise<ChildRun> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, compose, dataDir, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    let rest = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString();
      const parts = text.split('\n');
      rest = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        onLine?.(line, () => proc.kill('SIGKILL'));
      }
    });
    proc.on('error', fail);
    proc.on('close', (code) => done({ lines, code }));
  });
}

const lastJson = <T>(run: ChildRun): T => JSON.parse(run.lines.at(-1) ?? 'null') as T;

/** A fresh data folder holding a copy of `template`'s vault.json. */
function copyOf(template: string, label: string): string {
  const dir = mkdtempSync(join(work, `${label}-`));
  cpSync(join(template, 'vault.json'), join(dir, 'vault.json'));
  return dir;
}

async function editLatency(template: string, size: number) {
  const rows: string[] = [];
  for (const build of builds) {
    const dir = copyOf(template, 'edits');
    // The first start of the SQLite build imports vault.json; that is timed apart from the edits.
    const first = lastJson<{ firstMs: number }>(await child(build.compose, dir, ['edits', '0']));
    const run = await child(build.compose, dir, ['edits', String(edits)]);
    if (run.code !== 0) throw new Error(`edit child failed (${build.name}, ${size})`);
    const { firstMs, editsMs } = lastJson<{ firstMs: number; editsMs: number[] }>(run);
    const s = stats(editsMs.slice(Math.min(10, edits / 10)));
    rows.push(
      `| ${size.toLocaleString('en-US')} | ${build.name} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(first.firstMs, 0)} | ${fmt(firstMs, 0)} |`,
    );
    console.error(`edits at ${size}: ${build.name} median ${fmt(s.median)}`);
  }
  return rows;
}

async function race(template: string) {
  const rows: string[] = [];
  for (const build of builds) {
    const dir = copyOf(template, 'race');
    // Import (or first read) before the race, so both writers start from the same ready vault.
    await child(build.compose, dir, ['edits', '0']);
    let ready = 0;
    const go = () => ++ready === 2 && writeFileSync(join(dir, 'go'), '');
    const started = performance.now();
    const runs = await Promise.all(
      ['app', 'cli'].map((tag) =>
        child(build.compose, dir, ['clients', '500', tag], (line) => line === 'ready' && go()),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const acked = runs.flatMap((r) => r.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)));
    const errors: Record<string, number> = {};
    for (const r of runs)
      for (const [code, n] of Object.entries(lastJson<{ errors: Record<string, number> }>(r)?.errors ?? {}))
        errors[code] = (errors[code] ?? 0) + n;
    const listed = spawnSync(process.execPath, [join(REPO_ROOT, 'tests/bench/fixtures/client-names.mts'), dir], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const present = new Set((JSON.parse(listed.stdout) as { names: string[] }).names);
    const lost = acked.filter((name) => !present.has(name)).length;
    const surfaced = Object.values(errors).reduce((a, b) => a + b, 0);
    rows.push(
      `| ${build.name} | ${acked.length} of 1,000 | ${lost} | ${surfaced}${
        surfaced
          ? ` (${Object.entries(errors)
              .map(([c, n]) => `${c} ${n}`)
              .join(', ')})`
          : ''
      } | ${seconds.toFixed(1)} s |`,
    );
    console.error(`race: ${build.name} acked ${acked.length}, lost ${lost}, errors ${surfaced}`);
  }
  return rows;
}

async function killLoop(template: string) {
  const after = builds.at(-1)!;
  const dir = copyOf(template, 'kill');
  await child(after.compose, dir, ['edits', '0']);
  let acknowledged = 0;
  let lost = 0;
  let notOk = 0;
  let killedMidWrite = 0;
  for (let round = 0; round < rounds; round++) {
    rmSync(join(dir, 'go'), { force: true });
    const killAfter = 5 + Math.floor(Math.random() * 120);
    let timer: NodeJS.Timeout | null = null;
    const run = await child(after.compose, dir, ['clients', '100000', `r${round}`], (line, kill) => {
      if (line === 'ready') {
        writeFileSync(join(dir, 'go'), '');
        timer = setTimeout(kill, killAfter);
      }
    });
    if (timer) clearTimeout(timer);
    if (run.code === null) killedMidWrite++;
    const acked = run.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
    acknowledged += acked.length;
    const db = new DatabaseSync(join(dir, 'keyward.db'));
    try {
      const check = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
      if (check.length !== 1 || check[0]!.integrity_check !== 'ok') notOk++;
      const has = db.prepare('SELECT 1 FROM clients WHERE name = ?');
      lost += acked.filter((name) => !has.get(name)).length;
    } finally {
      db.close();
    }
    if (round % 25 === 24)
      console.error(
        `kill loop: ${round + 1} of ${rounds}, acknowledged ${acknowledged}, lost ${lost}, integrity failures ${notOk}`,
      );
  }
  return { acknowledged, lost, notOk, killedMidWrite };
}

async function main(): Promise<void> {
  const started = Date.now();
  const t10 = mkdtempSync(join(work, 't10k-'));
  await writeVault(t10, generateVault({ tokens: 10_000, stores: 2_000, clients: 300, seed: 6 }));
  const editRows = await editLatency(t10, 10_000);
  if (!values['skip-100k']) {
    const t100 = mkdtempSync(join(work, 't100k-'));
    await writeVault(t100, generateVault({ tokens: 100_000, stores: 20_000, clients: 3_000, seed: 6 }));
    editRows.push(...(await editLatency(t100, 100_000)));
    rmSync(t100, { recursive: true, force: true });
  }
  const raceRows = await race(t10);
  const t1 = mkdtempSync(join(work, 't1k-'));
  await writeVault(t1, generateVault({ tokens: 1_000, stores: 200, clients: 30, seed: 6 }));
  const kill = await killLoop(t1);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  (values['no-write'] ? (_: string, body: string) => console.log(body) : writeSection)(
    'storage-writes',
    `## Writes: one token edit, two writers at once, kill -9 during writes (${today()})

${machineFacts()}. \`npm run bench:writes -- --baseline <checkout>\`; ${minutes} min. Vaults from tests/bench/generate-vault.ts
(seed 6); each build works on its own copy. Before = the JSON vault (whole file rewritten under a lock file), after = SQLite.

### One token edit, end to end (dispatch 'updateToken', ${edits} edits of different tokens, the first ${Math.min(10, edits / 10)} not counted)

| tokens | build | median | p95 | first start (SQLite: imports vault.json) | first read of a later start |
|---|---|---|---|---|---|
${editRows.join('\n')}

Goal: ≤ 5 ms median at 10,000 and at 100,000 tokens.

### The app and the CLI writing at once (two processes, 500 new clients each, started together, 10,000-token vault)

| build | acknowledged | acknowledged but lost | errors surfaced | wall |
|---|---|---|---|---|
${raceRows.join('\n')}

Goal: 0 lost, 0 busy errors surfaced.

### kill -9 during writes (after; 1,000-token vault; a writer creating clients is killed 5-125 ms after it starts writing)

| rounds | killed mid-run | acknowledged writes | acknowledged but lost | \`PRAGMA integrity_check\` not ok |
|---|---|---|---|---|
| ${rounds} | ${kill.killedMidWrite} | ${kill.acknowledged.toLocaleString('en-US')} | ${kill.lost} | ${kill.notOk} |

Goal: 0 lost, integrity ok every time.`,
  );
  rmSync(work, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  rmSync(work, { recursive: true, force: true });
  process.exitCode = 1;
});
