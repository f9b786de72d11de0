/**
 * The UI languages. A module of its own because both i18n.ts (which reads the store) and the store's ui-slice.ts
 * (which holds the chosen language) need it; declared in either, it would close an import cycle.
 */
export type Lang = 'en' | 'zh';
