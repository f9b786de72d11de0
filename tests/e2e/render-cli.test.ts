/**
 * `brain-atlas scene new` and `brain-atlas render` as a user runs them (the built CLI, a separate process, real
 * atlases, Debian's Chromium found on PATH): a left-lateral AAL3 scene with a thresholded z-map renders to a
 * 3000 × 2000 PNG with a 300 DPI pHYs chunk and a drawn brain, the same bytes twice; --transparent leaves the
 * corners transparent; SVG keeps the threshold and the colour bar's ticks as <text>, PDF as extractable text; the
 * "slices" layout cuts through the scene's cursor (the map shows in the slice near its peak only) and a lightbox
 * spreads its labelled slices over the brain; region labels sit off the brain with leaders from points on it; a
 * Chinese PDF holds its labels, legend and threshold as extractable Chinese text (a TrueType CJK font embedded); a
 * scene whose map is gone writes nothing and says why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPngInfo } from '../../core/figure/png-dpi';
import { figureFontPlaces } from '../../main/services/figure-font';
import { blobZMap } from '../helpers/blob-map';
import { CHROMIUM, browserReady } from '../helpers/browser';
import { fromBackground } from '../helpers/pixels';
import { decodePng } from '../helpers/png';
import { SHARED } from '../helpers/shared-atlases';

const CLI = join(__dirname, '../../dist/node/cli.js');
const ready = browserReady('render') && existsSync(CLI);
const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));
/** A TrueType font with Chinese glyphs for PDFs (CI installs fonts-droid-fallback), where this machine has one. */
const CJK_FONT = figureFontPlaces(process.env, process.platform).find((p) => existsSync(p));

