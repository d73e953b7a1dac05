import type { VaultTopic } from '../../contract';
import { diffList } from '../vault/list-changes';
import type { VaultData } from '../vault/vault-data';

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
  const tokens = base.tokens === next.tokens ? { changed: [], removed: [] } : diffList(base.tokens, next.tokens);
  if (!tokens) {
    for (const topic of ['tokens', 'expiry', 'checks', 'keychain'] as const) topics.add(topic);
    return [...topics];
  }
  if (tokens.changed.length === 0 && tokens.removed.length === 0) return [...topics];
  topics.add('tokens').add('expiry');
  if (tokens.removed.some((t) => t.secret)) topics.add('keychain');
  for (const { before: old, after: t } of tokens.changed) {
    if (old?.lastCheck?.checkedAt !== t.lastCheck?.checkedAt) topics.add('checks');
    if (old?.secret?.account !== t.secret?.account || old?.secret?.fingerprint !== t.secret?.fingerprint)
      topics.add('keychain');
  }
  return [...topics];
}

function touched<T extends { id: string }>(old: readonly T[], next: readonly T[]): boolean {
  if (old === next) return false;
  const changes = diffList(old, next);
  return !changes || changes.changed.length > 0 || changes.removed.length > 0;
}
