import type { Token } from '../../../contract';
import type { ImportPlan } from './import-plan';

type FieldValue = string | number | boolean | string[];

/** A token as it will be saved, for the preview: the masked form at most, never the value. */
export interface TokenPreview {
  name: string;
  kind: Token['kind'];
  mode: Token['mode'];
  scopes: string[];
  settings: Record<string, FieldValue>;
  status: Token['status'];
  createdAt: string | null;
  expiresAt: string | null;
  expirySource: Token['expirySource'];
  secret: { masked: string; formatProblem: string | null } | null;
}
export interface ImportPreviewRow {
  row: number;
  line: number | null;
  status: 'ok' | 'invalid';
  reasons: string[];
  client: { name: string; action: 'new' | 'existing' } | null;
  store: {
    label: string;
    provider: string;
    providerName: string;
    identifiers: Record<string, FieldValue>;
    action: 'new' | 'existing';
  } | null;
  token: TokenPreview | null;
  /** An invalid row's cells as read, so the user sees what to fix; secrets and token-like cells are masked. */
  cells?: Record<string, string>;
}
/** What the renderer shows before the user confirms. Secret-free by construction. */
export interface ImportPreview {
  rows: ImportPreviewRow[];
  counts: { rows: number; ok: number; invalid: number; newClients: number; newStores: number; withSecret: number };
}

/** The preview's form of a token: the masked secret at most, never the value. */
export function tokenPreview(token: Token): TokenPreview {
  return {
    name: token.name,
    kind: token.kind,
    mode: token.mode,
    scopes: token.scopes,
    settings: token.settings,
    status: token.status,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    expirySource: token.expirySource,
    secret: token.secret ? { masked: token.secret.masked, formatProblem: token.secret.formatProblem ?? null } : null,
  };
}

/** The renderer's view of a plan: per row what will be created, or why not. Never a secret value. */
export function previewOf(plan: ImportPlan): ImportPreview {
  const rows = plan.rows.map((r): ImportPreviewRow => ({
    row: r.row,
    line: r.line,
    status: r.reasons.length ? 'invalid' : 'ok',
    reasons: r.reasons,
    ...r.preview,
  }));
  const ok = rows.filter((r) => r.status === 'ok');
  return {
    rows,
    counts: {
      rows: rows.length,
      ok: ok.length,
      invalid: rows.length - ok.length,
      newClients: new Set(ok.filter((r) => r.client?.action === 'new').map((r) => r.client!.name.toLocaleLowerCase()))
        .size,
      newStores: new Set(
        ok
          .filter((r) => r.store?.action === 'new')
          .map((r) => `${r.store!.provider}|${r.store!.label}|${r.client?.name.toLocaleLowerCase() ?? ''}`),
      ).size,
      withSecret: ok.filter((r) => r.token?.secret).length,
    },
  };
}
