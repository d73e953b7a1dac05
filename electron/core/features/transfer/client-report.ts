import type { Finding, Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { policyOf } from '../../providers/provider-module';
import { day, effectiveExpiry } from '../../rules/expiry';
import type { VaultData } from '../../vault/vault-data';

const DAY_MS = 86_400_000;
/** How far ahead "upcoming expiries" looks. */
export const REPORT_HORIZON_DAYS = 90;

export interface ClientReportInput {
  vault: Pick<VaultData, 'clients' | 'stores' | 'tokens'>;
  /** The client to report on; null for stores that belong to no client. */
  clientId: string | null;
  catalog: Catalog;
  /** Findings for the whole vault (computeFindings); the report keeps the client's. */
  findings: readonly Finding[];
  now: Date;
}

/** What a client report says, whatever its format: metadata only, secrets only as their masked form. */
export interface ClientReport {
  title: string;
  generatedAt: Date;
  tokenCount: number;
  findings: { severity: Finding['severity']; message: string; action: string }[];
  upcoming: { store: string; token: string; expires: string; when: string }[];
  stores: {
    label: string;
    provider: string;
    environment: string;
    identifiers: string;
    tokens: { name: string; kind: string; masked: string | null; status: string; expires: string; lastCheck: string }[];
  }[];
}

/** The report on one client (or on stores without one): its stores and tokens, findings and upcoming expiries. */
export function clientReport(input: ClientReportInput): ClientReport {
  const { vault, clientId, catalog, now } = input;
  const client = clientId ? vault.clients.find((c) => c.id === clientId) : undefined;
  const stores = vault.stores.filter((s) => s.clientId === clientId).sort((a, b) => a.label.localeCompare(b.label));
  const storeIds = new Set(stores.map((s) => s.id));
  const tokens = vault.tokens.filter((t) => storeIds.has(t.storeId));
  const tokenIds = new Set(tokens.map((t) => t.id));
  const findings = input.findings.filter(
    (f) =>
      (f.subject.storeId && storeIds.has(f.subject.storeId)) || (f.subject.tokenId && tokenIds.has(f.subject.tokenId)),
  );
  const providerName = (id: string) => catalog.find(id)?.descriptor.name ?? id;
  const storeById = new Map(stores.map((s) => [s.id, s]));
  const upcoming = tokens
    .filter((t) => t.status === 'active')
    .flatMap((t) => {
      const store = storeById.get(t.storeId)!;
      const module = catalog.find(store.provider);
      const at = effectiveExpiry(t, module ? policyOf(module, t.kind) : {});
      return at && at.at.getTime() - now.getTime() <= REPORT_HORIZON_DAYS * DAY_MS ? [{ token: t, store, ...at }] : [];
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    title: client ? client.name : 'Stores without a client',
    generatedAt: now,
    tokenCount: tokens.length,
    findings: findings.map((f) => ({ severity: f.severity, message: f.message, action: f.action })),
    upcoming: upcoming.map((u) => {
      const days = Math.ceil((u.at.getTime() - now.getTime()) / DAY_MS);
      const when = days < 0 ? `${-days} days ago` : days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
      return {
        store: u.store.label,
        token: u.token.name,
        expires: `${day(u.at)}${u.estimated ? ' (estimated)' : ''}`,
        when,
      };
    }),
    stores: stores.map((store) => ({
      label: store.label,
      provider: providerName(store.provider),
      environment: store.environment,
      identifiers: Object.entries(store.identifiers)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
        .join(' · '),
      tokens: tokens.filter((t) => t.storeId === store.id).map(tokenFacts),
    })),
  };
}

function tokenFacts(t: Token): ClientReport['stores'][number]['tokens'][number] {
  return {
    name: t.name,
    kind: `${t.kind}${t.mode ? ` · ${t.mode}` : ''}`,
    masked: t.secret ? t.secret.masked : null,
    status: t.status,
    expires: t.expiresAt
      ? `${day(new Date(t.expiresAt))}${t.expirySource === 'provider-rule' ? ' (estimated)' : ''}`
      : t.expirySource === 'none'
        ? 'never'
        : 'unknown',
    lastCheck: t.lastCheck ? `${t.lastCheck.outcome} ${t.lastCheck.checkedAt.slice(0, 10)}` : 'never',
  };
}

/**
 * A self-contained, printable HTML page about one client: stores, tokens (masked fingerprint, status,
 * expiry, last check), findings and upcoming expiries. Built from metadata only; every value is escaped.
 * Its inline CSS is allowed by its own CSP meta tag: the page is opened outside the app or printed.
 */
export function clientReportHtml(input: ClientReportInput): string {
  const report = clientReport(input);
  const muted = (text: string) => `<span class="muted">${esc(text)}</span>`;
  const storeSections = report.stores.map((store) => {
    const rows = store.tokens
      .map(
        (t) =>
          `<tr><td>${esc(t.name)}</td><td>${esc(t.kind)}</td><td><code>${t.masked ? esc(t.masked) : muted('no secret')}</code></td><td>${esc(t.status)}</td><td>${t.expires === 'unknown' ? muted('unknown') : esc(t.expires)}</td><td>${t.lastCheck === 'never' ? muted('never') : esc(t.lastCheck)}</td></tr>`,
      )
      .join('');
    return `<section class="store"><h3>${esc(store.label)} <span class="muted">${esc(store.provider)} · ${esc(store.environment)}</span></h3>${store.identifiers ? `<p class="muted">${esc(store.identifiers)}</p>` : ''}
<table><thead><tr><th>Token</th><th>Kind / mode</th><th>Fingerprint</th><th>Status</th><th>Expires</th><th>Last check</th></tr></thead><tbody>${rows || '<tr><td colspan="6" class="muted">No tokens</td></tr>'}</tbody></table></section>`;
  });
  const findingRows = report.findings
    .map(
      (f) =>
        `<tr class="sev-${esc(f.severity)}"><td>${esc(f.severity)}</td><td>${esc(f.message)}</td><td>${esc(f.action)}</td></tr>`,
    )
    .join('');
  const upcomingRows = report.upcoming
    .map(
      (u) =>
        `<tr><td>${esc(u.store)}</td><td>${esc(u.token)}</td><td>${esc(u.expires)}</td><td>${esc(u.when)}</td></tr>`,
    )
    .join('');
  const stores = report.stores.length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keyward status report: ${esc(report.title)}</title>
<style>${CSS}</style></head>
<body><header><h1>${esc(report.title)}</h1><p class="muted">${esc(reportSubtitle(report))}</p></header>
<h2>Needs attention</h2>${findingRows ? `<table><thead><tr><th>Severity</th><th>Finding</th><th>What to do</th></tr></thead><tbody>${findingRows}</tbody></table>` : '<p>Nothing needs attention.</p>'}
<h2>Upcoming expiries (next ${REPORT_HORIZON_DAYS} days)</h2>${upcomingRows ? `<table><thead><tr><th>Store</th><th>Token</th><th>Expires</th><th>When</th></tr></thead><tbody>${upcomingRows}</tbody></table>` : '<p>No active token expires in this period.</p>'}
<h2>Stores and tokens</h2>${storeSections.join('\n') || (stores ? '' : '<p>No stores.</p>')}
<footer class="muted">Made by Keyward from metadata only.</footer></body></html>
`;
}

/** "Token status report · 2026-12-03 18:00 UTC · 2 stores, 5 tokens. No secret values …" */
export function reportSubtitle(report: ClientReport): string {
  const stores = report.stores.length;
  return `Token status report · ${report.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${stores} store${stores === 1 ? '' : 's'}, ${report.tokenCount} token${report.tokenCount === 1 ? '' : 's'}. No secret values are included; fingerprints are masked.`;
}

/** Escapes text for HTML element content and quoted attributes. */
export function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}h3{margin:1.25rem 0 .25rem}
.muted{color:#59636e;font-weight:normal}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e5e8eb;vertical-align:top}th{background:#f6f8fa}
code{font:12px ui-monospace,monospace}.sev-critical td:first-child{color:#b42318;font-weight:600}.sev-warning td:first-child{color:#9a6700;font-weight:600}
section.store{break-inside:avoid}footer{margin-top:2rem;font-size:12px}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}}
`;