describe.skipIf(!ready || !SHARED)('brain-atlas render', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bas-render-'));
  const env = {
    ...process.env,
    BRAIN_ATLAS_PATH: SHARED as string,
    BRAIN_ATLAS_CACHE: join(dir, 'cache'),
    BRAIN_ATLAS_CONFIG: join(dir, 'config'),
    BRAIN_ATLAS_NO_INSTALLED: '1',
    BRAIN_ATLAS_CHROMIUM: CHROMIUM,
  };
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
  const scene = join(dir, 's.brainscene.json');
  const render = (out: string, ...more: string[]) => {
    const r = run('render', scene, '--out', join(dir, out), ...more);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return readFileSync(join(dir, out));
  };

  it('writes a scene and renders it to a 3000 × 2000 PNG at 300 DPI, the same bytes twice', () => {
    writeFileSync(join(dir, 'zmap.nii.gz'), blobZMap([{ peak: 6, at: [-38, -22, 56], sigma: 6 }]));
    const made = run(
      'scene',
      'new',
      '--atlas',
      'aal3',
      '--res',
      '2',
      '--map',
      'zmap.nii.gz',
      '--threshold',
      '3.1',
      '--view',
      'left-lateral',
      '--out',
      's.brainscene.json',
    );
    expect(made.status).toBe(0);
    const png = render('f.png', '--width', '3000', '--height', '2000', '--dpi', '300');
    expect(readPngInfo(png)).toEqual({ width: 3000, height: 2000, dpi: 300 });
    const img = decodePng(png);
    // A drawn brain: a good share of the pixels far from the background colour.
    let brain = 0;
    for (let i = 0; i < img.data.length; i += 4) if (fromBackground(img, i) > 60) brain++;
    expect(brain / (img.width * img.height)).toBeGreaterThan(0.15);
    expect(render('g.png', '--width', '3000', '--height', '2000', '--dpi', '300').equals(png)).toBe(true);
  }, 600_000);

  it('leaves the corners transparent with --transparent', () => {
    const img = decodePng(render('t.png', '--width', '800', '--height', '600', '--transparent'));
    for (const [x, y] of [
      [0, 0],
      [799, 0],
      [0, 599],
      [799, 599],
    ])
      expect(img.data[(y * img.width + x) * 4 + 3]).toBe(0);
  }, 300_000);

  it('keeps the threshold and the tick labels as text in SVG and PDF', () => {
    const svg = render('f.svg', '--width', '1200', '--height', '800').toString('utf8');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain('threshold 3.1');
    expect(texts).toEqual(expect.arrayContaining(['4', '5', '6']));
    if (!PDFTOTEXT) return;
    render('f.pdf', '--width', '1200', '--height', '800');
    const text = execFileSync(PDFTOTEXT, [join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('threshold 3.1');
    expect(text.split(/\s+/)).toEqual(expect.arrayContaining(['4', '5', '6']));
  }, 300_000);

  /** The brain renders embedded in an SVG figure, in panel order, decoded. */
  const svgImages = (svg: string) =>
    [...svg.matchAll(/<image [^>]*href="data:image\/png;base64,([^"]+)"/g)].map((m) =>
      decodePng(Buffer.from(m[1], 'base64')),
    );
  /** Pixels in the map's hot colours (red to yellow: strong red, little blue), as the slice views draw z > 3.1. */
  const hot = (img: ReturnType<typeof decodePng>) => {
    let n = 0;
    for (let i = 0; i < img.data.length; i += 4) if (img.data[i] > 200 && img.data[i + 2] < 60) n++;
    return n;
  };

  it('renders the 3D view with the three slices through the cursor, the map only where a slice cuts it', () => {
    const sliceScene = join(dir, 'slices.brainscene.json');
    const args = ['--atlas', 'aal3', '--res', '2', '--map', 'zmap.nii.gz', '--layout', 'slices', '--format', 'svg'];
    expect(run('scene', 'new', ...args, '--out', sliceScene).status).toBe(0);
    // The slices cut through the cursor: put it 4 mm in front of the blob's peak (-38, -22, 56).
    const saved = JSON.parse(readFileSync(sliceScene, 'utf8'));
    saved.view.cursor = [0, -18, 8];
    writeFileSync(sliceScene, JSON.stringify(saved));
    const r = run('render', sliceScene, '--out', join(dir, 'slices.svg'), '--width', '1600', '--height', '1000');
    expect(r.stderr).toBe('');
    const svg = readFileSync(join(dir, 'slices.svg'), 'utf8');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['Axial · z = 8', 'Coronal · y = -18', 'Sagittal · x = 0']));
    expect(texts).toEqual(expect.arrayContaining(['L', 'R', 'A', 'P', 'S', 'I', 'threshold 3.1']));
    const [, axial, coronal, sagittal] = svgImages(svg);
    // y = -18 passes 4 mm from the peak (z there is 6·e^(-16/72) ≈ 4.8 > 3.1); z = 8 and x = 0 are far from it.
    expect(hot(coronal)).toBeGreaterThan(50);
    expect(hot(axial)).toBe(0);
    expect(hot(sagittal)).toBe(0);
  }, 300_000);

  it('renders a lightbox of coronal slices with their mm labels, evenly spread over the brain', () => {
    const boxScene = join(dir, 'lightbox.brainscene.json');
    const args = ['--atlas', 'aal3', '--res', '2', '--layout', 'lightbox', '--slices', '6'];
    expect(run('scene', 'new', ...args, '--slice-orientation', 'coronal', '--out', boxScene).status).toBe(0);
    const r = run('render', boxScene, '--out', join(dir, 'lightbox.svg'), '--width', '1500', '--height', '1000');
    expect(r.stderr).toBe('');
    const svg = readFileSync(join(dir, 'lightbox.svg'), 'utf8');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const ys = texts.filter((t) => /^y = -?\d+$/.test(t)).map((t) => Number(t.slice(4)));
    expect(ys).toHaveLength(6);
    // AAL3 spans y -105..+73 mm: six slices inside it, ascending, about 30 mm apart.
    for (let i = 1; i < 6; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThan(20);
    expect(ys[0]).toBeGreaterThan(-105);
    expect(ys[5]).toBeLessThan(73);
    const images = svgImages(svg);
    expect(images).toHaveLength(6);
    // Each slice shows atlas colours over the template: many coloured (not grey, not black) pixels.
    for (const img of images) {
      let coloured = 0;
      for (let i = 0; i < img.data.length; i += 4) {
        const [r0, g0, b0] = [img.data[i], img.data[i + 1], img.data[i + 2]];
        if (Math.max(r0, g0, b0) - Math.min(r0, g0, b0) > 40) coloured++;
      }
      expect(coloured / (img.width * img.height)).toBeGreaterThan(0.02);
    }
  }, 300_000);

  it('labels the regions asked for outside the brain, with leader lines from points on them', () => {
    const labelScene = join(dir, 'labels.brainscene.json');
    const args = ['--atlas', 'aal3', '--res', '2', '--view', 'left-lateral', '--format', 'svg'];
    expect(run('scene', 'new', ...args, '--out', labelScene).status).toBe(0);
    const saved = JSON.parse(readFileSync(labelScene, 'utf8'));
    // Precentral_L, Frontal_Mid_2_L and Angular_L: all seen from the left.
    const keys = ['aal3:1', 'aal3:5', 'aal3:69'];
    saved.view.isolated = keys;
    saved.figure.labels = keys;
    writeFileSync(labelScene, JSON.stringify(saved));
    const r = run('render', labelScene, '--out', join(dir, 'labels.svg'), '--width', '1600', '--height', '1000');
    expect(r.stderr).toBe('');
    const svg = readFileSync(join(dir, 'labels.svg'), 'utf8');
    const groups = [...svg.matchAll(/<g class="region-label">(.*?)<\/g>/g)].map((m) => m[1]);
    expect(groups.map((g) => /<text[^>]*>([^<]*)<\/text>/.exec(g)?.[1]).sort()).toEqual([
      'Angular_L',
      'Frontal_Mid_2_L',
      'Precentral_L',
    ]);
    const [img] = svgImages(svg);
    const at = /<image x="([\d.]+)" y="([\d.]+)"/.exec(svg) as RegExpExecArray;
    const [ix, iy] = [Number(at[1]), Number(at[2])];
    const isBackground = (x: number, y: number) => {
      return fromBackground(img, (Math.round(y - iy) * img.width + Math.round(x - ix)) * 4) < 24;
    };
    for (const g of groups) {
      const dot = /<circle cx="([\d.]+)" cy="([\d.]+)"/.exec(g) as RegExpExecArray;
      const text = /<text x="([\d.]+)" y="([\d.]+)" font-size="([\d.]+)"/.exec(g) as RegExpExecArray;
      // The leader starts on the brain and the label sits off it.
      expect(isBackground(Number(dot[1]), Number(dot[2]))).toBe(false);
      expect(isBackground(Number(text[1]), Number(text[2]) - 0.35 * Number(text[3]))).toBe(true);
    }
  }, 300_000);

  it("hides the other hemisphere's regions in each medial panel", () => {
    const fourScene = join(dir, 'four.brainscene.json');
    const args = ['--atlas', 'aal3', '--res', '2', '--layout', 'four', '--format', 'svg'];
    expect(run('scene', 'new', ...args, '--out', fourScene).status).toBe(0);
    const saved = JSON.parse(readFileSync(fourScene, 'utf8'));
    saved.view.isolated = ['aal3:1']; // Precentral_L, AAL3's green
    writeFileSync(fourScene, JSON.stringify(saved));
    const r = run('render', fourScene, '--out', join(dir, 'four.svg'), '--width', '1200', '--height', '800');
    expect(r.stderr).toBe('');
    const green = (img: ReturnType<typeof decodePng>) => {
      let n = 0;
      for (let i = 0; i < img.data.length; i += 4)
        if (img.data[i + 1] > 150 && img.data[i + 1] - img.data[i] > 60 && img.data[i + 1] - img.data[i + 2] > 30) n++;
      return n;
    };
    const [leftLateral, rightLateral, leftMedial, rightMedial] = svgImages(readFileSync(join(dir, 'four.svg'), 'utf8'));
    expect(green(leftLateral)).toBeGreaterThan(1000);
    expect(green(rightLateral)).toBeGreaterThan(300); // seen through the glass brain
    expect(green(leftMedial)).toBeGreaterThan(1000);
    // The right medial view hides the left hemisphere: its region is gone (it used to show from the panel before).
    expect(green(rightMedial)).toBe(0);
  }, 300_000);

  it.skipIf(!PDFTOTEXT || !CJK_FONT)(
    'writes Chinese labels, legend and threshold as real text in a PDF',
    () => {
      const zhScene = join(dir, 'zh.brainscene.json');
      const map = join(dir, 'zmap.nii.gz');
      if (!existsSync(map)) writeFileSync(map, blobZMap([{ peak: 6, at: [-38, -22, 56], sigma: 6 }]));
      const args = ['--atlas', 'aal3', '--res', '2', '--map', 'zmap.nii.gz', '--view', 'left-lateral', '--lang', 'zh'];
      expect(run('scene', 'new', ...args, '--format', 'pdf', '--out', zhScene).status).toBe(0);
      const saved = JSON.parse(readFileSync(zhScene, 'utf8'));
      saved.view.isolated = ['aal3:1', 'aal3:69'];
      saved.figure.labels = ['aal3:1', 'aal3:69'];
      writeFileSync(zhScene, JSON.stringify(saved));
      const r = run('render', zhScene, '--out', join(dir, 'zh.pdf'), '--width', '1600', '--height', '1000');
      expect(r.stderr).toBe('');
      // (stderr: poppler without poppler-data notes the Identity-H collection; the text comes from ToUnicode.)
      const quiet = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[] };
      const text = execFileSync(PDFTOTEXT as string, [join(dir, 'zh.pdf'), '-'], quiet);
      // The threshold word and the legend title, Chinese and digits together, and the regions' Chinese names
      // (left hemisphere: 左侧) in the labels and the legend.
      expect(text).toContain('阈值 3.1');
      expect(text).toContain('脑区');
      expect(text.match(/左侧中央前回/g)?.length).toBeGreaterThanOrEqual(2);
      expect(text.match(/左侧角回/g)?.length).toBeGreaterThanOrEqual(2);
      const fonts = execFileSync((PDFTOTEXT as string).replace('pdftotext', 'pdffonts'), [join(dir, 'zh.pdf')], quiet);
      expect(fonts).toMatch(/BrainAtlasCJK\s+CID TrueType\s+Identity-H\s+yes/);
      // Only the glyphs used are embedded, not the whole font.
      expect(readFileSync(join(dir, 'zh.pdf')).length).toBeLessThan(2_000_000);
    },
    300_000,
  );

  it('writes nothing when the scene cannot be shown, and says why', () => {
    rmSync(join(dir, 'zmap.nii.gz'));
    const r = run('render', scene, '--out', join(dir, 'missing.png'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/map zmap\.nii\.gz is missing/);
    expect(existsSync(join(dir, 'missing.png'))).toBe(false);
  }, 300_000);
});
