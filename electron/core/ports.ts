import type { AuditEntry, KeychainState } from '../contract';
import type { VaultData } from './vault/vault-data';

/** The OS keychain, one entry per token id. Implementations throw AppError('keychain_unavailable'). */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  accounts(): Promise<string[]>;
  state(): Promise<KeychainState>;
}

export interface LoadedVault {
  data: VaultData;
  /** Things the user must be told, e.g. "the vault was restored from the last good copy". */
  notices: { id: string; severity: 'info' | 'warning' | 'critical'; message: string }[];
}

export interface VaultRepository {
  load(): Promise<LoadedVault>;
  /**
   * Runs `work` as one transaction holding the store's write lock (other processes wait): committed when
   * it resolves, rolled back when it throws. Reads inside it see the latest committed vault.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Inside `transaction`: writes what changed since the vault last loaded or saved, with the action's audit
   * entries. Refuses with AppError('conflict') when the stored revision is no longer `expectedRevision`.
   */
  save(data: VaultData, expectedRevision: number, audit?: readonly AuditEntry[]): Promise<void>;
  /** True when another process changed the vault since this repository last loaded or saved it. */
  changedOnDisk(): Promise<boolean>;
  readonly location: string;
}

export interface AuditFilter {
  subjectId?: string;
  actionPrefix?: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first, at most `limit`, optionally only entries matching `filter`. */
  recent(limit: number, filter?: AuditFilter): Promise<AuditEntry[]>;
}

/** The OS clipboard (main process only); Electron's is asynchronous. */
export interface Clipboard {
  write(text: string): Promise<void>;
  read(): Promise<string>;
  clear(): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  info(message: string, fields?: Record<string, string | number | boolean>): void;
  warn(message: string, fields?: Record<string, string | number | boolean>): void;
  error(message: string, fields?: Record<string, string | number | boolean>): void;
}

export interface Notifier {
  notify(notice: { title: string; body: string; tokenId?: string }): void;
}

export const systemClock: Clock = { now: () => new Date() };

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export interface HttpRequest {
  method: 'GET';
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
}
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
/** One HTTP exchange; network faults reject with an Error whose `code` names the fault. */
export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}
/** The OS open/save dialogs: main picks files, so file contents (secrets in imports and backups) never pass through the renderer. */
export interface FileDialogs {
  open(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  save(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
}
