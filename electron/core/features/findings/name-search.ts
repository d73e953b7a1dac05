import type { Database } from '../../db/sqlite';

/**
 * The search texts in name order, read once per vault revision: a keystroke in the default view (name order,
 * no other filter) is matched here rather than by a scan of the table.
 */
export class NameOrderSearch {
  private loaded: { revision: number; ids: string[]; texts: string[] } | null = null;

  private rows(db: Database, revision: number) {
    if (this.loaded?.revision !== revision) {
      const ids: string[] = [];
      const texts: string[] = [];
      for (const r of db
        .prepare('SELECT token_id, search FROM inventory_rows ORDER BY name_rank')
        .iterate<{ token_id: string; search: string }>()) {
        ids.push(r.token_id);
        texts.push(r.search);
      }
      this.loaded = { revision, ids, texts };
    }
    return this.loaded;
  }

  /** Ids of the tokens whose search text holds every term, in name order; and how many tokens there are. */
  matches(db: Database, revision: number, terms: readonly string[]): { ids: string[]; all: number } {
    const { ids, texts } = this.rows(db, revision);
    const out: string[] = [];
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      if (terms.every((t) => text.includes(t))) out.push(ids[i]!);
    }
    return { ids: out, all: ids.length };
  }
}

export const searchTerms = (query: string): string[] => query.toLowerCase().split(/\s+/).filter(Boolean);
