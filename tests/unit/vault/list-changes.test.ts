import { describe, expect, it } from 'vitest';
import { listChanges } from '../../../electron/core/vault/list-changes';

const item = (id: string) => ({ id, name: id });

describe('listChanges: what the repository writes after a change', () => {
  it('names changed and new elements and removed ids when the order is kept', () => {
    const [a, b, c] = [item('a'), item('b'), item('c')];
    const edited = { ...b, name: 'B' };
    expect(listChanges([a, b, c], [a, edited, c], (x) => x)).toEqual({ put: [edited], removed: [] });
    expect(listChanges([a, b, c], [a, c, item('d')], (x) => x)).toEqual({ put: [item('d')], removed: ['b'] });
  });

  it('answers null when an element moved, as only a rewrite keeps that order', () => {
    const [a, b, c] = [item('a'), item('b'), item('c')];
    expect(listChanges([a, b, c], [b, a, c], (x) => x)).toBeNull();
    expect(listChanges([a, b], [item('d'), a, b], (x) => x)).toBeNull();
  });
});
