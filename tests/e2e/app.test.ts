/**
 * The browser build end to end: the loopback server, the built renderer in Debian's Chromium, controls found by
 * role and name as a person would.
 */
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAtlasService } from '../../main/services/create-service';
import { type WebServer, startWebServer } from '../../main/web/web-server';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER, browserReady, realAtlasService } from '../helpers/browser';
import { SHARED } from '../helpers/shared-atlases';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../helpers/synthetic-atlas';

const ready = browserReady('app');

describe.skipIf(!ready)('browser build', () => {
  let synth: SyntheticAtlas;
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    synth = makeSyntheticAtlas();
    const api = await createAtlasService({ ...process.env, ...synth.env });
    server = await startWebServer({ api, staticDir: RENDERER });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ locale: 'en-US' });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the atlases with their status', async () => {
    const list = page.getByRole('list', { name: 'Atlases' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);
    await expect.poll(() => page.getByLabel('synth: present').count()).toBe(1);
    expect(await page.getByLabel('synth-remote: downloadable').count()).toBe(1);
  });

  it('opens an atlas and shows its regions', async () => {
    await page.getByRole('button', { name: 'Open Synthetic two balls' }).click();
    const table = page.getByRole('table', { name: 'Regions of the open atlas' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    const firstRow = await table.getByRole('row').nth(1).innerText();
    const voxels = synth.labels.filter((v) => v === 1).length;
    expect(firstRow).toContain('7Networks_LH_Vis_1');
    // The volume (2 mm voxels), with the voxel count as its tooltip.
    expect(firstRow).toContain((voxels * 8).toFixed(1));
    const volume = table.getByRole('row').nth(1).getByRole('cell').nth(2);
    expect(await volume.getAttribute('title')).toBe(`${voxels} voxels`);
    expect(firstRow).toContain('-10.0, 0.0, 0.0');
    // The table fits its side panel: nothing to scroll sideways, no column cut.
    expect(await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBe(0);
  });

  it('shows a download failure as a message and keeps the open atlas', async () => {
    await page.getByRole('button', { name: 'Download Synthetic remote' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    expect(await alert.innerText()).toMatch(/remote\.nii\.gz/);
    expect(await page.getByRole('table', { name: 'Regions of the open atlas' }).getByRole('row').count()).toBe(3);
  });

  it('switches to Chinese', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('脑图谱工作室');
    expect(await page.getByRole('table', { name: '当前图谱的脑区' }).count()).toBe(1);
  });

  it('refuses API calls without the launch key, with bad arguments or from another origin', async () => {
    const keyless = await fetch(`${server.origin}/api/listAtlases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '',
    });
    expect(keyless.status).toBe(403);
    // The page itself, opened from the address with the key, works: it listed the atlases above.
    const bad = await fetch(`${server.origin}/api/openAtlas`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: server.cookie },
      body: JSON.stringify({ id: '../etc' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/atlas id/);
    const foreign = await fetch(`${server.origin}/api/listAtlases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example', Cookie: server.cookie },
      body: '',
    });
    expect(foreign.status).toBe(403);
    const page1 = await fetch(server.origin);
    expect(page1.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });
});

describe.skipIf(!ready || !SHARED)('browser build with the real catalog', () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    const api = await realAtlasService();
    server = await startWebServer({ api, staticDir: RENDERER });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens AAL3 and shows its 166 regions with the volumes the engine computes', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(server.url);
    await page.getByRole('searchbox', { name: 'Filter atlases' }).fill('aal3');
    await page.getByRole('button', { name: /^Open AAL3 / }).click();
    const table = page.getByRole('table', { name: 'Regions of the open atlas' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 20_000 }).toBe(167);
    const summary = await (
      await createAtlasService({ ...process.env, BRAIN_ATLAS_PATH: SHARED as string, BRAIN_ATLAS_NO_INSTALLED: '1' })
    ).openAtlas({ id: 'aal3' });
    const precentral = summary.regions.find((r) => r.name === 'Precentral_L');
    const row = table.getByRole('row').filter({ hasText: 'Precentral_L' });
    expect(await row.innerText()).toContain(precentral!.volumeMm3.toFixed(1));
    expect(await row.getByRole('cell').nth(2).getAttribute('title')).toBe(`${precentral?.voxels} voxels`);
    await page.close();
  });
});
