/**
 * The font PDF figures embed for Chinese text (AppApi.getFigureFont): the first TrueType font with Chinese glyphs
 * found on this computer — BRAIN_ATLAS_CJK_FONT when set, else the usual places of Debian's fonts-droid-fallback,
 * fonts-wqy-microhei / -zenhei and fonts-arphic-uming, macOS's Arial Unicode and Windows' SimHei / Microsoft YaHei
 * (a font of a .ttc collection is taken out on its own). Noto CJK is CFF, which jsPDF cannot embed. Read once.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AtlasError } from '../../core/errors';
import { sfntFonts, truetypeProblem } from '../../core/figure/truetype';

/** Characters a figure's Chinese text needs at the least: the ones of its fixed words and common region names. */
export const CJK_PROBE = '阈值脑区网络左右侧中央前回额上';

const LINUX = [
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
  '/usr/share/fonts/truetype/arphic/ukai.ttc',
];
const PLACES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: LINUX,
  freebsd: LINUX.map((p) => p.replace('/usr/share', '/usr/local/share')),
  darwin: ['/Library/Fonts/Arial Unicode.ttf', '/System/Library/Fonts/Supplemental/Arial Unicode.ttf'],
  win32: ['simhei.ttf', 'msyh.ttc', 'simsun.ttc'],
};

/** Where to look, in order. */
export function figureFontPlaces(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const windows = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
  const places = (PLACES[platform] ?? []).map((p) => (platform === 'win32' ? path.win32.join(windows, 'Fonts', p) : p));
  return env.BRAIN_ATLAS_CJK_FONT ? [env.BRAIN_ATLAS_CJK_FONT, ...places] : places;
}

/** The first usable font's bytes (a standalone TrueType font), or AtlasError 'not-found' saying what to install. */
export async function findFigureFont(places: readonly string[]): Promise<Uint8Array> {
  const tried: string[] = [];
  for (const file of places) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch {
      continue;
    }
    const fonts = sfntFonts(bytes);
    const why = fonts.length === 0 ? 'it is not a font file' : truetypeProblem(fonts[0], CJK_PROBE);
    const usable = fonts.find((f) => truetypeProblem(f, CJK_PROBE) === null);
    if (usable) return usable;
    tried.push(`${file} (${why})`);
  }
  const seen = tried.length > 0 ? ` (tried ${tried.join('; ')})` : '';
  throw new AtlasError(
    'not-found',
    `no TrueType font with Chinese characters was found on this computer${seen}; install one (Debian/Ubuntu: apt-get install fonts-droid-fallback) or set BRAIN_ATLAS_CJK_FONT to a .ttf or .ttc file`,
  );
}

let found: Promise<ArrayBuffer> | null = null;

/** findFigureFont over this computer's places, once per process (a failure is looked for again next time). */
export function figureFont(env: NodeJS.ProcessEnv = process.env, platform = process.platform): Promise<ArrayBuffer> {
  found ??= findFigureFont(figureFontPlaces(env, platform)).then(
    (f) => f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength) as ArrayBuffer,
    (e) => {
      found = null;
      throw e;
    },
  );
  return found;
}
