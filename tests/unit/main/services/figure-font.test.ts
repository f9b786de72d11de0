/**
 * The PDF figure font on this computer: BRAIN_ATLAS_CJK_FONT first, then the platform's usual places; the first
 * TrueType font (or a TrueType font inside a .ttc) with Chinese glyphs wins; when none will do, one sentence names
 * what was tried and why, and what to install.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import { CJK_PROBE, figureFontPlaces, findFigureFont } from '../../../../main/services/figure-font';
import { tinyCollection, tinyFont } from '../../../helpers/tiny-font';

describe('figure font', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bas-font-'));
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };

  it('looks where the platform keeps fonts, after BRAIN_ATLAS_CJK_FONT', () => {
    const linux = figureFontPlaces({ BRAIN_ATLAS_CJK_FONT: '/my/font.ttf' }, 'linux');
    expect(linux[0]).toBe('/my/font.ttf');
    expect(linux).toContain('/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf');
    expect(figureFontPlaces({}, 'win32')[0]).toBe('C:\\Windows\\Fonts\\simhei.ttf');
    expect(figureFontPlaces({ WINDIR: 'D:\\Win' }, 'win32')[0]).toBe('D:\\Win\\Fonts\\simhei.ttf');
    expect(figureFontPlaces({}, 'darwin')[0]).toBe('/Library/Fonts/Arial Unicode.ttf');
  });

  it('takes the first TrueType font with Chinese glyphs, from a .ttf or inside a .ttc', async () => {
    const good = tinyFont(CJK_PROBE);
    const latin = file('latin.ttf', tinyFont('abc'));
    const cff = file('cjk.otf', tinyFont(CJK_PROBE, 'OTTO'));
    const ttf = file('good.ttf', good);
    expect(await findFigureFont([join(dir, 'absent.ttf'), latin, cff, ttf])).toEqual(good);
    const ttc = file('set.ttc', tinyCollection([tinyFont(CJK_PROBE, 'OTTO'), good]));
    expect(await findFigureFont([latin, ttc])).toEqual(good);
  });

  it('says what was tried and what to install when no font will do', async () => {
    const latin = file('latin2.ttf', tinyFont('abc'));
    const cff = file('cjk2.otf', tinyFont(CJK_PROBE, 'OTTO'));
    const text = file('notes.txt', new TextEncoder().encode('hello'));
    const e = await findFigureFont([latin, cff, text, join(dir, 'absent.ttf')]).catch((x) => x);
    expect(e).toBeInstanceOf(AtlasError);
    expect(e.code).toBe('not-found');
    expect(e.message).toContain(`${latin} (it has no glyph for '阈' (U+9608))`);
    expect(e.message).toContain(`${cff} (it has CFF (PostScript) outlines, which jsPDF cannot embed)`);
    expect(e.message).toContain(`${text} (it is not a font file)`);
    expect(e.message).not.toContain('absent.ttf');
    expect(e.message).toMatch(/apt-get install fonts-droid-fallback\) or set BRAIN_ATLAS_CJK_FONT/);
  });
});
