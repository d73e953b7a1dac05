import { describe, expect, it } from 'vitest';
import { UiSettings } from '../../../electron/contract';

const update = UiSettings.partial().strict();

describe('table layouts in the UI settings: bounded, and only what a layout is', () => {
  it('accepts widths and hidden columns by table', () => {
    const input = { tables: { inventory: { widths: { name: 220, fingerprint: 90 }, hidden: ['client'] } } };
    expect(update.parse(input)).toEqual(input);
  });

  it('refuses widths out of range, odd column ids, extra keys and too many tables', () => {
    const bad = [
      { tables: { inventory: { widths: { name: 5 }, hidden: [] } } },
      { tables: { inventory: { widths: { name: 100_000 }, hidden: [] } } },
      { tables: { inventory: { widths: { 'name;drop': 100 }, hidden: [] } } },
      { tables: { inventory: { widths: {}, hidden: [], secret: 'x' } } },
      { tables: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`t${i}`, { widths: {}, hidden: [] }])) },
    ];
    for (const input of bad) expect(update.safeParse(input).success, JSON.stringify(input).slice(0, 80)).toBe(false);
  });
});
