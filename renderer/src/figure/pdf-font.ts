/**
 * The font a PDF figure embeds for Chinese text: asked of the app (api.getFigureFont, a TrueType font with
 * Chinese glyphs found on this computer) once per page; a problem (none found) is kept as its sentence so the
 * export can say it and fall back to English.
 */
import { api } from '../api';

/** Chinese, Japanese and Korean characters, and full-width forms: text the standard PDF fonts cannot show. */
export const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

/** The family name the font is registered under in the PDF. */
export const PDF_CJK_FAMILY = 'BrainAtlasCJK';

let asked: Promise<{ font: ArrayBuffer | null; problem: string | null }> | null = null;

export function pdfCjkFont(): Promise<{ font: ArrayBuffer | null; problem: string | null }> {
  asked ??= api.getFigureFont().then(
    (font) => ({ font, problem: null }),
    (e: unknown) => ({ font: null, problem: e instanceof Error ? e.message : String(e) }),
  );
  return asked;
}
