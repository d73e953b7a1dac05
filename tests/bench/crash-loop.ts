// The trust benchmark: kill -9 at random instants of add, re-paste and remove against the real keychain (300
// rounds by default), then the hostile-provider leak scan with as many property runs. Writes its section of
// BENCHMARKS.md. Run: npm run bench:trust [-- <rounds>]   (starts a private keyring when none answers)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { KeytarSecretStore } from '../../electron/main/adapters/keytar-secret-store';
import { crashLoop } from '../keychain/crash-loop';
import { tempDir } from '../support/inventory-fixture';
import { machineFacts, REPO_ROOT, today, writeSection } from './bench-utils';

const rounds = Number(process.argv[2] ?? 300);
const service = `Keyward-bench-${randomBytes(4).toString('hex')}`;
const store = new KeytarSecretStore(service);
async function main(): Promise<void> {
  const { dir, cleanup } = await tempDir('keyward-crash-bench-');
  const started = Date.now();
  let result;
  try {
    result = await crashLoop({
      dataDir: dir,
      service,
      rounds,
      onRound: (i) => i % 25 === 24 && console.error(`crash loop: ${i + 1} of ${rounds}`),
    });
  } finally {
    for (const account of await store.accounts().catch(() => [])) await store.delete(account);
    await cleanup();
  }
  const crashSeconds = (Date.now() - started) / 1000;

  // The leak scan: every output surface scanned while a hostile provider echoes transformed secrets.
  const scan = spawnSync(
    'npx',
    ['vitest', 'run', '--project', 'unit', 'tests/unit/checks/hostile-provider.test.ts', '--reporter=json'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, KEYWARD_PROPERTY_RUNS: String(rounds) },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const report = JSON.parse(scan.stdout.slice(scan.stdout.indexOf('{'))) as {
    numPassedTests: number;
    numFailedTests: number;
  };

  writeSection(
    'trust',
    `## Trust: kill -9 crash loop and leak scan (${today()})

  ${machineFacts()}. \`npm run bench:trust\` (${rounds} rounds; the keychain suite runs the same loop with 6).

  | figure | count |
  |---|---|
  | rounds, each a Keyward process killed with SIGKILL at a random instant (30–730 ms after it is ready) | ${result.rounds} |
  | kills that landed inside an action (between its begin and its acknowledgement) | ${result.killedMidAction} |
  | actions acknowledged before the kills (adds, re-pastes, removes) | ${result.acknowledged} |
  | tokens whose secret is missing from the keychain or differs from its fingerprint | **${result.missingOrMismatched}** |
  | acknowledged writes lost | **${result.lostAcknowledged}** |
  | this vault's keychain entries no token points at, after recovery | **${result.orphansAfterRecovery}** |
  | intent files left after recovery | ${result.intentsLeft} |
  | wall time | ${crashSeconds.toFixed(0)} s |

  Leak scan (tests/unit/checks/hostile-provider.test.ts with ${rounds} property runs: a fake provider on 127.0.0.1
  echoes each secret upper-cased, cut, sliced, base64- or URL-encoded; replies, events, vault files, exports, the
  client report, the audit log and the log are scanned for any 8-character run): ${report.numPassedTests} passed,
  ${report.numFailedTests} failed.`,
  );
  console.log(
    JSON.stringify(
      {
        ...result,
        failures: result.failures.slice(0, 10),
        leakScan: report.numPassedTests + ' passed, ' + report.numFailedTests + ' failed',
      },
      null,
      2,
    ),
  );
  process.exitCode =
    result.missingOrMismatched || result.lostAcknowledged || result.orphansAfterRecovery || report.numFailedTests
      ? 1
      : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
