/**
 * The Brain systems, Networks and Topography panels end to end (browser build, Debian's Chromium, software WebGL,
 * real atlases at 2 mm where they have it): a system's regions and labels, hiding a Yeo network, the somatotopy
 * and retinotopy legends and what they draw, the probability threshold, and the same in Chinese.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../core/api';
import type { WebServer } from '../../main/web/web-server';
import { browserReady, drawn, openApp, realAtlasService, shot3d } from '../helpers/browser';
import type { Image } from '../helpers/png';
import { SHARED } from '../helpers/shared-atlases';

const ready = browserReady('topography');
const SHOTS = process.env.E2E_SHOTS;

/** Pixels of the 3D view that `match` says are of a colour. */
function count(img: Image, match: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) if (match(img.data[i], img.data[i + 1], img.data[i + 2])) n++;
  return n;
}

/** Share of pixels that differ between two screenshots of the same size. */
function changed(a: Image, b: Image): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4)
    if (
      Math.abs(a.data[i] - b.data[i]) +
        Math.abs(a.data[i + 1] - b.data[i + 1]) +
        Math.abs(a.data[i + 2] - b.data[i + 2]) >
      30
    )
      n++;
  return n / (a.data.length / 4);
}

describe.skipIf(!ready || !SHARED)('brain systems, networks and topography', () => {
  let api: AtlasApi;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  const shoot = async (name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(`${SHOTS}/${name}.png`, await page.screenshot());
  };
  const open = async (panel: string) => {
    const region = page.getByRole('region', { name: panel });
    if (!(await region.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)))
      await region.getByRole('heading', { name: panel }).click();
    return region;
  };
  const isRed = (r: number, g: number, b: number) => r > 70 && g < r * 0.45 && b < r * 0.55;

  beforeAll(async () => {
    api = await realAtlasService();
    ({ server, browser, page, errors } = await openApp(api));
    await page.getByRole('combobox', { name: 'Resolution' }).selectOption({ label: '2 mm' });
    await page.getByRole('checkbox', { name: 'Template brain' }).uncheck();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the motor system with its regions labelled', async () => {
    const panel = await open('Brain systems');
    await panel.getByRole('button', { name: 'Motor system' }).click();
    await expect
      .poll(() => page.locator('.region-label', { hasText: 'Precentral_L' }).count(), { timeout: 60_000 })
      .toBe(1);
    await drawn(page, 90_000);
    await expect.poll(() => page.locator('.region-label', { hasText: 'Precentral_L' }).isVisible()).toBe(true);
    expect(await panel.getByText(/Voluntary movement/).isVisible()).toBe(true);
    await shoot('motor-system');
    // The labels follow the language: in Chinese, the region cards' names, with the side.
    const language = page.getByRole('combobox', { name: /^(Language|语言)$/ });
    await language.selectOption('zh');
    await expect.poll(() => page.locator('.region-label', { hasText: '左侧中央前回' }).count()).toBe(1);
    expect(await page.locator('.region-label', { hasText: 'Precentral_L' }).count()).toBe(0);
    await language.selectOption('en');
    await expect.poll(() => page.locator('.region-label', { hasText: 'Precentral_L' }).count()).toBe(1);
    await panel.getByRole('button', { name: 'Show everything' }).click();
  }, 120_000);

  it('shows the visual system from all three of its atlases (AAL3, Brodmann, Julich-Brain)', async () => {
    const panel = await open('Brain systems');
    await panel.getByRole('button', { name: 'Visual system' }).click();
    const slots = ['Atlas', 'Second atlas', 'Third atlas'].map((name) =>
      page.getByRole('combobox', { name, exact: true }),
    );
    await expect
      .poll(async () => (await Promise.all(slots.map((s) => s.inputValue()))).sort(), { timeout: 90_000 })
      .toEqual(['aal3', 'brodmann', 'julich-brain']);
    await drawn(page, 120_000);
    // A label for every region of the system, from each of its atlases, and no atlas left out.
    for (const name of ['Thal_LGN_L', 'Brodmann_area_17', 'Area hOc5 (LOC) left'])
      expect(await page.locator('.region-label', { hasText: name }).count()).toBe(1);
    expect(await panel.getByText(/not drawn/).count()).toBe(0);
    // Each atlas is loaded and drawn: the region browser finds the system's regions in each of them.
    const search = page.getByRole('combobox', { name: 'Search regions' });
    for (const [query, atlas] of [
      ['Thal_LGN_L', /AAL3/],
      ['Brodmann_area_17', /Brodmann/],
      ['hOc5 (LOC) left', /Julich/],
    ] as const) {
      await search.fill(query);
      const option = page.getByRole('option', { name: new RegExp(`${query.replace(/[()]/g, '\\$&')}.*\\(`) });
      await expect.poll(() => option.first().getAttribute('aria-label')).toMatch(atlas);
    }
    await search.fill('');
    await shoot('visual-system');
    // The Julich-Brain regions are drawn (hOc5 lies within Brodmann's area 19, which hides it): with Brodmann
    // faded out, fading Julich-Brain out too changes the view (a small area: some hundred pixels; an opacity that
    // draws nothing different changes none).
    const opacity = (atlas: RegExp) => page.getByRole('slider', { name: atlas });
    await opacity(/^Opacity of Brodmann/).fill('0');
    await drawn(page, 60_000);
    const withJulich = await shot3d(page);
    await shoot('visual-system-without-brodmann');
    await opacity(/^Opacity of Julich-Brain/).fill('0');
    await drawn(page, 60_000);
    expect(changed(withJulich, await shot3d(page))).toBeGreaterThan(0.0002);
    await opacity(/^Opacity of Julich-Brain/).fill('1');
    await opacity(/^Opacity of Brodmann/).fill('1');
    await panel.getByRole('button', { name: 'Show everything' }).click();
  }, 240_000);

  it('hides and shows a Yeo network', async () => {
    const panel = await open('Networks');
    await panel.getByRole('combobox', { name: 'Network atlas' }).selectOption({ label: 'Yeo 7' });
    const networks = await api.listNetworks({ id: 'yeo-7' });
    const red = networks.networks.find((n) => isRed(...n.color))!;
    const box = panel.getByRole('checkbox', { name: new RegExp(`^${red.network}`) });
    await expect.poll(() => box.count(), { timeout: 60_000 }).toBe(1);
    await drawn(page, 90_000);
    await page
      .getByRole('button', { name: 'left-lateral' })
      .click()
      .catch(() => {});
    await drawn(page);
    const before = count(await shot3d(page), isRed);
    await shoot('yeo7');
    await box.uncheck();
    await drawn(page);
    const hidden = count(await shot3d(page), isRed);
    await box.check();
    await drawn(page);
    const again = count(await shot3d(page), isRed);
    expect(before).toBeGreaterThan(500);
    expect(hidden).toBeLessThan(before * 0.1);
    expect(again).toBeGreaterThan(before * 0.8);
  }, 120_000);

  it('draws somatotopy with its body parts in medial-to-lateral order', async () => {
    const before = await shot3d(page);
    const panel = await open('Topography');
    await panel.getByRole('combobox', { name: 'Topographic map' }).selectOption({ label: 'Somatotopy' });
    const legend = panel.getByRole('list', { name: 'Legend' });
    await expect.poll(() => legend.getByRole('listitem').count(), { timeout: 60_000 }).toBe(5);
    expect(await legend.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/lower limb/i),
      expect.stringMatching(/trunk/i),
      expect.stringMatching(/upper limb/i),
      expect.stringMatching(/head|face/i),
      expect.stringMatching(/tongue|larynx/i),
    ]);
    await drawn(page, 90_000);
    expect(changed(before, await shot3d(page))).toBeGreaterThan(0.01);
    await shoot('somatotopy');
    const all = await shot3d(page);
    await legend.getByRole('button', { name: /lower limb/i }).click();
    await drawn(page);
    expect(changed(all, await shot3d(page))).toBeGreaterThan(0.002);
    await shoot('somatotopy-lower-limb');
  }, 120_000);

  it('draws retinotopy, and the probability maps at a minimum probability', async () => {
    const panel = await open('Topography');
    await panel.getByRole('combobox', { name: 'Topographic map' }).selectOption({ label: 'Retinotopy' });
    const legend = panel.getByRole('list', { name: 'Legend' });
    await expect.poll(() => legend.getByRole('listitem').count(), { timeout: 60_000 }).toBeGreaterThan(20);
    const items = await legend.getByRole('listitem').allTextContents();
    expect(items[0]).toContain('V1v');
    expect(items[1]).toContain('V1d');
    await drawn(page, 90_000);
    const labels = await shot3d(page);
    await shoot('retinotopy');
    const slider = panel.getByRole('slider', { name: 'Minimum probability' });
    const busy = panel.getByRole('status').filter({ hasText: 'Drawing the probability maps…' });
    // The scene's version moves on when the maps at a new threshold replace the drawn ones.
    const version = () =>
      page.locator('section[data-version]').evaluate((e) => Number((e as HTMLElement).dataset.version));
    const settle = async (before: number) => {
      await expect.poll(version, { timeout: 90_000 }).toBeGreaterThan(before);
      await expect.poll(() => busy.count(), { timeout: 90_000 }).toBe(0);
      await drawn(page, 90_000);
    };
    let before = await version();
    await slider.fill('50');
    await settle(before);
    const at50 = await shot3d(page);
    expect(changed(labels, at50)).toBeGreaterThan(0.005);
    await shoot('retinotopy-50');
    before = await version();
    await slider.fill('70');
    await settle(before);
    const at70 = await shot3d(page);
    expect(changed(at50, at70)).toBeGreaterThan(0.002);
    // A threshold superseded while it is being drawn never lands: 20 % asked for, then 50 % while 20 % is busy.
    before = await version();
    await slider.fill('20');
    await expect.poll(() => busy.count(), { timeout: 10_000 }).toBe(1);
    await slider.fill('50');
    expect(await panel.locator('output[for="min-probability"]').textContent()).toContain('50');
    await settle(before);
    const again = await shot3d(page);
    await shoot('retinotopy-20-then-50');
    expect(changed(at70, again)).toBeGreaterThan(0.002);
    expect(changed(at50, again)).toBeLessThan(0.001);
  }, 240_000);

  it('says it all in Chinese', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '中文' });
    const visible = (l: ReturnType<Page['locator']>) => expect.poll(() => l.isVisible()).toBe(true);
    await visible(page.getByRole('region', { name: '脑系统' }).getByRole('button', { name: '运动系统' }));
    const topo = page.getByRole('region', { name: '拓扑图' });
    await visible(topo.getByRole('combobox', { name: '拓扑图' }));
    expect(await topo.getByRole('list', { name: '图例' }).getByRole('listitem').first().textContent()).toContain(
      'V1腹侧',
    );
    await visible(topo.getByRole('slider', { name: '最低概率' }));
    await visible(page.getByRole('region', { name: '网络' }).getByRole('combobox', { name: '网络图谱' }));
    await shoot('chinese');
    expect(errors).toEqual([]);
  }, 60_000);

  it('keeps the topographic map, or the network atlas, across a reload', async () => {
    const combo = (panel: string, name: string) =>
      page.getByRole('region', { name: panel }).getByRole('combobox', { name, includeHidden: true });
    const reload = async () => {
      await page.waitForTimeout(1500); // the session is saved about a second after a change
      await page.reload();
    };
    await reload();
    await expect.poll(() => combo('拓扑图', '拓扑图').inputValue(), { timeout: 60_000 }).toBe('retinotopy');
    await drawn(page, 90_000);
    // Choosing a network atlas puts the topographic map away; that is what comes back.
    await combo('网络', '网络图谱').selectOption('yeo-7', { force: true });
    await expect.poll(() => combo('拓扑图', '拓扑图').inputValue()).toBe('');
    await reload();
    await expect.poll(() => combo('网络', '网络图谱').inputValue(), { timeout: 60_000 }).toBe('yeo-7');
    expect(await combo('拓扑图', '拓扑图').inputValue()).toBe('');
    await drawn(page, 90_000);
    expect(errors).toEqual([]);
  }, 180_000);
});
