/**
 * Statistical-map overlays and the live cluster report end to end (browser build, Debian's Chromium, software
 * WebGL, real atlases). A synthetic z-map written here on the 2 mm MNI grid holds two positive Gaussian blobs and
 * a negative one, each peaking on a voxel centre inside a known AAL3 region; the test opens it through the
 * "Open map" input, sets the threshold and sign, reads the "Clusters" table (largest first, peaks where the blobs
 * were put), clicks a row (the cursor and the "MNI coordinate" box go to the peak), exports CSV and compares it
 * byte for byte with the built CLI (`brain-atlas clusters MAP --csv`, same options and atlases), checks the map is
 * drawn in 3D in its colours, opens a garbage file (one clear error; the first map stays), and reloads the page
 * (the map comes back with the threshold, signs and colour map it had).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../core/api';
import type { WebServer } from '../../main/web/web-server';
import { COMMON_ATLASES } from '../../renderer/src/panels/browser-atlases';
import { brainUnderScales, browserReady, canvasSizes, drawn, openApp, realAtlasService } from '../helpers/browser';
import { type GaussianBlob, blobZMap } from '../helpers/blob-map';
import { writeNifti } from '../helpers/nifti-writer';
import { SHARED } from '../helpers/shared-atlases';

const CLI = join(__dirname, '../../dist/node/cli.js');
const ready = browserReady('overlays');
const cliBuilt = existsSync(CLI);
if (!cliBuilt) console.warn(`overlays e2e tests skipped: need the built CLI ${CLI} (npm run build)`);
if (!SHARED)
  console.warn('overlays e2e tests skipped: no atlas folder (set BRAIN_ATLAS_PATH to a copy of ../shared/atlases)');

type Vec3 = [number, number, number];
interface Blob extends GaussianBlob {
  aal3: string;
}
/** Largest first at threshold 2.5 (radius where the Gaussian crosses it: 6.6, 4.7 and 3.4 mm). */
const BLOBS: Blob[] = [
  { peak: 6, at: [-38, -22, 56], sigma: 5, aal3: 'Precentral_L' },
  { peak: 5, at: [40, -80, 0], sigma: 4, aal3: 'Occipital_Mid_R' },
  { peak: -4, at: [-44, 14, 8], sigma: 3.5, aal3: 'Frontal_Inf_Oper_L' },
];
const THRESHOLD = 2.5;

/** The 2 mm MNI152 grid; every blob centre is a voxel centre (even coordinates). */
const syntheticMap = () => blobZMap(BLOBS);

const fmt = (p: Vec3) => p.join(', ');

