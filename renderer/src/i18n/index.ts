/**
 * Turns a message key into user-facing text in the chosen language (English or Simplified Chinese): its plural form
 * chosen, its {var} slots filled. Components never hold literal text.
 */
import { useStore } from '../store';
import { en, type MessageKey } from './en';
import type { Lang } from './lang';
import { type Message, pluralForm } from './plural';
import { zh } from './zh';

export type { Lang } from './lang';

const messages: Record<Lang, Record<MessageKey, Message>> = { en, zh };

export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return pluralForm(lang, messages[lang][key], vars).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useStore((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}
