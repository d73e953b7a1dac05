// keyward show / edit / rotate / revoke: one token's lifecycle from the command line, secrets on stdin only.
import type { CheckResult, KnownSecret, Recognition, RotationPlan, Token, TokenView } from '../contract';
import { CliExit, EXIT, type Values } from './options';
import { readSecret } from './read-secret';

type Call = <T>(channel: string, input: unknown) => Promise<T>;
type Out = (text: string) => void;
type Json = (value: unknown) => void;

export const LIFECYCLE_COMMANDS = new Set(['show', 'edit', 'rotate', 'revoke']);

/** A token as the CLI prints it: no keychain account name, no check history beyond the last. */
const printable = ({ checkHistory: _h, secret, ...t }: Token) => ({
  ...t,
  secret: secret ? { fingerprint: secret.fingerprint, masked: secret.masked, setAt: secret.setAt } : null,
});

export async function runLifecycle(command: string, values: Values, call: Call, out: Out, json: Json): Promise<number> {
  const id = values.token;
  if (!id) throw new CliExit(EXIT.usage, '--token ID is required. See keyward --help.');
  switch (command) {
    case 'show': {
      const view = await call<TokenView>('getToken', { id });
      if (values.json) json({ ...view, token: printable(view.token) });
      else out(describe(view));
      return EXIT.fine;
    }
    case 'edit': {
      const input = editInput(id, values);
      if (Object.keys(input).length === 1) throw new CliExit(EXIT.usage, 'Say what to change. See keyward --help.');
      const token = await call<Token>('updateToken', input);
      if (values.json) json(printable(token));
      else out(`Edited ${token.name} (${token.id}).`);
      return EXIT.fine;
    }
    case 'rotate':
      return rotate(id, values, call, out, json);
    case 'revoke': {
      const plan = await call<RotationPlan>('getRotationPlan', { id });
      if (plan.managedWhy) throw new CliExit(EXIT.usage, plan.managedWhy);
      const token = await call<Token>('updateToken', { id, status: 'revoked' });
      if (values.json) json(printable(token));
      else out(`Marked ${token.name} revoked in Keyward. ${retireText(plan)}`);
      return EXIT.fine;
    }
    default:
      throw new CliExit(EXIT.usage, `Unknown command "${command}".`);
  }
}

function editInput(id: string, values: Values): Record<string, unknown> {
  const input: Record<string, unknown> = { id };
  if (values.name !== undefined) input.name = values.name;
  if (values.notes !== undefined) input.notes = values.notes;
  if (values.expires !== undefined) input.expiresAt = values.expires === 'none' ? null : values.expires;
  if (values.created !== undefined) input.createdAt = values.created === 'none' ? null : values.created;
  if (values.status !== undefined) {
    if (!['active', 'inactive', 'revoked'].includes(values.status))
      throw new CliExit(EXIT.usage, '--status is one of active, inactive, revoked.');
    input.status = values.status;
  }
  if (values.scopes !== undefined) input.scopes = list(values.scopes);
  if (values.mode !== undefined) input.mode = values.mode === 'none' ? null : values.mode;
  return input;
}

