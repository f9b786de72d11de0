/** The shape of a message (plain text or plural forms) and choosing the form a count needs, by Intl.PluralRules. */
import type { Lang } from './lang';

/**
 * A message's forms by the plural category (Intl.PluralRules) of a count: `other` is required, the rest as the
 * language needs (English: `one`). The count is the variable `count` names, `n` by default; a form may itself be
 * plural in a second count.
 */
export interface Plural {
  readonly count?: string;
  readonly zero?: Message;
  readonly one?: Message;
  readonly two?: Message;
  readonly few?: Message;
  readonly many?: Message;
  readonly other: Message;
}

/** A message: text with {var} slots, or plural forms of it. */
export type Message = string | Plural;

const rules = new Map<Lang, Intl.PluralRules>();

function pluralRules(lang: Lang): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang);
    rules.set(lang, r);
  }
  return r;
}

/** The text of `message` for the counts in `vars`; a count that is missing or not a number takes `other`. */
export function pluralForm(lang: Lang, message: Message, vars: Readonly<Record<string, string | number>>): string {
  let m = message;
  while (typeof m !== 'string') m = m[pluralRules(lang).select(Number(vars[m.count ?? 'n']))] ?? m.other;
  return m;
}
