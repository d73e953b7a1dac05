import { Client, StoreProfile, Token } from '../../contract';
import { FAST_PATH_ENABLED, isCanonicalClient, isCanonicalStore, isCanonicalToken } from './fast-validate';
import { asciiJson, asciiJsonBytes } from './ascii-json';
import { samePlain } from './plain-data';
import { VaultData } from './vault-data';

type Section = 'clients' | 'stores' | 'tokens';
const SECTIONS: readonly Section[] = ['clients', 'stores', 'tokens'];
const ELEMENT_SCHEMA = { clients: Client, stores: StoreProfile, tokens: Token } as const;
const CANONICAL = { clients: isCanonicalClient, stores: isCanonicalStore, tokens: isCanonicalToken } as const;

/** One client, store or token known to pass its schema as it is, and its text in the vault file (once made). */
interface Known {
  source: unknown;
  chunk: Buffer | null;
}

const OPEN = Buffer.from('{');
const CLOSE = Buffer.from('}\n');
const COMMA = Buffer.from(',');
const ARRAY_CLOSE = Buffer.from(']');

const elementChunk = (element: unknown): Buffer => asciiJsonBytes(JSON.stringify(element));

/**
 * Validates and serialises a vault exactly as fullEncode does (same bytes: compact, all-ASCII JSON; the same
 * inputs refused, with VaultData's own error), but re-validates and re-serialises only
 * the clients, stores and tokens that differ from the ones it has already seen pass (from a load or an
 * earlier save). A token edit in a 10,000-token vault then validates one token, not 10,000.
 *
 * "Seen" is by content, not by trust: an element's text is reused only when the element is deep-equal (same
 * keys in the same order, same values) to one that this encoder validated and serialised, so whatever changed
 * in it is validated again. Elements remembered from a load are validated on their first save.
 */
export class VaultEncoder {
  private known: Record<Section, Map<string, Known>> = { clients: new Map(), stores: new Map(), tokens: new Map() };

  /** Remembers the elements of a vault just loaded; each is validated on its first save (it may be edited in memory until then). */
  rememberParsed(data: VaultData): void {
    for (const section of SECTIONS) {
      const map = new Map<string, Known>();
      for (const element of data[section]) map.set(element.id, { source: element, chunk: null });
      this.known[section] = map;
    }
  }

  forget(): void {
    this.known = { clients: new Map(), stores: new Map(), tokens: new Map() };
  }

  /** The vault file's bytes for `data`; throws VaultData's ZodError when `data` breaks the schema. */
  encode(data: VaultData): Buffer {
    return Buffer.concat(this.encodeParts(data).parts);
  }

  /** The same bytes as consecutive parts (unchanged elements' text is reused, not copied into one buffer). */
  encodeParts(data: VaultData): EncodedVault {
    const raw = data as unknown as Record<string, unknown>;
    if (typeof raw !== 'object' || raw === null || !SECTIONS.every((s) => Array.isArray(raw[s]))) return whole(fullEncode(data));
    // Everything but the three lists, validated by VaultData itself (the lists are checked element by element below).
    const shellInput: Record<string, unknown> = { ...raw, clients: [], stores: [], tokens: [] };
    const shell = VaultData.safeParse(shellInput);
    if (!shell.success) return whole(fullEncode(data));
    const chunks: Record<Section, Buffer[]> = { clients: [], stores: [], tokens: [] };
    for (const section of SECTIONS) {
      const known = this.known[section];
      const schema = ELEMENT_SCHEMA[section];
      const out = chunks[section];
      const items = raw[section] as unknown[];
      for (const element of items) {
        const id = typeof element === 'object' && element !== null ? (element as { id?: unknown }).id : undefined;
        const hit = typeof id === 'string' ? known.get(id) : undefined;
        // Reused only once it has been validated here: an element remembered from a load is checked on its first save.
        if (hit?.chunk && samePlain(element, hit.source)) {
          out.push(hit.chunk);
          continue;
        }
        let valid: { id: string } | undefined;
        if (FAST_PATH_ENABLED && CANONICAL[section](element)) valid = element as { id: string }; // Exactly what the schema would return.
        else {
          const parsed = schema.safeParse(element);
          if (!parsed.success) return whole(fullEncode(data)); // Throws VaultData's own error, with the element's path.
          valid = parsed.data;
        }
        const entry: Known = { source: valid, chunk: elementChunk(valid) };
        out.push(entry.chunk!);
        known.set(valid.id, entry);
      }
      // Deleted elements' entries are kept (a valid fact, still); the map is rebuilt if they pile up.
      if (known.size > 2 * items.length + 1000) {
        const keep = new Set(items.map((e) => (e as { id?: unknown }).id));
        for (const key of known.keys()) if (!keep.has(key)) known.delete(key);
      }
    }

    const parts: Buffer[] = [OPEN];
    for (const [key, value] of Object.entries(shell.data as Record<string, unknown>)) {
      const list = (SECTIONS as readonly string[]).includes(key) ? chunks[key as Section] : null;
      const text = list ? '[' : (JSON.stringify(value) as string | undefined); // A list's elements follow as their own chunks.
      if (text === undefined) continue; // JSON.stringify leaves such a key out.
      if (parts.length > 1) parts.push(COMMA);
      parts.push(asciiJsonBytes(`${JSON.stringify(key)}:${text}`));
      if (list) pushList(parts, list);
    }
    parts.push(CLOSE);
    return { parts, byteLength: parts.reduce((n, p) => n + p.length, 0) };
  }
}

/** The elements' chunks comma-separated, and the list's closing bracket. */
function pushList(parts: Buffer[], list: readonly Buffer[]): void {
  for (let i = 0; i < list.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(list[i]!);
  }
  parts.push(ARRAY_CLOSE);
}

/** A vault file's bytes as consecutive parts. */
export interface EncodedVault {
  parts: readonly Buffer[];
  byteLength: number;
}
const whole = (buf: Buffer): EncodedVault => ({ parts: [buf], byteLength: buf.length });

/** Whether `bytes` are exactly the encoded vault's bytes. */
export function sameBytes(bytes: Buffer, encoded: EncodedVault): boolean {
  if (bytes.length !== encoded.byteLength) return false;
  let offset = 0;
  for (const part of encoded.parts) {
    if (!bytes.subarray(offset, offset + part.length).equals(part)) return false;
    offset += part.length;
  }
  return true;
}

/** The reference: the vault file's bytes, compact JSON with every non-ASCII character escaped, and a newline. */
export function fullEncode(data: VaultData): Buffer {
  return Buffer.from(`${asciiJson(JSON.stringify(VaultData.parse(data)))}\n`, 'latin1');
}
