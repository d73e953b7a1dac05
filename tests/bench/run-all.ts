// Runs the inventory benchmarks one after the other, each in its own process, and leaves their sections in
// BENCHMARKS.md (each script writes its own, between its markers). The status-check benchmark is separate:
// npx tsx tests/bench/check-throughput.ts
// Run: npx tsx tests/bench/run-all.ts [--skip-build]
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './bench-utils';

const skipBuild = process.argv.includes('--skip-build');
const steps: { name: string; args: string[] }[] = [
  // node-bench builds the renderer (unless --skip-build), which ui-bench then serves through the test host.
  { name: 'node-bench', args: ['tests/bench/node-bench.ts', ...(skipBuild ? ['--skip-build'] : [])] },
  { name: 'ui-bench', args: ['tests/bench/ui-bench.ts', '--skip-build'] },
];

let failed = 0;
for (const step of steps) {
  console.error(`\n=== ${step.name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...step.args], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(
      `${step.name} failed (exit ${result.status ?? result.signal}); its section of BENCHMARKS.md was left as it was.`,
    );
  }
}
console.error(
  failed ? `\n${failed} of ${steps.length} benchmarks failed.` : '\nBoth benchmarks ran; see BENCHMARKS.md.',
);
process.exitCode = failed ? 1 : 0;
