import type { Finding } from '../../../contract';
import { hasAllowlistEntry, parseIpAllowlist } from '../ip-allowlist';
import { describe, type FindingContext, isLive, isRetired, tokenSubject, type TokenView } from './context';

const RULES: readonly ((v: TokenView) => Finding[] | null)[] = [
  formatMismatch,
  rateLimitAbovePlan,
  broadAccess,
  openAllowlist,
  checkFailed,
  testInProduction,
  revokePending,
];

/** Findings about one token's own settings and last check. Appends to `out` when given. */
export function tokenFindings(v: TokenView, _ctx: FindingContext, out: Finding[] = []): Finding[] {
  for (const rule of RULES) {
    const found = rule(v);
    if (found) for (const f of found) out.push(f);
  }
  return out;
}

/** Read from the secret facts recorded at write time (SecretFacts.formatProblem). */
function formatMismatch(v: TokenView): Finding[] | null {
  const problem = (v.token.secret as { formatProblem?: unknown } | null)?.formatProblem;
  if (typeof problem !== 'string' || problem === '' || isRetired(v.token)) return null;
  const confirmed = (v.policy.formats ?? []).some((f) => f.confirmed);
  return [
    {
      id: `format_mismatch:${v.token.id}`,
      kind: 'format_mismatch',
      severity: confirmed ? 'warning' : 'info',
      subject: tokenSubject(v),
      message: `The secret stored for ${describe(v)} (${v.token.secret?.masked ?? 'masked'}) does not have the usual shape: ${problem}`,
      action:
        'Check that the whole token was copied (no token id, no missing characters) and paste it again, or run a status check to confirm it works.',
    },
  ];
}

function rateLimitAbovePlan(v: TokenView): Finding[] | null {
  const rl = v.policy.rateLimit;
  const value = rl ? v.token.settings[rl.settingKey] : undefined;
  const plan = rl?.planKey ? v.store.identifiers[rl.planKey] : undefined;
  const cap = typeof plan === 'string' ? rl?.planCaps?.[plan] : undefined;
  if (!isLive(v.token) || typeof value !== 'number' || cap === undefined || value <= cap) return null;
  return [
    {
      id: `rate_limit_above_plan:${v.token.id}`,
      kind: 'rate_limit_above_plan',
      severity: 'warning',
      subject: tokenSubject(v),
      message: `${describe(v)} is set to ${value} requests/min, above the ${plan} plan's cap of ${cap}.${rl?.planNotes?.[plan as string] ? ` Note: ${rl.planNotes[plan as string]}` : ''}`,
      action: `Lower its rate limit to ${cap} or less at ${v.providerName} and here, or record the store's actual plan.`,
    },
  ];
}

function broadAccess(v: TokenView): Finding[] | null {
  const { token, policy } = v;
  if (!isLive(token) || isManaged(v)) return null;
  const out: Finding[] = [];
  const level = policy.accessLevelKey ? token.settings[policy.accessLevelKey] : undefined;
  const broad = policy.accessLevels?.find((l) => l.value === level && l.broad);
  if (broad) {
    out.push({
      id: `broad_access:${token.id}`,
      kind: 'broad_access',
      severity: 'warning',
      subject: tokenSubject(v),
      message: `${describe(v)} has ${broad.label}: it can do everything its owner can.`,
      action: `Create a key with only the permissions the integration needs at ${v.providerName}, switch the integration to it, then retire this one.`,
    });
  }
  const marked = policy.unneededScopesKey ? token.settings[policy.unneededScopesKey] : undefined;
  const unneeded = Array.isArray(marked) ? token.scopes.filter((s) => marked.includes(s)) : [];
  if (unneeded.length) {
    out.push({
      id: `broad_access:${token.id}:scopes`,
      kind: 'broad_access',
      severity: 'warning',
      subject: tokenSubject(v),
      message: `${describe(v)} holds ${unneeded.join(', ')}, which you marked as not needed.`,
      action: `Make a token without ${unneeded.length === 1 ? 'that scope' : 'those scopes'} at ${v.providerName}, switch the integration to it, then revoke this one.`,
    });
  }
  return out;
}

