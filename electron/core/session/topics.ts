import type { VaultTopic } from '../../contract';
import { listChanges } from '../vault/list-changes';
import type { VaultData } from '../vault/vault-data';

type Token = VaultData['tokens'][number];
const same = <T>(x: T): T => x;

/**
 * What a committed change touched, from the vault before and after it: the lists whose elements changed,
 * settings, custom providers, check results and secrets. Every change writes an audit entry.
 */
export function changedTopics(base: Readonly<VaultData>, next: Readonly<VaultData>): VaultTopic[] {
  const topics = new Set<VaultTopic>(['audit']);
  if (touched(base.clients, next.clients)) topics.add('clients');
  if (touched(base.stores, next.stores)) topics.add('stores');
  if (base.customProviders !== next.customProviders) topics.add('providers');
  if (base.settings !== next.settings) topics.add('settings').add('expiry');
  const tokens = base.tokens === next.tokens ? { put: [], removed: [] } : listChanges(base.tokens, next.tokens, same);
  if (!tokens) {
    for (const topic of ['tokens', 'expiry', 'checks', 'keychain'] as const) topics.add(topic);
    return [...topics];
  }
  if (tokens.put.length === 0 && tokens.removed.length === 0) return [...topics];
  topics.add('tokens').add('expiry');
  const before = new Map<string, Token>();
  if (tokens.removed.length || tokens.put.length) {
    const wanted = new Set([...tokens.removed, ...tokens.put.map((t) => t.id)]);
    for (const t of base.tokens) if (wanted.has(t.id)) before.set(t.id, t);
  }
  for (const id of tokens.removed) if (before.get(id)?.secret) topics.add('keychain');
  for (const t of tokens.put) {
    const old = before.get(t.id);
    if (old?.lastCheck?.checkedAt !== t.lastCheck?.checkedAt) topics.add('checks');
    if (old?.secret?.account !== t.secret?.account || old?.secret?.fingerprint !== t.secret?.fingerprint)
      topics.add('keychain');
  }
  return [...topics];
}

function touched<T extends { id: string }>(old: readonly T[], next: readonly T[]): boolean {
  if (old === next) return false;
  const changes = listChanges(old, next, same);
  return !changes || changes.put.length > 0 || changes.removed.length > 0;
}
