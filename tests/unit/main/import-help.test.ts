import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchFixture, tempDir, valueOf } from '../../support/inventory-fixture';
import { readVaultVia } from '../../support/read-vault';
import { didYouMean, dateProblem } from '../../../electron/core/features/transfer/import-hints';

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

const LIVE_1 = `shippo_live_${'4d'.repeat(20)}`;
const LIVE_2 = `shippo_live_${'5e'.repeat(20)}`;
const LIVE_3 = `shippo_live_${'6f'.repeat(20)}`;

interface Preview {
  planId: string;
  preview: {
    counts: { ok: number; invalid: number };
    rows: { status: string; reasons: string[]; cells?: Record<string, string> }[];
  };
}

async function preview(csv: string): Promise<Preview> {
  const file = join(fx.dir, `import-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, csv);
  fx.dialogAnswers.open.push(file);
  return ok<Preview>('importPreview', { format: 'csv' });
}

describe('an import that helps the user fix the file', () => {
  it('says how to write a date, suggests the provider meant, keeps the cells of invalid rows with the secret masked', async () => {
    fx = await dispatchFixture();
    const { preview: p } = await preview(
      [
        'store,provider,token_name,expires,mode,secret,notes',
        `Acme,shippo,Warehouse,31/12/2027,,${LIVE_1},`,
        `Acme,printfy,Storefront,,,${LIVE_2},`,
        `Acme,shippo,Third,,lve,${LIVE_3},copy: ${LIVE_3}`,
        `Acme,shippo,Fourth,03/04/2027,,,`,
      ].join('\n'),
    );
    expect(p.counts).toMatchObject({ ok: 0, invalid: 4 });
    expect(p.rows[0]!.reasons).toContain(
      'expires: reads as day/month/year; write it as 2027-12-31 (dates are YYYY-MM-DD (for example 2027-12-31) or an ISO date-time).',
    );
    expect(p.rows[1]!.reasons.join(' ')).toMatch(/provider: unknown provider\. Did you mean "printify"\?/);
    expect(p.rows[2]!.reasons.join(' ')).toMatch(/mode: must be live or test\. Did you mean "live"\?/);
    expect(p.rows[3]!.reasons.join(' ')).toMatch(/could be 2027-04-03 or 2027-03-04; write it as YYYY-MM-DD/);

    expect(p.rows[0]!.cells).toMatchObject({
      store: 'Acme',
      provider: 'shippo',
      token_name: 'Warehouse',
      expires: '31/12/2027',
    });
    expect(p.rows[0]!.cells!.secret).toMatch(/^shippo_live_4d…4d4d$/);
    expect(p.rows[2]!.cells!.notes).toBe('(hidden: holds the secret)');
    const reply = JSON.stringify(p);
    for (const secret of [LIVE_1, LIVE_2, LIVE_3]) expect(reply).not.toContain(secret.slice(12, 20));
  });

  it('names the column a misspelt header means', async () => {
    fx = await dispatchFixture();
    const file = join(fx.dir, 'typo.csv');
    await writeFile(file, `store,provider,token name,expirs\nAcme,shippo,A,2027-01-01\n`);
    fx.dialogAnswers.open.push(file);
    const result = await fx.dispatch('importPreview', { format: 'csv' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const message = (result as { error: { message: string } }).error.message;
    expect(message).toMatch(/"token name" \(did you mean "token_name"\?\)/);
    expect(message).toMatch(/"expirs" \(did you mean "expires"\?\)/);
  });

  it('saves the rejected rows through the save dialog without any secret, and the file imports again once fixed', async () => {
    fx = await dispatchFixture();
    const planned = await preview(
      [
        'client,store,provider,token_name,expires,secret',
        `Acme,Acme shipping,shippo,Warehouse,2027-12-31,${LIVE_1}`,
        `Acme,Acme shipping,shippo,Storefront,31/12/2027,${LIVE_2}`,
      ].join('\r\n'),
    );
    expect(planned.preview.counts).toMatchObject({ ok: 1, invalid: 1 });
    const path = join(out.dir, 'rejected.csv');
    fx.dialogAnswers.save.push(path);
    expect(await ok('importRejectedRows', { planId: planned.planId })).toEqual({ saved: true, path, rows: 1 });
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(LIVE_2.slice(12, 20));
    const [header, row] = text.trim().split('\r\n');
    expect(header).toMatch(/^client,store,provider,environment,.*,secret,problems$/);
    expect(row).toMatch(/^Acme,Acme shipping,shippo,.*Storefront.*31\/12\/2027/);
    expect(row).toMatch(/secret: left empty, as Keyward never writes a secret to a file/);

    // The plan is still there to apply; the saved file, fixed, previews cleanly.
    await ok('importApply', { planId: planned.planId, allOrNothing: false });
    await writeFile(path, text.replace('31/12/2027', '2027-12-31'));
    fx.dialogAnswers.open.push(path);
    const again = await ok<Preview>('importPreview', { format: 'csv' });
    expect(again.preview.counts).toMatchObject({ ok: 1, invalid: 0 });
    expect((await readVaultVia(fx.dispatch)).tokens.map((t: { name: string }) => t.name)).toEqual(['Warehouse']);
  });

  it('a cancelled save writes nothing; an unknown plan is a clear error', async () => {
    fx = await dispatchFixture();
    const planned = await preview(`store,provider,token_name,expires\nAcme,shippo,A,1/13/2027\n`);
    expect(await ok('importRejectedRows', { planId: planned.planId })).toEqual({ saved: false, path: '', rows: 1 });
    expect(await fx.dispatch('importRejectedRows', { planId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('suggestions', () => {
  it('suggests only near misses', () => {
    expect(didYouMean('printfy', ['printify', 'shippo'])).toBe('printify');
    expect(didYouMean('SHIPO', ['printify', 'shippo'])).toBe('shippo');
    expect(didYouMean('stripe', ['printify', 'shippo', 'printago'])).toBeUndefined();
    expect(didYouMean('shippo', ['shippo'])).toBeUndefined();
  });
  it('reads slashed dates one way only when the numbers allow it', () => {
    expect(dateProblem('expires', '1/13/2027')).toMatch(/month\/day\/year; write it as 2027-01-13/);
    expect(dateProblem('expires', '13.1.2027')).toMatch(/day\/month\/year; write it as 2027-01-13/);
    expect(dateProblem('created', 'next tuesday')).toBe(
      'created: not a date; dates are YYYY-MM-DD (for example 2027-12-31) or an ISO date-time.',
    );
  });
});
