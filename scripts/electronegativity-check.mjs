// Electronegativity (Doyensec's Electron security linter) over the app's sources; it always exits 0, so
// this reads its CSV and fails on any HIGH or CRITICAL finding. LOW/MEDIUM review items are listed.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const work = mkdtempSync(join(tmpdir(), 'keyward-eneg-'));
for (const part of ['electron', 'src', 'package.json']) cpSync(part, join(work, part), { recursive: true });
const csv = join(work, 'result.csv');
// On this Node, with the got 11 offline fix preloaded (see got11-offline.cjs).
const cli = createRequire(import.meta.url).resolve('@doyensec/electronegativity/dist/index.js');
const preload = join(dirname(fileURLToPath(import.meta.url)), 'got11-offline.cjs');
const args = ['--require', preload, cli, '-i', work, '-o', csv, '-r', '-v', 'false', '-e', '45.4.1'];
execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });

const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).filter(Boolean);
const findings = rows.map((line) => {
  const [issue, severity, confidence, file, location] = line.split(',').map((c) => c.replaceAll('"', '').trim());
  return { issue, severity, confidence, file, location };
});
for (const f of findings) console.log(`  ${f.severity.padEnd(8)} ${f.issue} ${f.file}:${f.location} (${f.confidence})`);
const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL');
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/electronegativity.json', JSON.stringify({ findings }, null, 1));
console.log(
  serious.length
    ? `✗ ${serious.length} HIGH/CRITICAL finding(s)`
    : `✓ no HIGH or CRITICAL findings (${findings.length} LOW/MEDIUM review items)`,
);
process.exit(serious.length ? 1 : 0);
