import { Client, StoreProfile, Token } from '../../contract';
import { samePlain } from './plain-data';
import { VaultData } from './vault-data';

type Section = 'clients' | 'stores' | 'tokens';
const SECTIONS: readonly Section[] = ['clients', 'stores', 'tokens'];
const ELEMENT_SCHEMA = { clients: Client, stores: StoreProfile, tokens: Token } as const;

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
 * "Seen" is by content, not by trust: an element is reused only when it is deep-equal (same keys in the same
 * order, same values) to the one that passed, so whatever changed in it is validated again.
 */
export class VaultEncoder {
  private known: Record<Section, Map<string, Known>> = { clients: new Map(), stores: new Map(), tokens: new Map() };

  /** Remembers the elements of a vault that VaultData has just parsed (a load): they pass as they are. */
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
    const raw = data as unknown as Record<string, unknown>;
    if (typeof raw !== 'object' || raw === null || !SECTIONS.every((s) => Array.isArray(raw[s]))) return fullEncode(data);
    // Everything but the three lists, validated by VaultData itself (the lists are checked element by element below).
    const shellInput: Record<string, unknown> = { ...raw, clients: [], stores: [], tokens: [] };
    const shell = VaultData.safeParse(shellInput);
    if (!shell.success) return fullEncode(data);
    const next: Record<Section, Map<string, Known>> = { clients: new Map(), stores: new Map(), tokens: new Map() };
    const chunks: Record<Section, Buffer[]> = { clients: [], stores: [], tokens: [] };
    for (const section of SECTIONS) {
      const known = this.known[section];
      const schema = ELEMENT_SCHEMA[section];
      const out = chunks[section];
      const seen = next[section];
      for (const element of raw[section] as unknown[]) {
        const id = typeof element === 'object' && element !== null ? (element as { id?: unknown }).id : undefined;
        const hit = typeof id === 'string' ? known.get(id) : undefined;
        if (hit && samePlain(element, hit.source)) {
          hit.chunk ??= elementChunk(hit.source);
          out.push(hit.chunk);
          seen.set(id as string, hit);
          continue;
        }
        const parsed = schema.safeParse(element);
        if (!parsed.success) return fullEncode(data); // Throws VaultData's own error, with the element's path.
        const entry: Known = { source: parsed.data, chunk: elementChunk(parsed.data) };
        out.push(entry.chunk!);
        seen.set(parsed.data.id, entry);
      }
    }
    this.known = next;

    const parts: Buffer[] = [OPEN];
    let first = true;
    for (const [key, value] of Object.entries(shell.data as Record<string, unknown>)) {
      let body: Buffer[];
      if ((SECTIONS as readonly string[]).includes(key)) {
        const list = chunks[key as Section];
        body = list.length === 0 ? [EMPTY_ARRAY] : [ARRAY_OPEN, ...joinWith(list, FIELD_SEP), ARRAY_CLOSE];
      } else {
        const text = indented(value, 1);
        if (text === undefined) continue; // JSON.stringify leaves such a key out.
        body = [Buffer.from(text, 'utf8')];
      }
      if (!first) parts.push(FIELD_SEP);
      first = false;
      parts.push(Buffer.from(` ${JSON.stringify(key)}: `, 'utf8'), ...body);
    }
    if (first) return Buffer.from('{}\n');
    parts.push(CLOSE);
    return Buffer.concat(parts);
  }
}

function joinWith(items: readonly Buffer[], sep: Buffer): Buffer[] {
  const out: Buffer[] = new Array<Buffer>(items.length * 2 - 1);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out[2 * i - 1] = sep;
    out[2 * i] = items[i]!;
  }
  return out;
}

/** The reference: what the repository always wrote. */
export function fullEncode(data: VaultData): Buffer {
  return Buffer.from(`${JSON.stringify(VaultData.parse(data), null, 1)}\n`, 'utf8');
}
