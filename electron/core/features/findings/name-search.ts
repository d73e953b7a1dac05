import type { Database } from '../../db/sqlite';

/**
 * The search texts in name order, read once per vault revision: a keystroke in the default view (name order,
 * no other filter) is matched here rather than by a scan of the table.
 */
const RECENT_ANSWERS = 24;

export class NameOrderSearch {
  private loaded: { revision: number; ids: string[]; texts: string[] } | null = null;
  /** The last answer (positions in name order): typing on narrows it instead of matching every text. */
  private last: { revision: number; terms: readonly string[]; at: number[] } | null = null;
  /** Answers kept per revision: typing and erasing a search revisits the same few. */
  private recent: { revision: number; answers: Map<string, string[]> } = { revision: -1, answers: new Map() };

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
    const key = terms.join(' ');
    const seen = this.recent.revision === revision ? this.recent.answers.get(key) : undefined;
    if (seen) return { ids: seen, all: ids.length };
    const last = this.last;
    const narrows =
      last?.revision === revision && last.terms.every((earlier) => terms.some((t) => t.includes(earlier)));
    const from = narrows ? last.at : null;
    const at: number[] = [];
    const n = from ? from.length : texts.length;
    for (let k = 0; k < n; k++) {
      const i = from ? from[k]! : k;
      const text = texts[i]!;
      let hit = true;
      for (const t of terms) {
        if (!text.includes(t)) {
          hit = false;
          break;
        }
      }
      if (hit) at.push(i);
    }
    this.last = { revision, terms: [...terms], at };
    const answer = at.map((i) => ids[i]!);
    if (this.recent.revision !== revision) this.recent = { revision, answers: new Map() };
    this.recent.answers.set(key, answer);
    if (this.recent.answers.size > RECENT_ANSWERS) this.recent.answers.delete(this.recent.answers.keys().next().value!);
    return { ids: answer, all: ids.length };
  }
}

export const searchTerms = (query: string): string[] => query.toLowerCase().split(/\s+/).filter(Boolean);
