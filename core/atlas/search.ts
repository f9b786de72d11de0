/**
 * Region search as you type, across every open atlas: names, abbreviations, aliases and Chinese names
 * ("precentral", "BA44", "Broca", "布罗卡区", "中央前回", "Default"). The index is built once per set of atlases;
 * a query is a linear scan over pre-normalised strings (a few thousand regions answer in well under 5 ms).
 */

export interface SearchableRegion {
  /** "atlasId:value" */
  key: string;
  atlasId: string;
  value: number;
  name: string;
  abbreviation?: string;
  network?: string | null;
  /** Other names in any language (aliases, Chinese names, Brodmann numbers…). */
  aliases?: string[];
}

export interface SearchHit {
  region: SearchableRegion;
  score: number;
  /** The name or alias that matched. */
  matched: string;
}

interface Entry {
  region: SearchableRegion;
  /** [text as shown, normalised text, words of the normalised text, weight] */
  terms: { shown: string; norm: string; words: string[]; weight: number }[];
}

/** Lower case, accents removed, separators (_ - . ,) as spaces, "BA 44" / "Brodmann area 44" → "ba44". */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bbrodmann[\s_]*(area)?[\s_]*(\d+)/g, 'ba$2')
    .replace(/\bba[\s_]+(\d+)/g, 'ba$1')
    .replace(/[_\-.,;:/()'"]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class RegionSearchIndex {
  private readonly entries: Entry[];

  constructor(regions: SearchableRegion[]) {
    this.entries = regions.map((region) => {
      const terms: Entry['terms'] = [];
      const add = (shown: string | null | undefined, weight: number) => {
        if (!shown) return;
        const norm = normalise(shown);
        if (norm) terms.push({ shown, norm, words: norm.split(' '), weight });
      };
      add(region.name, 1);
      add(region.abbreviation, 0.95);
      for (const a of region.aliases ?? []) add(a, 0.9);
      add(region.network, 0.6);
      return { region, terms };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Regions matching every word of the query, best first: whole-name match, then name prefix, then word
   * prefixes, then substrings (which is how Chinese text, without spaces, matches); shorter names first on ties.
   */
  search(query: string, limit = 200): SearchHit[] {
    const q = normalise(query);
    if (!q) return [];
    const qWords = q.split(' ');
    const hits: SearchHit[] = [];
    for (const entry of this.entries) {
      let best = 0;
      let matched = '';
      for (const term of entry.terms) {
        const s = scoreTerm(term, q, qWords) * term.weight;
        if (s > best) {
          best = s;
          matched = term.shown;
        }
      }
      if (best > 0) hits.push({ region: entry.region, score: best, matched });
    }
    // Plain comparisons (no localeCompare): a one-letter query can match thousands of regions.
    hits.sort(
      (a, b) =>
        b.score - a.score ||
        a.region.name.length - b.region.name.length ||
        (a.region.key < b.region.key ? -1 : a.region.key > b.region.key ? 1 : 0),
    );
    return hits.slice(0, limit);
  }
}

function scoreTerm(term: { norm: string; words: string[] }, q: string, qWords: string[]): number {
  if (term.norm === q) return 100;
  if (term.norm.startsWith(q)) return 80;
  // Every query word must start a word of the term (in any order), or occur inside it.
  let score = 60;
  for (const w of qWords) {
    if (term.words.some((t) => t === w)) continue;
    if (term.words.some((t) => t.startsWith(w))) {
      score -= 5;
      continue;
    }
    if (term.norm.includes(w)) {
      score -= 25;
      continue;
    }
    return 0;
  }
  return score;
}
