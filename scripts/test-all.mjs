// The one test command: type check, lint, build, unit, keychain, e2e (Chromium), Electron e2e (where a
// binary exists), Electronegativity and the packaging check. Ends with "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

// Node 24, the line Electron 45 embeds: the tests run on the app's runtime or not at all.
if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(
    `npm test needs Node 24 (this is ${process.version}). Run \`. scripts/node24.sh\` in this shell first.`,
  );
  process.exit(1);
}

// npm and npx start on the first `node` on PATH: when that is another one, this one goes first, so every
// step runs on the same Node.
const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
const firstNode = pathDirs.map((d) => join(d, 'node')).find((f) => existsSync(f));
const PATH =
  firstNode && realpathSync(firstNode) === realpathSync(process.execPath)
    ? process.env.PATH
    : [dirname(process.execPath), ...pathDirs].join(delimiter);
const env = {
  ...process.env,
  PATH,
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  FORCE_COLOR: '0',
};
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
/** Every failed test by name with its first error line, repeated at the end where a log's tail shows it. */
const failures = [];
const firstLine = (text) =>
  stripVTControlCharacters(String(text ?? ''))
    .split('\n')
    .find((l) => l.trim())
    ?.trim()
    .slice(0, 300) ?? '';
rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

function run(title, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return { ok: result.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function record(title, counts, seconds) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  lines.push(
    `${title.padEnd(22)} ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''} (${seconds}s)`,
  );
}

/** A step that is one check: it passes or it fails. */
function check(title, cmd, args) {
  const { ok, seconds } = run(title, cmd, args);
  record(title, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, seconds);
  if (!ok) failures.push(`${title}: failed (see its output above)`);
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null; // Half written (the runner died): counted as a failure below, not a crash of this summary.
  }
}

check('type check', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);
check('build', 'npx', ['electron-vite', 'build']);

for (const project of ['unit', 'keychain', 'cli']) {
  const out = `test-results/vitest-${project}.json`;
  const { ok, seconds } = run(`vitest ${project}`, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ]);
  const report = readJson(out);
  const counts = report
    ? {
        passed: report.numPassedTests,
        failed: report.numFailedTests + (ok || report.numFailedTests ? 0 : 1),
        skipped: report.numPendingTests + report.numTodoTests,
      }
    : { passed: 0, failed: 1, skipped: 0 };
  record(`${project} (vitest)`, counts, seconds);
  for (const file of report?.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed')
        failures.push(
          `${project}: ${file.name.replace(`${process.cwd()}/`, '')} > ${t.fullName}\n    ${firstLine(t.failureMessages?.[0])}`,
        );
    }
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'))
      failures.push(`${project}: ${file.name.replace(`${process.cwd()}/`, '')}\n    ${firstLine(file.message)}`);
  }
  if (!ok && !report?.numFailedTests)
    failures.push(
      `${project}: vitest failed without a failed test${report ? ' (an error outside the tests: see its output above)' : ' and wrote no report'}`,
    );
}

for (const project of ['chromium', 'electron']) {
  const out = `test-results/playwright-${project}.json`;
  const { ok, seconds } = run(
    `e2e ${project}`,
    'npx',
    ['playwright', 'test', '--project', project, '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  );
  const stats = readJson(out)?.stats;
  const counts = stats
    ? {
        passed: stats.expected + stats.flaky,
        failed: stats.unexpected + (ok || stats.unexpected ? 0 : 1),
        skipped: stats.skipped,
      }
    : { passed: 0, failed: 1, skipped: 0 };
  record(`e2e ${project}`, counts, seconds);
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
        const error = t.results?.find((r) => r.error)?.error;
        failures.push(
          `e2e ${project}${t.status === 'flaky' ? ' (passed on retry)' : ''}: ${spec.file}:${spec.line} > ${spec.title}\n    ${firstLine(error?.message)}`,
        );
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  const report = readJson(out);
  for (const suite of report?.suites ?? []) walk(suite);
  for (const error of report?.errors ?? []) failures.push(`e2e ${project}: ${firstLine(error.message)}`);
  if (!ok && !stats?.unexpected && !report?.errors?.length)
    failures.push(
      `e2e ${project}: Playwright failed without a failed test${report ? '' : ' and wrote no report'}: see its output above`,
    );
}

check('electronegativity', process.execPath, ['scripts/electronegativity-check.mjs']);
{
  const { ok, seconds } = run('package check', process.execPath, ['scripts/package-check.mjs']);
  const report = readJson('test-results/package-check.json');
  record(
    'package check',
    report
      ? { passed: report.passed, failed: report.failed + (ok || report.failed ? 0 : 1), skipped: 0 }
      : { passed: 0, failed: 1, skipped: 0 },
    seconds,
  );
  if (!ok) failures.push('package check: failed (see its output above)');
}

if (failures.length) {
  console.log('\n=== Failed tests (and flaky ones, which passed on retry)');
  for (const f of failures) console.log(f);
}
console.log('\n=== Summary');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