async function rotate(id: string, values: Values, call: Call, out: Out, json: Json): Promise<number> {
  const plan = await call<RotationPlan>('getRotationPlan', { id });
  if (!plan.rotation) throw new CliExit(EXIT.usage, plan.why ?? 'This token cannot be rotated here.');
  const secret = await readSecret('New token (input hidden): ');
  if (!secret) throw new CliExit(EXIT.usage, 'No secret on standard input.');
  const sideBySide = plan.rotation.model === 'side-by-side';
  const s = plan.suggestions;
  // The CLI keeps every suggestion; `keyward edit` changes them afterwards.
  const input: Record<string, unknown> = { tokenId: id, secret };
  if (sideBySide) {
    input.name = values.name ?? s.name;
    if (s.scopes.length) input.scopes = s.scopes;
    if (Object.keys(s.settings).length) input.settings = s.settings;
    if (s.notes) input.notes = s.notes;
    if (values['removed-first']) input.removedFirst = values['removed-first'];
  } else if (values.name) input.name = values.name;
  if (values.expires !== undefined) input.expiresAt = values.expires === 'none' ? null : values.expires;
  const done = await call<{ oldToken: Token; newToken: Token; check: CheckResult | null }>('rotateToken', input);
  if (values.json) {
    json({ oldToken: printable(done.oldToken), newToken: printable(done.newToken), check: done.check });
    return EXIT.fine;
  }
  const checked = done.check ? `${done.check.outcome}: ${done.check.detail}` : 'not checked';
  if (!sideBySide)
    out(
      `Stored the new value of ${done.newToken.name} (${done.newToken.secret?.masked}); check ${checked}. The old value no longer works: update every integration that used it. Do not revoke the token.`,
    );
  else
    out(
      `${done.newToken.id}\nRotated ${done.oldToken.name} to ${done.newToken.name} (${done.newToken.secret?.masked}); check ${checked}.\n${
        done.oldToken.status === 'rotated' ? retireText(plan) : ''
      }`.trimEnd(),
    );
  return EXIT.fine;
}

function retireText(plan: RotationPlan): string {
  const ways = plan.rotation?.retire ?? [];
  if (!ways.length) return '';
  return `Retire it at the provider: ${ways.map((w) => `${w.label.toLowerCase()} (${w.text.replace(/\.$/, '')})`).join(', or ')}; then \`keyward edit --token ${plan.tokenId} --status ${ways.map((w) => w.status).join('|')}\`.`;
}

function describe({ token: t, storeLabel, providerName, clientName }: TokenView): string {
  const rows: [string, string][] = [
    ['Token', `${t.name} (${t.id})`],
    ['Provider', `${providerName}${t.mode ? ` ${t.mode}` : ''} · ${t.kind}`],
    ['Store', `${storeLabel ?? 'none'}${clientName ? ` · ${clientName}` : ''}`],
    ['Status', t.status],
    ['Secret', t.secret ? `${t.secret.masked} (set ${t.secret.setAt.slice(0, 10)})` : 'none stored'],
    ['Scopes', t.scopes.length ? t.scopes.join(', ') : 'none recorded'],
    ['Created', t.createdAt?.slice(0, 10) ?? 'unknown'],
    [
      'Expires',
      t.expiresAt ? `${t.expiresAt.slice(0, 10)} (${t.expirySource})` : t.expirySource === 'none' ? 'never' : 'unknown',
    ],
    ['Last check', t.lastCheck ? `${t.lastCheck.outcome}: ${t.lastCheck.detail}` : 'never'],
  ];
  for (const [k, v] of Object.entries(t.settings)) rows.push([k, Array.isArray(v) ? v.join(', ') : String(v)]);
  if (t.rotatedFrom) rows.push(['Rotated from', t.rotatedFrom]);
  if (t.rotatedTo) rows.push(['Rotated to', t.rotatedTo]);
  for (const p of t.previousSecrets ?? [])
    rows.push(['Earlier value', `${p.masked} (set ${p.setAt.slice(0, 10)}, replaced ${p.replacedAt.slice(0, 10)})`]);
  if (t.notes) rows.push(['Notes', t.notes]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

/** What a quick check adds from the vault and the value itself: expiry, scopes and the token it is. */
export function quickCheckFacts(recognition: Recognition | undefined, known: KnownSecret | null): string[] {
  const lines: string[] = [];
  const expiresAt = recognition?.facts.expiresAt ?? (known?.current ? known.expiresAt : undefined);
  const scopes = recognition?.facts.scopes ?? (known?.current ? known.scopes : []);
  lines.push(`Expires: ${expiresAt ? expiresAt.slice(0, 10) : expiresAt === null ? 'never' : 'unknown'}`);
  lines.push(`Scopes: ${scopes.length ? scopes.join(', ') : 'not shown by the token'}`);
  if (known) lines.push(`In the vault: ${known.name} (${known.status}) in ${known.storeLabel}: ${known.meaning}`);
  return lines;
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
