/**
 * Picking a font a PDF can embed for Chinese text: a TrueType font made in code passes for the characters it maps
 * and names the first one it lacks; CFF outlines ('OTTO', as Noto CJK) and non-fonts are refused with the reason;
 * a .ttc collection splits into standalone fonts that pass on their own; Debian's Noto CJK, where installed, is
 * found to be CFF.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sfntFonts, truetypeProblem } from '../../../../core/figure/truetype';
import { tinyCollection, tinyFont } from '../../../helpers/tiny-font';

const NOTO_TTC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

describe('truetype', () => {
  it('accepts a TrueType font for the characters it maps, and names the first it lacks', () => {
    const font = tinyFont('阈值脑区 ');
    expect(sfntFonts(font)).toEqual([font]);
    expect(truetypeProblem(font, '阈值 脑区')).toBeNull();
    expect(truetypeProblem(font, '阈值网络')).toBe("it has no glyph for '网' (U+7F51)");
  });

  it('refuses CFF outlines and files that are not fonts', () => {
    const cff = tinyFont('阈值', 'OTTO');
    expect(sfntFonts(cff)).toHaveLength(1);
    expect(truetypeProblem(cff, '阈值')).toMatch(/CFF \(PostScript\) outlines/);
    expect(sfntFonts(new TextEncoder().encode('not a font at all'))).toEqual([]);
    expect(sfntFonts(new Uint8Array(3))).toEqual([]);
    // A table directory that runs past the end of the file.
    const cut = tinyFont('阈').subarray(0, 40);
    expect(truetypeProblem(cut, '阈')).toBe('it is not a TrueType font');
  });

  it('splits a collection into standalone fonts that pass on their own', () => {
    const ttc = tinyCollection([tinyFont('阈值', 'OTTO'), tinyFont('左右侧'), tinyFont('脑区')]);
    const fonts = sfntFonts(ttc);
    expect(fonts).toHaveLength(3);
    expect(truetypeProblem(fonts[0], '阈')).toMatch(/CFF/);
    expect(truetypeProblem(fonts[1], '左右侧')).toBeNull();
    expect(truetypeProblem(fonts[2], '脑区')).toBeNull();
    expect(truetypeProblem(fonts[2], '左')).toMatch(/no glyph for '左'/);
    // Standalone: the same bytes as the font on its own.
    expect(fonts[1]).toEqual(tinyFont('左右侧'));
  });

  it.skipIf(!existsSync(NOTO_TTC))("finds Debian's Noto Sans CJK to be CFF, which jsPDF cannot embed", () => {
    const fonts = sfntFonts(new Uint8Array(readFileSync(NOTO_TTC)));
    expect(fonts.length).toBeGreaterThan(1);
    for (const f of fonts) expect(truetypeProblem(f, '中')).toMatch(/CFF/);
  });
});
