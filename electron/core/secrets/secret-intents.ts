import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir, writeDurably } from '../vault/atomic-file';

export const INTENTS_DIR = 'secret-intents';
/** An intent older than this is abandoned even when its pid is alive again (pid reuse); an operation takes seconds. */
const ABANDONED_AFTER_MS = 15 * 60_000;

/** Keychain accounts one operation is about to write or retire, noted durably before the keychain is touched. */
export interface Intent {
  readonly file: string;
  accounts: string[];
}

interface IntentDoc {
  pid: number;
  host: string;
  startedAt: string;
  accounts: string[];
}

/** Durable notes of keychain accounts in flight (the ordering rule's write-ahead log). */
export interface SecretIntents {
  begin(accounts: readonly string[]): Promise<Intent>;
  add(intent: Intent, accounts: readonly string[]): Promise<void>;
  settle(intent: Intent): Promise<void>;
  /** Intents no live action of this process owns and whose process is gone: recovery settles them. */
  abandoned(live?: ReadonlySet<string>): Promise<Intent[]>;
}

/** Notes held in memory: for tests and stores with no crash to recover from. */
export class MemorySecretIntents implements SecretIntents {
  private readonly open = new Map<string, Intent>();
  private next = 0;
  async begin(accounts: readonly string[]): Promise<Intent> {
    const intent: Intent = { file: `memory-${this.next++}`, accounts: [...accounts] };
    this.open.set(intent.file, intent);
    return intent;
  }
  async add(intent: Intent, accounts: readonly string[]): Promise<void> {
    intent.accounts.push(...accounts);
  }
  async settle(intent: Intent): Promise<void> {
    this.open.delete(intent.file);
  }
  async abandoned(live: ReadonlySet<string> = new Set()): Promise<Intent[]> {
    return [...this.open.values()].filter((i) => !live.has(i.file));
  }
}

/**
 * One file per action in `<data>/secret-intents`. A file whose process is gone marks accounts whose fate was
 * not settled; recovery keeps those the vault points at and deletes the rest.
 */
export class FileSecretIntents implements SecretIntents {
  private readonly dir: string;
  constructor(dataDir: string) {
    this.dir = join(dataDir, INTENTS_DIR);
  }

  async begin(accounts: readonly string[]): Promise<Intent> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const intent: Intent = {
      file: join(this.dir, `${process.pid}-${randomBytes(6).toString('hex')}.json`),
      accounts: [],
    };
    await this.add(intent, accounts);
    return intent;
  }

  /** Adds accounts to an intent, durably, before any of them is written or retired. */
  async add(intent: Intent, accounts: readonly string[]): Promise<void> {
    intent.accounts.push(...accounts);
    const doc: IntentDoc = {
      pid: process.pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
      accounts: intent.accounts,
    };
    const tmp = `${intent.file}.tmp`;
    await writeDurably(tmp, JSON.stringify(doc));
    await rename(tmp, intent.file);
    await syncDir(this.dir);
  }

  async settle(intent: Intent): Promise<void> {
    await rm(intent.file, { force: true });
  }

  /** Intents whose process has ended (or that are too old to be in progress): what recovery must settle. */
  async abandoned(live: ReadonlySet<string> = new Set()): Promise<Intent[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: Intent[] = [];
    for (const name of names) {
      const file = join(this.dir, name);
      if (live.has(file)) continue;
      if (!name.endsWith('.json')) {
        // A note torn before its rename: nothing was written to the keychain under it.
        const writer = Number.parseInt(name, 10);
        const gone = Number.isInteger(writer) && writer !== process.pid && !alive(writer);
        if (
          name.endsWith('.tmp') &&
          (gone || Date.now() - (await stat(file).catch(() => ({ mtimeMs: 0 }))).mtimeMs > 60_000)
        )
          await rm(file, { force: true });
        continue;
      }
      const doc = await readDoc(file);
      if (!doc) continue;
      const old = Date.now() - Date.parse(doc.startedAt) > ABANDONED_AFTER_MS;
      const ours = doc.pid === process.pid && doc.host === hostname();
      if (old || ours || (doc.host === hostname() && !alive(doc.pid))) out.push({ file, accounts: doc.accounts });
    }
    return out;
  }
}

async function readDoc(file: string): Promise<IntentDoc | null> {
  try {
    const doc = JSON.parse(await readFile(file, 'utf8')) as Partial<IntentDoc>;
    if (
      typeof doc.pid !== 'number' ||
      typeof doc.host !== 'string' ||
      typeof doc.startedAt !== 'string' ||
      !Array.isArray(doc.accounts)
    )
      return null;
    return {
      pid: doc.pid,
      host: doc.host,
      startedAt: doc.startedAt,
      accounts: doc.accounts.filter((a): a is string => typeof a === 'string'),
    };
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
