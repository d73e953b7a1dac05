import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchFixture, tempDir, valueOf } from '../../support/inventory-fixture';

let fx: Awaited<ReturnType<typeof dispatchFixture>>;
let out: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  out = await tempDir('keyward-saves-');
});
afterEach(async () => {
  await fx?.cleanup();
  await out.cleanup();
});
const ok = <T>(channel: string, input: unknown): Promise<T> => valueOf<T>(fx.dispatch, channel, input);
const LIVE = `shippo_live_${'4d'.repeat(20)}`;

/** The text a PDF shows: each content stream inflated, its hex strings decoded and joined. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      continue; // not a deflated stream (fonts, images)
    }
    for (const hex of content.matchAll(/<([0-9a-fA-F]+)>/g)) texts.push(Buffer.from(hex[1]!, 'hex').toString('latin1'));
  }
  return texts.join('');
}

describe('the client report as PDF', () => {
  it('is saved where the save dialog says, names the stores and tokens with masked fingerprints, and holds no secret', async () => {
    fx = await dispatchFixture();
    const client = await ok<{ id: string }>('createClient', { name: 'Acme' });
    const store = await ok<{ id: string }>('createStore', {
      provider: 'shippo',
      label: 'Acme shipping',
      clientId: client.id,
    });
    await ok('createToken', { storeId: store.id, name: 'Warehouse', secret: LIVE });
    const path = join(out.dir, 'acme.pdf');
    fx.dialogAnswers.save.push(path);
    expect(await ok('clientReport', { clientId: client.id, format: 'pdf' })).toEqual({ saved: true, path });
    const pdf = await readFile(path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const words of ['Acme', 'Acme shipping', 'Warehouse', 'shippo_live_4d', '4d4d', 'Needs attention'])
      expect(text).toContain(words);
    expect(text).not.toContain(LIVE.slice(12, 24));
    expect(pdf.toString('latin1')).not.toContain(LIVE.slice(12, 24));
  });
});