describe.skipIf(!ready || !SHARED || !cliBuilt)('statistical-map overlays and the cluster report', () => {
  let api: AtlasApi;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bas-overlays-'));
  const mapFile = join(dir, 'zmap_blobs.nii.gz');
  let atlases: string[];

  beforeAll(async () => {
    writeFileSync(mapFile, syntheticMap());
    api = await realAtlasService();
    // The atlases the report covers with no atlas drawn: the common ones present here (browser-atlases.ts).
    const listings = await api.listAtlases();
    atlases = COMMON_ATLASES.filter((id) => listings.some((l) => l.id === id && l.status === 'present'));
    ({ server, browser, page, errors } = await openApp(api, {
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const table = () => page.getByRole('table', { name: 'Clusters' });
  const bodyRows = () => table().locator('tbody tr');

  it('opens a map from the "Open map" input and reports its clusters, largest first', async () => {
    await page.getByLabel('Open map', { exact: true }).setInputFiles(mapFile);
    await expect
      .poll(
        () =>
          page
            .getByRole('list', { name: /Overlay layers/ })
            .getByRole('listitem')
            .count(),
        { timeout: 30_000 },
      )
      .toBe(1);
    await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill(String(THRESHOLD));
    // The map has both signs, all drawn: the report lists both, a blob in view is in the table.
    expect(await page.getByRole('combobox', { name: 'Sign', exact: true }).inputValue()).toBe('both');
    await expect.poll(() => bodyRows().count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => page.locator('.cluster-report-body').getAttribute('aria-busy')).toBe('false');
    const peaks = await bodyRows().locator('[data-field="peak"]').allInnerTexts();
    expect(peaks).toEqual(BLOBS.map((b) => fmt(b.at)));
    const voxels = (await bodyRows().locator('[data-field="voxels"]').allInnerTexts()).map(Number);
    expect(voxels[0]).toBeGreaterThan(voxels[1]);
    expect(voxels[1]).toBeGreaterThan(voxels[2]);
    const values = (await bodyRows().locator('[data-field="peak-value"]').allInnerTexts()).map(Number);
    BLOBS.forEach((b, i) => expect(values[i]).toBeCloseTo(b.peak, 4));
    const regions = await bodyRows().locator('[data-atlas="aal3"] [data-field="peak-region"]').allInnerTexts();
    expect(regions).toEqual(BLOBS.map((b) => b.aal3));
    // Every open atlas has a column.
    const headers = await table().locator('thead th').allInnerTexts();
    expect(headers.length).toBe(7 + atlases.length);
  }, 120_000);

  it('follows the minimum cluster size and the sign', async () => {
    const voxels = (await bodyRows().locator('[data-field="voxels"]').allInnerTexts()).map(Number);
    await page.getByRole('spinbutton', { name: 'Minimum cluster size', exact: true }).fill(String(voxels[1] + 1));
    await expect.poll(() => bodyRows().count()).toBe(1);
    await page.getByRole('spinbutton', { name: 'Minimum cluster size', exact: true }).fill('0');
    await page.getByRole('combobox', { name: 'Sign', exact: true }).selectOption('negative');
    await expect.poll(() => bodyRows().locator('[data-field="peak"]').allInnerTexts()).toEqual([fmt(BLOBS[2].at)]);
    await page.getByRole('combobox', { name: 'Sign', exact: true }).selectOption('positive');
    await expect
      .poll(() => bodyRows().locator('[data-field="peak"]').allInnerTexts())
      .toEqual([fmt(BLOBS[0].at), fmt(BLOBS[1].at)]);
    await page.getByRole('combobox', { name: 'Sign', exact: true }).selectOption('both');
    await expect.poll(() => bodyRows().count()).toBe(3);
  }, 120_000);

  it("moves the cursor to a cluster's peak when its row is clicked, or chosen with Enter", async () => {
    await bodyRows().nth(1).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'MNI coordinate' }).inputValue()).toBe(fmt(BLOBS[1].at));
    expect(await bodyRows().nth(1).getAttribute('aria-current')).toBe('true');
    await bodyRows().nth(0).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('textbox', { name: 'MNI coordinate' }).inputValue()).toBe(fmt(BLOBS[0].at));
    // What's here answers for the peak: the region the blob was put in.
    await expect
      .poll(() => page.locator('[data-atlas="aal3"] [data-field="hit"]').innerText(), { timeout: 15_000 })
      .toBe(BLOBS[0].aal3);
    // And gives the map's value there: the blob's peak.
    expect(await page.locator('[data-field="map-values"] [data-field="map-value"]').allInnerTexts()).toEqual([
      String(BLOBS[0].peak),
    ]);
  }, 120_000);

  it('exports the CSV the command line prints for the same map and options', async () => {
    const cli = (...options: string[]) =>
      execFileSync(process.execPath, [CLI, 'clusters', mapFile, ...options, '--atlas', atlases.join(','), '--csv'], {
        env: {
          ...process.env,
          BRAIN_ATLAS_PATH: SHARED as string,
          BRAIN_ATLAS_NO_INSTALLED: '1',
          BRAIN_ATLAS_CACHE: mkdtempSync(join(tmpdir(), 'bas-cli-')),
        },
        encoding: 'utf8',
      });
    const exportCsv = async () => {
      await expect.poll(() => page.locator('.cluster-report-body').getAttribute('aria-busy')).toBe('false');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export clusters' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('zmap_blobs_clusters.csv');
      return readFileSync((await download.path())!, 'utf8');
    };
    expect(await page.getByRole('combobox', { name: 'Export format' }).inputValue()).toBe('csv');
    const csv = await exportCsv();
    expect(csv.trimEnd()).toBe(
      cli('--threshold', String(THRESHOLD), '--sign', 'both', '--connectivity', '26').trimEnd(),
    );
    expect(csv.split('\n').length).toBe(4);
    // Positive clusters (the report's default) against the CLI given only the threshold and the atlases.
    await page.getByRole('combobox', { name: 'Sign', exact: true }).selectOption('positive');
    await expect.poll(() => bodyRows().count()).toBe(2);
    const positive = await exportCsv();
    expect(positive.trimEnd()).toBe(cli('--threshold', String(THRESHOLD)).trimEnd());
    await page.getByRole('combobox', { name: 'Sign', exact: true }).selectOption('both');
    await expect.poll(() => bodyRows().count()).toBe(3);

    await page.getByRole('combobox', { name: 'Export format' }).selectOption('markdown');
    const [md] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export clusters' }).click(),
    ]);
    expect(md.suggestedFilename()).toBe('zmap_blobs_clusters.md');
    const text = readFileSync((await md.path())!, 'utf8');
    expect(text.split('\n')[1]).toMatch(/^\| --- \|/);
    expect(text).toContain(BLOBS[0].aal3);
  }, 120_000);

  it('draws the map in 3D in its colours and marks the threshold on the colour bar', async () => {
    // The cursor marker is yellow too: clear it (an empty coordinate box lets the cursor go).
    const box = page.getByRole('textbox', { name: 'MNI coordinate' });
    await box.fill('');
    await box.press('Enter');
    await drawn(page, 60_000);
    // The same scale in the map's settings and laid over the 3D view.
    for (const where of ['Statistical maps', 'Colour scales of the maps shown']) {
      const bar = page
        .getByRole('region', { name: where })
        .getByRole('img', { name: /Colour scale of zmap_blobs\.nii\.gz/ });
      expect(await bar.getAttribute('aria-label')).toContain(`${THRESHOLD} …`);
      expect(await bar.locator('[data-field="pos-threshold"]').innerText()).toBe(String(THRESHOLD));
      expect(await bar.locator('[data-field="neg-threshold"]').innerText()).toBe(String(-THRESHOLD));
    }
    // Red-yellow pixels (positive blobs, on the surface and inside the glass brain): red high, blue low.
    const warm = async () =>
      page.evaluate(() => {
        const src = document.querySelector<HTMLCanvasElement>('section[data-version] canvas')!;
        const c = document.createElement('canvas');
        c.width = src.width;
        c.height = src.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(src, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let o = 0; o < d.length; o += 4) if (d[o] > 150 && d[o + 2] < 60 && d[o] > d[o + 2] + 100) n++;
        return n;
      });
    await expect.poll(warm, { timeout: 30_000 }).toBeGreaterThan(30);
    await page.getByRole('checkbox', { name: 'Show zmap_blobs.nii.gz' }).uncheck();
    await drawn(page);
    await expect.poll(warm, { timeout: 30_000 }).toBeLessThan(5);
    await page.getByRole('checkbox', { name: 'Show zmap_blobs.nii.gz' }).check();
    await drawn(page);
  }, 120_000);

  it('gives the 3D view room back: the bars above the report and the slice views resize them', async () => {
    const height = (selector: string) => page.locator(selector).evaluate((e) => e.getBoundingClientRect().height);
    const reportBar = page.getByRole('separator', { name: /Resize the cluster report/ });
    const slicesBar = page.getByRole('separator', { name: /Resize the slice views/ });
    const dragBar = async (bar: typeof reportBar, dy: number) => {
      const b = (await bar.boundingBox())!;
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 + dy, { steps: 4 });
      await page.mouse.up();
      await drawn(page, 60_000);
    };
    const expectViewFollowsBox = async () => {
      const { canvas, box, buffer } = await canvasSizes(page);
      expect(canvas).toEqual(box);
      expect(Math.abs(buffer[0] - box[0])).toBeLessThanOrEqual(1);
      expect(Math.abs(buffer[1] - box[1])).toBeLessThanOrEqual(1);
    };
    const report0 = await height('.cluster-report');
    const main0 = await height('.app-main');
    const view0 = await height('.viewer-canvas');
    const valueNow = async () => Number(await reportBar.getAttribute('aria-valuenow'));
    // The bar reads its pane's height when the page next lays out.
    await expect.poll(valueNow).toBe(Math.round(report0));

    // Dragged down 150 px, the report gives the app's main area (and the 3D view in it) those 150 px.
    await dragBar(reportBar, 150);
    expect(await height('.cluster-report')).toBeCloseTo(report0 - 150, 0);
    expect(await height('.app-main')).toBeCloseTo(main0 + 150, 0);
    expect(await height('.viewer-canvas')).toBeGreaterThan(view0 + 60);
    await expectViewFollowsBox();

    // The slice views' bar moves the line between the 3D view and the slices, pixel for pixel.
    const view1 = await height('.viewer-canvas');
    const slices1 = await height('.slice-panel');
    await dragBar(slicesBar, 80);
    expect(await height('.slice-panel')).toBeCloseTo(slices1 - 80, 0);
    expect(await height('.viewer-canvas')).toBeCloseTo(view1 + 80, 0);
    await expectViewFollowsBox();
    if (process.env.E2E_SHOTS)
      await page.screenshot({ path: join(process.env.E2E_SHOTS, 'overlays-resized-panes.png') });

    // Keys: Up makes the pane below taller by 16 px, Home makes it as small as it goes; Enter gives the default back.
    await reportBar.focus();
    const before = await valueNow();
    await page.keyboard.press('ArrowUp');
    await expect.poll(valueNow).toBe(before + 16);
    await page.keyboard.press('Home');
    await expect.poll(valueNow).toBe(Number(await reportBar.getAttribute('aria-valuemin')));
    // The rows still scroll inside the smaller report.
    expect(await page.locator('.cluster-report').evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
    await page.keyboard.press('Enter');
    await slicesBar.dblclick();
    await drawn(page, 60_000);
    expect(await height('.cluster-report')).toBeCloseTo(report0, 0);
    expect(await height('.viewer-canvas')).toBeCloseTo(view0, 0);
    await expectViewFollowsBox();
  }, 120_000);

  it('opens a second map dropped on the window, warns that it is not in a standard space, reorders and removes it', async () => {
    // Scanner space (sform_code 1, no qform): shown with a visible warning, not refused.
    const dims: Vec3 = [20, 20, 20];
    const data = new Float32Array(dims[0] * dims[1] * dims[2]).map((_, i) => (i % 7 === 0 ? 3 : 0));
    const bytes = writeNifti({
      dims,
      data,
      dtype: 'float32',
      affine: [2, 0, 0, -20, 0, 2, 0, -20, 0, 0, 2, -20],
      sformCode: 1,
      qformCode: 0,
    });
    await page.evaluate((b64) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([raw], 'scanner_space.nii', { type: 'application/octet-stream' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, Buffer.from(bytes).toString('base64'));
    const layers = page.getByRole('list', { name: /Overlay layers/ }).getByRole('listitem');
    await expect.poll(() => layers.count(), { timeout: 20_000 }).toBe(2);
    // The newest map is on top (listed first) and becomes the one reported.
    expect(await layers.nth(0).innerText()).toContain('scanner_space.nii');
    const warning = layers.nth(0).locator('[data-field="space-warning"]');
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.innerText()).toMatch(/sform_code 1/);
    expect(await layers.nth(1).locator('[data-field="space-warning"]').count()).toBe(0);
    await expect.poll(() => page.getByRole('heading', { name: 'Clusters of scanner_space.nii' }).count()).toBe(1);
    // Two scales stacked in the 3D view's corner: the picture moves aside from them, in the taller view the hidden
    // report leaves too, where the brain seen from the side would reach under them.
    await page.getByRole('button', { name: 'Left lateral', exact: true }).click();
    for (const report of ['Hide report', 'Show report']) {
      await drawn(page, 60_000);
      expect(await brainUnderScales(page), report).toBe(0);
      await page.getByRole('button', { name: report, exact: true }).click();
    }
    await page.getByRole('button', { name: 'Reset view', exact: true }).click();
    await drawn(page, 60_000);

    await page.getByRole('button', { name: 'Move scanner_space.nii down' }).click();
    expect(await layers.nth(1).innerText()).toContain('scanner_space.nii');
    expect(await page.getByRole('button', { name: 'Move scanner_space.nii down' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Remove scanner_space.nii' }).click();
    await expect.poll(() => layers.count()).toBe(1);
    // The report goes back to the remaining map, with the settings it had.
    await expect.poll(() => bodyRows().count(), { timeout: 20_000 }).toBe(3);
    expect(await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).inputValue()).toBe(String(THRESHOLD));
  }, 120_000);

  it('chooses the volume of a 4D map; an all-zero volume has no clusters and says so', async () => {
    // Frame 1: one blob in left precentral gyrus; frame 2: zeros everywhere.
    const dims: Vec3 = [91, 109, 91];
    const n = dims[0] * dims[1] * dims[2];
    const data = new Float32Array(2 * n);
    for (let k = 0; k < dims[2]; k++)
      for (let j = 0; j < dims[1]; j++)
        for (let i = 0; i < dims[0]; i++) {
          const x = -2 * i + 90,
            y = 2 * j - 126,
            z = 2 * k - 72;
          data[i + dims[0] * (j + dims[1] * k)] = 6 * Math.exp(-((x + 38) ** 2 + (y + 22) ** 2 + (z - 56) ** 2) / 50);
        }
    const file = join(dir, 'two_volumes.nii.gz');
    writeFileSync(
      file,
      writeNifti({
        dims: [...dims, 2],
        data,
        dtype: 'float32',
        affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72],
        sformCode: 4,
        gzip: true,
      }),
    );
    await page.getByLabel('Open map', { exact: true }).setInputFiles(file);
    const layers = page.getByRole('list', { name: /Overlay layers/ }).getByRole('listitem');
    await expect.poll(() => layers.count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => page.getByRole('heading', { name: 'Clusters of two_volumes.nii.gz' }).count()).toBe(1);
    await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill('2');
    await expect
      .poll(() => bodyRows().locator('[data-field="peak"]').allInnerTexts(), { timeout: 20_000 })
      .toEqual(['-38, -22, 56']);
    const volume = page.getByRole('combobox', { name: 'Volume', exact: true });
    expect(await volume.locator('option').count()).toBe(2);
    await volume.selectOption({ label: '2 of 2' });
    const summary = page.locator('[data-field="cluster-summary"]');
    await expect.poll(() => summary.innerText(), { timeout: 20_000 }).toMatch(/^No clusters: /);
    expect(await table().count()).toBe(0);
    await volume.selectOption({ label: '1 of 2' });
    await expect.poll(() => bodyRows().count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Remove two_volumes.nii.gz' }).click();
    await expect.poll(() => layers.count()).toBe(1);
    await expect.poll(() => bodyRows().count(), { timeout: 20_000 }).toBe(3);
  }, 120_000);

  it('says clearly when a file is not a NIfTI map, and keeps the open one', async () => {
    const garbage = join(dir, 'garbage.nii.gz');
    writeFileSync(garbage, Buffer.from('this is not a NIfTI file at all, just some text'));
    await page.getByLabel('Open map', { exact: true }).setInputFiles(garbage);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    expect(await alert.innerText()).toContain('garbage.nii.gz');
    expect(
      await page
        .getByRole('list', { name: /Overlay layers/ })
        .getByRole('listitem')
        .count(),
    ).toBe(1);
    expect(await bodyRows().count()).toBe(3);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  }, 120_000);

  it("keeps the map's threshold, signs and colour map across a reload", async () => {
    const threshold = page.getByRole('spinbutton', { name: 'Threshold', exact: true });
    const sign = page.getByRole('combobox', { name: 'Sign', exact: true });
    const shown = page.getByRole('combobox', { name: 'Values shown', exact: true });
    const colourMap = page.getByRole('combobox', { name: 'Colour map', exact: true });
    await colourMap.selectOption('hot');
    await shown.selectOption('positive');
    expect(await threshold.inputValue()).toBe(String(THRESHOLD));
    expect(await sign.inputValue()).toBe('both');
    await page.reload();
    // The server kept the map open: the page lists it (first with the defaults from its values), and the session,
    // kept by the tab as the page went, gives it the settings it had: no waiting for the autosave.
    await expect.poll(() => threshold.inputValue(), { timeout: 30_000 }).toBe(String(THRESHOLD));
    expect(await sign.inputValue()).toBe('both');
    expect(await shown.inputValue()).toBe('positive');
    expect(await colourMap.inputValue()).toBe('hot');
    await expect.poll(() => bodyRows().count(), { timeout: 30_000 }).toBe(3);
    await colourMap.selectOption('red-yellow');
    await shown.selectOption('both');
    expect(errors).toEqual([]);
  }, 120_000);

  it('speaks Chinese', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    expect(await page.getByLabel('打开统计图', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('spinbutton', { name: '阈值', exact: true }).count()).toBe(1);
    expect(await page.getByRole('table', { name: '簇' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '导出簇表' }).count()).toBe(1);
    // The table names the peaks' regions as the rest of the app does: by their cards, with the side.
    const peaks = await page.locator('tbody [data-atlas="aal3"] [data-field="peak-region"]').allInnerTexts();
    expect(peaks).toContain('左侧中央前回（初级运动皮层）');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    expect(errors).toEqual([]);
  }, 120_000);
});
