import { isIP } from 'node:net';

export interface AllowlistEntry {
  address: string;
  /** A bare address means the single host: /32 for IPv4, /128 for IPv6. */
  prefix: number;
  family: 4 | 6;
  line: number;
}

export interface AllowlistProblem {
  line: number;
  message: string;
}

/**
 * Parses an IP allowlist as Printago takes it: one IPv4/IPv6 address or CIDR range per line. Blank lines
 * are ignored; an empty list means any IP. Line numbers count every line the user typed, from 1.
 */
export function parseIpAllowlist(value: string | readonly string[] | undefined): {
  entries: AllowlistEntry[];
  problems: AllowlistProblem[];
} {
  const lines = value === undefined ? [] : typeof value === 'string' ? value.split(/\r?\n/) : value;
  const entries: AllowlistEntry[] = [];
  const problems: AllowlistProblem[] = [];
  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (text === '') return;
    const line = i + 1;
    const problem = entryProblem(text);
    if (typeof problem === 'string')
      problems.push({ line, message: `IP allowlist line ${line}: "${text.slice(0, 60)}" ${problem}` });
    else entries.push({ ...problem, line });
  });
  return { entries, problems };
}

/** Same as `parseIpAllowlist(value).entries.length > 0`, without building the lists: stops at the first valid line. */
export function hasAllowlistEntry(value: string | readonly string[] | undefined): boolean {
  if (value === undefined) return false;
  const lines = typeof value === 'string' ? value.split(/\r?\n/) : value;
  for (let i = 0; i < lines.length; i++) {
    if (!(i in lines)) continue; // forEach skips holes.
    const text = lines[i]!.trim();
    if (text !== '' && typeof entryProblem(text) !== 'string') return true;
  }
  return false;
}

function entryProblem(text: string): Omit<AllowlistEntry, 'line'> | string {
  const [address = '', prefixText, extra] = text.split('/');
  if (extra !== undefined) return 'has more than one "/"; write an address or address/prefix';
  // Zone ids (fe80::1%eth0) name a local interface; they mean nothing to a remote allowlist.
  if (address.includes('%')) return 'has an interface zone (%...); remove it';
  const family = isIP(address);
  if (family !== 4 && family !== 6) return 'is not an IPv4 or IPv6 address';
  const max = family === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max, family };
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > max)
    return `has an invalid prefix length; IPv${family} ranges use /0 to /${max}`;
  return { address, prefix: Number(prefixText), family };
}
