import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type HostReply<T> = { ok: boolean; value?: T; error?: { code: string; message: string } };

export interface RunningHost {
  url: string;
  token: string;
  process: ChildProcess;
  /** Every line the host wrote to stderr (its log). */
  log: string[];
  call<T = unknown>(channel: string, input?: unknown): Promise<HostReply<T>>;
  stop(): Promise<void>;
}

/** Starts `npm run host` as a scripted client would, and waits for its one JSON line on stdout. */
export async function startHost(options: {
  dataDir: string;
  keychainService?: string;
  memorySecrets?: boolean;
  /** Extra environment for the host, e.g. KEYWARD_BASE_URL_<PROVIDER> pointing at the fake providers. */
  env?: Record<string, string>;
  /** The renderer folder to serve; the built one (out/renderer) by default. */
  rendererDir?: string;
  /** The checkout whose host runs (another worktree, for a before-and-after figure); this one by default. */
  cwd?: string;
}): Promise<RunningHost> {
  const args = ['--import', 'tsx', 'tests/host/main.ts', '--data', options.dataDir];
  if (options.rendererDir) args.push('--renderer', options.rendererDir);
  if (options.memorySecrets) args.push('--memory-secrets');
  if (options.keychainService) args.push('--keychain-service', options.keychainService);
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  });
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => log.push(line));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`test host did not start: ${log.join('\n')}`)), 20_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`test host exited with ${code}: ${log.join('\n')}`)));
  });
  const { url, token } = JSON.parse(first) as { url: string; token: string };
  return {
    url,
    token,
    process: child,
    log,
    async call<T>(channel: string, input: unknown = {}) {
      const res = await fetch(`${url}ipc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-keyward-token': token },
        body: JSON.stringify(input),
      });
      return (await res.json()) as HostReply<T>;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
