import type { Hemisphere } from '../../../core/io/labels/types';
import type { MessageKey } from '../i18n/en';

export function hemisphereText(t: (k: MessageKey) => string, h: Hemisphere | null): string {
  return h ? t(h) : '—';
}

export const fmt1 = (v: number) => v.toFixed(1);