function openAllowlist(v: TokenView): Finding[] | null {
  const key = v.policy.ipAllowlistKey;
  if (!key || !isLive(v.token) || isManaged(v)) return null;
  const value = v.token.settings[key];
  const list = typeof value === 'string' || Array.isArray(value) ? value : undefined;
  const { entries } = parseIpAllowlist(list);
  const out: Finding[] = [];
  const open = entries.filter((e) => e.open);
  if (open.length) {
    // 0.0.0.0/0 and ::/0 look like a restriction but let every address of the family in.
    out.push({
      id: `open_allowlist:${v.token.id}`,
      kind: 'open_allowlist',
      severity: v.store.environment === 'production' ? 'warning' : 'info',
      subject: tokenSubject(v),
      message: `${describe(v)} has ${open.map((e) => e.network).join(' and ')} in its IP allowlist, which lets every ${open.length > 1 ? '' : `IPv${open[0]!.family} `}address in: the list restricts nothing${open.length === 1 && entries.length > 1 ? ' for that family' : ''}.`,
      action: `Replace ${open.length === 1 ? 'it' : 'them'} with the integration server's address or CIDR range at ${v.providerName}, and here.`,
    });
  } else if (!hasAllowlistEntry(list) && v.store.environment === 'production') {
    out.push({
      id: `open_allowlist:${v.token.id}`,
      kind: 'open_allowlist',
      severity: 'info',
      subject: tokenSubject(v),
      message: `${describe(v)} has no IP allowlist, so it works from any IP address, on a production store.`,
      action: `Add the integration server's address or CIDR range to the key's IP allowlist at ${v.providerName}, and here.`,
    });
  }
  const widened = entries.filter((e) => e.hostBits);
  if (widened.length)
    out.push({
      id: `format_mismatch:${v.token.id}:allowlist`,
      kind: 'format_mismatch',
      severity: 'info',
      subject: tokenSubject(v),
      message: `${describe(v)}'s IP allowlist has host bits set in ${widened.map((e) => `${e.address}/${e.prefix} (line ${e.line}), which is the range ${e.network}`).join('; ')}.`,
      action: `Write ${widened.length === 1 ? 'it' : 'them'} as ${widened.map((e) => e.network).join(', ')} at ${v.providerName} and here, so the list says what it allows.`,
    });
  return out;
}

function checkFailed(v: TokenView): Finding[] | null {
  const check = v.token.lastCheck;
  if (
    !check ||
    isRetired(v.token) ||
    (check.outcome !== 'invalid' && check.outcome !== 'unreachable' && check.outcome !== 'unknown')
  )
    return null;
  const invalid = check.outcome === 'invalid';
  return [
    {
      id: `check_failed:${v.token.id}`,
      kind: 'check_failed',
      severity: invalid ? 'critical' : 'info',
      subject: tokenSubject(v),
      dueAt: check.checkedAt,
      message: invalid
        ? `${v.providerName} did not accept ${describe(v)} at the last check (${check.checkedAt.slice(0, 10)}): ${check.detail}`
        : `The last check of ${describe(v)} could not reach a verdict (${check.outcome}): ${check.detail}`,
      action: invalid
        ? `Replace it: create a new token at ${v.providerName}, paste it into Keyward, and mark this one revoked.`
        : 'Check again later; a network problem says nothing about the token itself.',
    },
  ];
}

function testInProduction(v: TokenView): Finding[] | null {
  if (v.token.mode !== 'test' || !isLive(v.token) || v.store.environment !== 'production') return null;
  return [
    {
      id: `test_in_production:${v.token.id}`,
      kind: 'test_in_production',
      severity: 'warning',
      subject: tokenSubject(v),
      message: `${describe(v)} is a test token in a store marked production: nothing it does is real.`,
      action: 'Use a live token for this store, or mark the store as staging or development if it is not production.',
    },
  ];
}

function isManaged(v: TokenView): boolean {
  const key = v.policy.managedByKey;
  const by = key ? v.token.settings[key] : undefined;
  return typeof by === 'string' && by.trim() !== '';
}

/** A rotated token stays a reminder until a status check shows the provider no longer accepts it. */
function revokePending(v: TokenView): Finding[] | null {
  if (v.token.status !== 'rotated' || v.token.lastCheck?.outcome === 'invalid') return null;
  return [
    {
      id: `revoke_pending:${v.token.id}`,
      kind: 'revoke_pending',
      severity: 'warning',
      subject: tokenSubject(v),
      message: `${describe(v)} was rotated but ${v.token.lastCheck ? `its last check says "${v.token.lastCheck.outcome}"` : 'no check has confirmed it is dead'}.`,
      action: `Revoke or delete the old token at ${v.providerName}, then run "Check now" on it: the reminder ends when ${v.providerName} refuses it.`,
    },
  ];
}
