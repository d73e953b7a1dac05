import { type FindingSeverity, type StoreProfile, type Token, tokenPageFor, tokenPageText } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { policyOf } from '../../providers/provider-module';
import { effectiveExpiry } from '../../rules/expiry';
import { leadTimesFor } from '../../rules/finding-settings';
import type { VaultData } from '../../vault/vault-data';
import type { ExpirySettings } from './expiry-settings';

const DAY_MS = 86_400_000;

/** Days before expiry at which a warning is due; 0 is "expired". */
export type Threshold = number;
export const EXPIRED: Threshold = 0;

/** A token that can be warned about, with what a warning needs to say. Metadata only. */
export interface ExpiryCandidate {
  token: Token;
  store: StoreProfile;
  providerName: string;
  /** Where the provider lets you create a replacement (the store's own admin when it can be built). */
  tokenPageUrl: string | null;
  /** The same place as words for a message: the address, the menu path, and whether the path is confirmed. */
  tokenPageText: string | null;
  /** When the provider itself warns (Thinkific emails 10 days before), with its lead in days. */
  providerNotice: { at: Date; days: number } | null;
  expiresAt: Date;
  /** True when the date comes from a provider rule, not the token or the user. */
  estimated: boolean;
  /** Lead times largest first, then 0 (expired). */
  thresholds: Threshold[];
  test: boolean;
  /** Identifies this token at this expiry instant: a changed date starts fresh. */
  key: string;
}

export const candidateKey = (tokenId: string, expiresAt: Date): string => `${tokenId}@${expiresAt.toISOString()}`;

/** Active tokens (or marked expired and not replaced) with a known expiry; retired ones and, when off, test tokens never warn. */
export function expiryCandidates(
  vault: Pick<VaultData, 'stores' | 'tokens'>,
  catalog: Catalog,
  settings: ExpirySettings,
): ExpiryCandidate[] {
  const stores = new Map(vault.stores.map((s) => [s.id, s]));
  return vault.tokens.flatMap((token) => {
    const store = stores.get(token.storeId);
    const warns = token.status === 'active' || (token.status === 'expired' && !token.rotatedTo);
    if (!store || !warns) return [];
    const test = token.mode === 'test';
    if (test && settings.notifications.warnTestTokens === 'off') return [];
    const module = catalog.find(store.provider);
    const expiry = effectiveExpiry(token, module ? policyOf(module, token.kind) : {});
    if (!expiry) return [];
    const leads = leadTimesFor(settings.findings, store.provider).filter((d) => d > 0);
    const page = module ? tokenPageFor(module.descriptor, store.identifiers) : null;
    const noticeDays = module ? policyOf(module, token.kind).expiry?.providerNoticeDays : undefined;
    return [
      {
        token,
        store,
        test,
        expiresAt: expiry.at,
        estimated: expiry.estimated,
        providerName: module?.descriptor.name ?? store.provider,
        tokenPageUrl: page?.url || null,
        tokenPageText: page?.url ? tokenPageText(page) : null,
        providerNotice:
          noticeDays && !expiry.estimated
            ? { at: new Date(expiry.at.getTime() - noticeDays * DAY_MS), days: noticeDays }
            : null,
        thresholds: [...leads, EXPIRED],
        key: candidateKey(token.id, expiry.at),
      },
    ];
  });
}

/** The moment a threshold is reached. */
export const thresholdMoment = (c: ExpiryCandidate, threshold: Threshold): Date =>
  new Date(c.expiresAt.getTime() - threshold * DAY_MS);

/** The most urgent threshold reached at `now`, or null before the first lead time: the findings engine's `leadDays`. */
export function reachedThreshold(c: ExpiryCandidate, now: Date): Threshold | null {
  const reached = c.thresholds.filter((t) => thresholdMoment(c, t).getTime() <= now.getTime());
  return reached.length ? Math.min(...reached) : null;
}

/** The next threshold after `now`, or null when the token has expired. */
export function nextThresholdMoment(c: ExpiryCandidate, now: Date): Date | null {
  const ahead = c.thresholds.map((t) => thresholdMoment(c, t)).filter((m) => m.getTime() > now.getTime());
  return ahead.length ? new Date(Math.min(...ahead.map((m) => m.getTime()))) : null;
}

/** As the findings engine: expired or within 7 days is critical, else a warning; test tokens one step lower. */
export function severityOf(threshold: Threshold, test: boolean): FindingSeverity {
  const base: FindingSeverity = threshold <= 7 ? 'critical' : 'warning';
  if (!test) return base;
  return base === 'critical' ? 'warning' : 'info';
}
