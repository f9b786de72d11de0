/**
 * `brain-atlas scene new` and `brain-atlas render` as a user runs them (the built CLI, a separate process, real
 * atlases, Debian's Chromium found on PATH): a left-lateral AAL3 scene with a thresholded z-map renders to a
 * 3000 × 2000 PNG with a 300 DPI pHYs chunk and a drawn brain, the same bytes twice; --transparent leaves the
 * corners transparent; SVG keeps the threshold and the colour bar's ticks as <text>, PDF as extractable text; a
 * scene whose map is gone writes nothing and says why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPngInfo } from '../../core/figure/png-dpi';
import { blobZMap } from '../helpers/blob-map';
import { CHROMIUM, browserReady } from '../helpers/browser';
import { decodePng } from '../helpers/png';
import { SHARED } from '../helpers/shared-atlases';

const CLI = join(__dirname, '../../dist/node/cli.js');
const ready = browserReady('render') && existsSync(CLI);
const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

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
    for (let i = 0; i < img.data.length; i += 4)
      if (Math.abs(img.data[i] - 0x16) + Math.abs(img.data[i + 1] - 0x1a) + Math.abs(img.data[i + 2] - 0x22) > 60)
        brain++;
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

  it('writes nothing when the scene cannot be shown, and says why', () => {
    rmSync(join(dir, 'zmap.nii.gz'));
    const r = run('render', scene, '--out', join(dir, 'missing.png'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/map zmap\.nii\.gz is missing/);
    expect(existsSync(join(dir, 'missing.png'))).toBe(false);
  }, 300_000);
});
