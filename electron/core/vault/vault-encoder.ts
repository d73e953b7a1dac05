import { Client, StoreProfile, Token } from '../../contract';
import { FAST_PATH_ENABLED, isCanonicalClient, isCanonicalStore, isCanonicalToken } from './fast-validate';
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

const OPEN = Buffer.from('{\n');
const CLOSE = Buffer.from('\n}\n');
const FIELD_SEP = Buffer.from(',\n');
const ARRAY_OPEN = Buffer.from('[\n');
const ARRAY_CLOSE = Buffer.from('\n ]');
const EMPTY_ARRAY = Buffer.from('[]');

/** `JSON.stringify(value, null, 1)` as it reads nested `depth` levels deep in a document written with indent 1. */
function indented(value: unknown, depth: number): string | undefined {
  const text = JSON.stringify(value, null, 1) as string | undefined;
  if (text === undefined) return undefined;
  return text.includes('\n') ? text.replaceAll('\n', `\n${' '.repeat(depth)}`) : text;
}

const elementChunk = (element: unknown): Buffer => Buffer.from(`  ${indented(element, 2)!}`, 'utf8');

/**
 * Validates and serialises a vault exactly as `${JSON.stringify(VaultData.parse(data), null, 1)}\n` does
 * (same bytes; the same inputs refused, with VaultData's own error), but re-validates and re-serialises only
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
    let first = true;
    for (const [key, value] of Object.entries(shell.data as Record<string, unknown>)) {
      if ((SECTIONS as readonly string[]).includes(key)) {
        const list = chunks[key as Section];
        if (!first) parts.push(FIELD_SEP);
        first = false;
        parts.push(Buffer.from(` ${JSON.stringify(key)}: `, 'utf8'));
        if (list.length === 0) parts.push(EMPTY_ARRAY);
        else {
          parts.push(ARRAY_OPEN);
          for (let i = 0; i < list.length; i++) {
            if (i > 0) parts.push(FIELD_SEP);
            parts.push(list[i]!);
          }
          parts.push(ARRAY_CLOSE);
        }
        continue;
      }
      const text = indented(value, 1);
      if (text === undefined) continue; // JSON.stringify leaves such a key out.
      if (!first) parts.push(FIELD_SEP);
      first = false;
      parts.push(Buffer.from(` ${JSON.stringify(key)}: ${text}`, 'utf8'));
    }
    if (first) return whole(Buffer.from('{}\n'));
    parts.push(CLOSE);
    return { parts, byteLength: parts.reduce((n, p) => n + p.length, 0) };
  }
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

/** The reference: what the repository always wrote. */
export function fullEncode(data: VaultData): Buffer {
  return Buffer.from(`${JSON.stringify(VaultData.parse(data), null, 1)}\n`, 'utf8');
}
