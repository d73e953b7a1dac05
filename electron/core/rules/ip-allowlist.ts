import { isIP } from 'node:net';

export interface AllowlistEntry {
  address: string;
  /** A bare address means the single host: /32 for IPv4, /128 for IPv6. */
  prefix: number;
  family: 4 | 6;
  line: number;
  /** The range as the network reads it: host bits cleared (10.0.0.5/24 is 10.0.0.0/24). */
  network: string;
  /** True when the written address had host bits set, so `network` differs from what was typed. */
  hostBits: boolean;
  /** /0: every address of the family (0.0.0.0/0, ::/0), the same as no allowlist for it. */
  open: boolean;
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

/**
 * True when the list lets only some addresses in: at least one valid line and none of them /0. An empty list,
 * 0.0.0.0/0 or ::/0 lets any address of that family in.
 */
export function hasAllowlistEntry(value: string | readonly string[] | undefined): boolean {
  if (value === undefined) return false;
  const lines = typeof value === 'string' ? value.split(/\r?\n/) : value;
  let any = false;
  for (let i = 0; i < lines.length; i++) {
    if (!(i in lines)) continue; // forEach skips holes.
    const text = lines[i]!.trim();
    if (text === '') continue;
    const entry = entryProblem(text);
    if (typeof entry === 'string') continue;
    if (entry.open) return false;
    any = true;
  }
  return any;
}

function entryProblem(text: string): Omit<AllowlistEntry, 'line'> | string {
  const [address = '', prefixText, extra] = text.split('/');
  if (extra !== undefined) return 'has more than one "/"; write an address or address/prefix';
  // Zone ids (fe80::1%eth0) name a local interface; they mean nothing to a remote allowlist.
  if (address.includes('%')) return 'has an interface zone (%...); remove it';
  const family = isIP(address);
  if (family !== 4 && family !== 6) return 'is not an IPv4 or IPv6 address';
  const max = family === 4 ? 32 : 128;
  if (prefixText === undefined) return withNetwork(address, max, family);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > max)
    return `has an invalid prefix length; IPv${family} ranges use /0 to /${max}`;
  return withNetwork(address, Number(prefixText), family);
}

function withNetwork(address: string, prefix: number, family: 4 | 6): Omit<AllowlistEntry, 'line'> {
  const bits = family === 4 ? 32 : 128;
  const value = family === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  const net = value & mask;
  const text = family === 4 ? bigIntToIpv4(net) : bigIntToIpv6(net);
  return {
    address,
    prefix,
    family,
    network: prefix === bits ? address : `${text}/${prefix}`,
    hostBits: net !== value,
    open: prefix === 0,
  };
}

const ipv4ToBigInt = (a: string): bigint => a.split('.').reduce((n, part) => (n << 8n) + BigInt(Number(part)), 0n);
const bigIntToIpv4 = (n: bigint): string => [24n, 16n, 8n, 0n].map((shift) => String((n >> shift) & 255n)).join('.');

function ipv6ToBigInt(a: string): bigint {
  let text = a;
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4) {
    const n = ipv4ToBigInt(v4);
    text = `${text.slice(0, -v4.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
}

function bigIntToIpv6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((n >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  // The longest run of zero groups (two or more) is written as ::.
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}
