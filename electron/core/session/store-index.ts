import type { Token } from '../../contract';
import type { Frozen } from '../vault/plain-data';
import { positionOf } from './lookup';

/**
 * Token ids by store id for the vault the session holds, built on first use and dropped whenever a change adds
 * or removes a token or the vault is read anew: an edit then costs its store, not the vault's size.
 */
export class StoreIndex {
  private ids: Map<string, string[]> | null = null;

  forget(): void {
    this.ids = null;
  }

  /** The tokens of `storeId` in `tokens` (the vault the session holds, or a draft of it). */
  tokensOf(tokens: readonly Frozen<Token>[], storeId: string): Frozen<Token>[] {
    if (!this.ids) {
      const index = new Map<string, string[]>();
      for (const t of tokens) {
        const ids = index.get(t.storeId);
        if (ids) ids.push(t.id);
        else index.set(t.storeId, [t.id]);
      }
      this.ids = index;
    }
    const found: Frozen<Token>[] = [];
    for (const id of this.ids.get(storeId) ?? []) {
      const token = tokens[positionOf(tokens, id, 'token')];
      if (token?.storeId === storeId) found.push(token);
    }
    return found;
  }
}
