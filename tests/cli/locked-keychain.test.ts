import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/inventory-fixture';

const run = promisify(execFile);
const have = async (cmd: string) =>
  run('sh', ['-c', `command -v ${cmd}`]).then(
    () => true,
    () => false,
  );
const tools = (await have('dbus-run-session')) && (await have('gnome-keyring-daemon')) && (await have('dbus-send'));
const required = process.env.KEYWARD_REQUIRE_KEYCHAIN === '1';
if (!tools && !required)
  console.warn('[cli suite] locked-keychain test SKIPPED: needs dbus-run-session, gnome-keyring-daemon and dbus-send.');

// A keyring of its own in a private D-Bus session, locked after two tokens are stored: the state a desktop
// keyring is in after a screen lock. A locked Secret Service reads back "not found" for every entry.
const SCRIPT = `
export XDG_DATA_HOME="$(mktemp -d)"
printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
k() { "$NODE" bin/keyward.js "$@" --data "$DATA" --keychain-service Keyward-locked; }
echo shippo_live_$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \\n') | k add --provider shippo --store Acme --name A >/dev/null
echo shippo_live_$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \\n') | k add --provider shippo --store Acme --name B >/dev/null
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null
k findings --json --fail-on never > "$DATA/findings.json" 2> "$DATA/findings.err"; echo "findings=$?"
k check --all > "$DATA/check.out" 2> "$DATA/check.err"; echo "check=$?"
cat "$DATA/findings.json"; echo; echo "--- findings stderr"; cat "$DATA/findings.err"; echo "--- check stderr"; cat "$DATA/check.err"
`;

describe.skipIf(!tools && !required)('a locked keychain is said once, never taken for missing secrets', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it(
    'findings report no secret as missing and say the keychain could not be read; check exits 3 having checked nothing',
    { timeout: 60_000 },
    async () => {
      const { dir, cleanup } = await tempDir('keyward-locked-');
      cleanups.push(cleanup);
      const { stdout } = await run('dbus-run-session', ['--', 'bash', '-c', SCRIPT], {
        env: {
          ...process.env,
          NODE: process.execPath,
          DATA: dir,
          KEYWARD_BASE_URL_SHIPPO: 'http://127.0.0.1:9',
          DISPLAY: '',
        },
        timeout: 50_000,
      });
      expect(stdout).toContain('findings=0');
      expect(stdout).toContain('check=3');
      const findings = JSON.parse(stdout.slice(stdout.indexOf('['), stdout.indexOf('--- findings stderr'))) as {
        kind: string;
      }[];
      expect(findings.filter((f) => f.kind === 'secret_missing')).toEqual([]);
      expect(stdout).toMatch(/--- findings stderr\n.*keychain could not be read.*locked/);
      expect(stdout).toMatch(/--- check stderr\n.*locked: secrets could not be verified/);
    },
  );
});
