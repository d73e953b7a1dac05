// The first inventory page at a first start, and one token edit, for this checkout and a baseline, in one run:
// per vault size, each checkout gets its own copy of the data folder (imported once by its own code), then
// fresh-start.ts runs in new processes (end of compose() to the first page answered) and edit-once.ts times
// updateToken through dispatch. Not a test.
// Run: node --import tsx tests/bench/first-page-bench.ts --baseline <checkout with node_modules> [--runs 7] [--sizes 10000,100000]
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stats, type Stats } from './bench-utils';
import { generateVault, withKeychainNamespace, writeVault } from './generate-vault';

const { values: opts } = parseArgs({
  options: {
    baseline: { type: 'string' },
    runs: { type: 'string' },
    sizes: { type: 'string' },
    edits: { type: 'string' },
  },
});
const HERE = resolve(import.meta.dirname, '../..');
const RUNS = Number(opts.runs ?? 7);
const EDITS = Number(opts.edits ?? 40);
const SIZES = (opts.sizes ?? '10000,100000').split(',').map(Number);
const builds = [
  ...(opts.baseline ? [{ label: 'before (baseline)', dir: resolve(opts.baseline) }] : []),
  { label: 'after (this checkout)', dir: HERE },
];

function run(dir: string, args: string[]): Record<string, unknown> {
  const out = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (out.status !== 0)
    throw new Error(
      `${args[0]} failed (exit ${out.status ?? out.signal}): ${out.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

const fmt = (s: Stats) => `${s.median.toFixed(1)} ms (p95 ${s.p95.toFixed(1)}, n ${s.n})`;

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.error(line);
  };
  for (const tokens of SIZES) {
    const source = await mkdtemp(join(tmpdir(), 'keyward-first-page-'));
    try {
      const size = {
        tokens,
        stores: Math.max(1, Math.floor(tokens / 5)),
        clients: Math.max(1, Math.floor(tokens / 33)),
        seed: 6,
      };
      await writeVault(source, withKeychainNamespace(generateVault({ ...size, now: new Date() })));
      for (const build of builds) {
        const dir = join(source, build.label.split(' ')[0]!);
        await cp(join(source, 'vault.json'), join(dir, 'vault.json'), { recursive: true });
        // The first start after the update imports vault.json (and builds what its code derives): not timed.
        run(HERE, [join(HERE, 'tests/bench/edit-once.ts'), build.dir, dir, '0']);
        const starts = Array.from({ length: RUNS }, () =>
          run(build.dir, [join(build.dir, 'tests/bench/fresh-start.ts'), dir]),
        );
        const ready = stats(starts.map((r) => (r.warmUp as number) + (r.firstPage as number)));
        const counts = stats(starts.map((r) => r.counts as number));
        const background =
          starts[0]!.background === undefined ? null : stats(starts.map((r) => r.background as number));
        const edits = run(HERE, [join(HERE, 'tests/bench/edit-once.ts'), build.dir, dir, String(EDITS)]);
        const edit = stats(edits.edits as number[]);
        const search = stats(edits.searches as number[]);
        say(
          `${tokens.toLocaleString('en')} tokens, ${build.label}: end of compose() → first inventory page answered ${fmt(ready)}; ` +
            `getFindingCounts next ${fmt(counts)}; ${background ? `background work after it ${fmt(background)}; ` : ''}` +
            `one edit (dispatch updateToken) ${fmt(edit)}; a search keystroke (queryInventory, 60 rows) ${fmt(search)}`,
        );
      }
    } finally {
      await rm(source, { recursive: true, force: true });
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
