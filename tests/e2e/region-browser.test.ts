/**
 * The region browser end to end (browser build, Debian's Chromium, software WebGL, real atlases): search by name
 * and in Chinese, choose a region with the keyboard or the pointer, its card and crosswalk, the coordinate box and
 * "What's here", all checked against the engine (createAtlasService) answering the same questions.
 * 2 mm atlases keep software GL fast.
 */
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasApi, AtlasSummary, RegionRecord } from '../../core/api';
import type { WebServer } from '../../main/web/web-server';
import { yeo7Network } from '../../core/atlas/network-atlases';
import { browserReady, chooseAtlasAt2mm, drawn, openApp, realAtlasService } from '../helpers/browser';
import { SHARED } from '../helpers/shared-atlases';

const ready = browserReady('region browser');
if (!SHARED)
  console.warn(
    'region browser e2e tests skipped: no atlas folder (set BRAIN_ATLAS_PATH to a copy of ../shared/atlases)',
  );

describe.skipIf(!ready || !SHARED)('region browser', () => {
  let api: AtlasApi;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let aal3: AtlasSummary;
  const region = (name: string): RegionRecord => aal3.regions.find((r) => r.name === name)!;

  beforeAll(async () => {
    api = await realAtlasService();
    aal3 = await api.openAtlas({ id: 'aal3', res: 2 });
    ({ server, browser, page, errors } = await openApp(api));
    await chooseAtlasAt2mm(page, 'aal3');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const details = () => page.getByRole('region', { name: 'Region details' });
  const search = () => page.getByRole('combobox', { name: 'Search regions' });
  const results = () => page.getByRole('listbox', { name: 'Matching regions' });

  it('finds regions by name and selects one with the keyboard', async () => {
    await search().fill('precentral');
    const options = results().getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThanOrEqual(2);
    const names = await options.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(names).toContain(`Precentral_L (${aal3.name})`);
    expect(names).toContain(`Precentral_R (${aal3.name})`);
    // Arrow keys move the active option; Enter selects it.
    const target = names.indexOf(`Precentral_R (${aal3.name})`);
    for (let i = 0; i < target; i++) await search().press('ArrowDown');
    expect(await options.nth(target).getAttribute('aria-selected')).toBe('true');
    await search().press('Enter');
    await expect.poll(() => details().locator('[data-field="name"]').innerText()).toBe('Precentral_R');
  });

  it("shows the chosen region's card, with the engine's volume and centroid", async () => {
    await search().fill('precentral');
    await results()
      .getByRole('option', { name: `Precentral_L (${aal3.name})` })
      .click();
    const r = region('Precentral_L');
    await expect.poll(() => details().locator('[data-field="name"]').innerText()).toBe('Precentral_L');
    expect(await details().locator('[data-field="value"]').innerText()).toBe(String(r.value));
    expect(await details().locator('[data-field="volume"]').innerText()).toBe(r.volumeMm3.toFixed(1));
    expect(await details().locator('[data-field="centroid"]').innerText()).toBe(
      r.centroid.map((v) => v.toFixed(1)).join(', '),
    );
    expect(await details().locator('[data-field="name-zh"]').innerText()).toContain('中央前回');
    // The region card's description and other names.
    expect(await details().locator('.region-card').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Isolate' }).count()).toBe(1);
    // Choosing it moved the cursor into it, so the slices show it: the engine names Precentral_L there.
    const box = page.getByRole('textbox', { name: 'MNI coordinate' });
    await expect.poll(() => box.inputValue()).not.toBe('');
    const point = (await box.inputValue()).split(',').map(Number) as [number, number, number];
    const [hit] = await api.query({ points: [point], atlases: ['aal3'] });
    expect(hit.atlases.aal3?.name).toBe('Precentral_L');
  });

  it('lists the overlap with other atlases as percentages', async () => {
    const overlap = details().getByRole('region', { name: 'Overlap' });
    await expect.poll(() => overlap.locator('li').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const r = region('Precentral_L');
    const against = await overlap
      .locator('[data-atlas]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-atlas')!));
    expect(against.length).toBeGreaterThan(0);
    expect(against).not.toContain('aal3');
    const engine = await api.regionOverlap({ id: 'aal3', value: r.value, against });
    const text = await overlap.innerText();
    for (const a of engine.atlases) {
      const top = a.shares[0];
      if (top) expect(text).toContain(`${Math.round(top.percent)}% ${top.name ?? top.value}`);
    }
    expect(text).toMatch(/\d+% \S+/);
  });

  it('draws at most 100 result rows and counts the rest', async () => {
    await search().fill('l');
    const options = results().getByRole('option');
    await expect.poll(() => page.getByText(/^\d+ more — refine the search$/).count()).toBe(1);
    expect(await options.count()).toBe(100);
    const more = Number((await page.getByText(/^\d+ more — refine the search$/).innerText()).split(' ')[0]);
    expect(100 + more).toBeLessThanOrEqual(aal3.regions.length);
  });

  it('searches in Chinese', async () => {
    await search().fill('中央前回');
    const options = results().getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThanOrEqual(2);
    const names = await options.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(names).toContain(`Precentral_L (${aal3.name})`);
    expect(names).toContain(`Precentral_R (${aal3.name})`);
    await search().fill('');
  });

  it('moves the cursor to a typed coordinate and lists what is there, as the engine does', async () => {
    const box = page.getByRole('textbox', { name: 'MNI coordinate' });
    await box.fill('-44, 14, 8');
    await box.press('Enter');
    const here = page.getByRole('region', { name: "What's here" });
    const rows = here.locator('[data-atlas]');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const atlases = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-atlas')!));
    expect(atlases[0]).toBe('aal3');
    const [engine] = await api.query({ points: [[-44, 14, 8]], atlases });
    for (const [i, id] of atlases.entries()) {
      const hit = engine.atlases[id];
      expect(await rows.nth(i).getAttribute('data-value')).toBe(String(hit.value));
      // The engine's names, but a Yeo 7 region shows as its network ("6_Frontoparietal_Area": Frontoparietal Control).
      const name = hit.name && (yeo7Network(id, hit.name)?.name ?? hit.name);
      expect(await rows.nth(i).locator('[data-field="hit"]').innerText()).toBe(
        hit.value ? (name ?? String(hit.value)) : 'no region',
      );
    }
    expect(engine.atlases.aal3.value).not.toBe(0);
    // A marker shows the cursor in 3D; the frame with it gets drawn.
    await drawn(page);

    // Outside every atlas: said so, no stale names.
    await box.fill('90 90 90');
    await box.press('Enter');
    await expect.poll(() => here.locator('[data-field="outside"]').count()).toBe(1);
    expect(await rows.count()).toBe(0);
  });

  it('says what is wrong with a coordinate it cannot read', async () => {
    const box = page.getByRole('textbox', { name: 'MNI coordinate' });
    await box.fill('left of broca');
    await box.press('Enter');
    await expect.poll(() => page.locator('#coordinate-error').count()).toBe(1);
    expect(await page.locator('#coordinate-error').innerText()).toContain('"left" is not a number');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('speaks Chinese', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    expect(await page.getByRole('combobox', { name: '搜索脑区' }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'MNI 坐标' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: '此处是什么' }).count()).toBe(1);
  });
});
