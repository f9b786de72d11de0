/**
 * Lecture mode end to end (browser build, Chromium, real atlases): the shipped "Motor system" tour presented (its
 * caption names the motor system; PageDown changes caption and picture, drawn above the caption; L hides and shows
 * the labels; B blanks the screen; Esc leaves), the same in Chinese, and a two-step tour made in the app, saved as a
 * file and opened again, which plays the same.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../core/api';
import { parseTourText } from '../../core/lecture/tour';
import type { WebServer } from '../../main/web/web-server';
import { browserReady, canvas3d, chooseAtlasAt2mm, drawn, openApp, realAtlasService, shot3d } from '../helpers/browser';
import { changedPixels, fromBackground } from '../helpers/pixels';
import { SHARED } from '../helpers/shared-atlases';

const ready = browserReady('lecture');
if (!SHARED) console.warn('lecture e2e tests skipped: no atlas folder (set BRAIN_ATLAS_PATH)');

describe.skipIf(!ready || !SHARED)('lecture mode', () => {
  let api: AtlasApi;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    api = await realAtlasService();
    ({ server, browser, page, errors } = await openApp(api, {
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const caption = (name = 'Caption') => page.getByRole('status', { name });
  /** After a step change: the camera glide (under a second) is over and the frame shows the new state. */
  const settled = async () => {
    await page.waitForTimeout(900);
    await drawn(page, 60_000);
  };

  /** Pixels of the 3D view drawn (not its background) under the caption's box, with the presentation hidden. */
  const drawnUnderCaption = async (): Promise<number> => {
    const box = (await caption().boundingBox())!;
    const view = (await canvas3d(page).boundingBox())!;
    const section = page.locator('section.presentation');
    await section.evaluate((e) => (e.style.visibility = 'hidden'));
    const img = await shot3d(page).finally(() => section.evaluate((e) => (e.style.visibility = '')));
    const [sx, sy] = [img.width / view.width, img.height / view.height];
    let n = 0;
    for (let y = Math.ceil((box.y - view.y) * sy); y < Math.min(img.height, (box.y + box.height - view.y) * sy); y++)
      for (let x = Math.ceil((box.x - view.x) * sx); x < Math.min(img.width, (box.x + box.width - view.x) * sx); x++)
        if (fromBackground(img, 4 * (y * img.width + x)) > 30) n++;
    return n;
  };

  it('presents the motor system tour: captions, next step, labels, blank screen, leave', async () => {
    await page.getByRole('heading', { name: 'Lecture' }).click();
    const tour = page.getByRole('combobox', { name: 'Tour', exact: true });
    await tour.locator('option', { hasText: 'Motor system' }).waitFor({ state: 'attached', timeout: 30_000 });
    await tour.selectOption({ label: 'Motor system' });
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    const presentation = page.getByRole('region', { name: 'Presentation' });
    await presentation.waitFor();
    await settled();
    expect(await caption().innerText()).toMatch(/^Motor system\. Voluntary movement/);
    // The chrome is gone: no header, no sidebar.
    expect(await page.getByRole('button', { name: 'Export figure' }).isVisible()).toBe(false);
    const first = await shot3d(page);
    const labels = page.locator('.region-label');
    expect(await labels.count()).toBeGreaterThan(2);

    await page.keyboard.press('PageDown');
    await expect.poll(() => caption().innerText()).toMatch(/^Precentral gyrus/);
    await settled();
    const second = await shot3d(page);
    expect(changedPixels(first, second)).toBeGreaterThan(first.width * first.height * 0.01);
    // The brain is drawn above the caption, not under it: nothing but the background behind the caption's box.
    expect(await drawnUnderCaption()).toBeLessThan(20);

    await page.keyboard.press('l');
    await expect.poll(() => labels.count()).toBe(0);
    await page.keyboard.press('L');
    await expect.poll(() => labels.count()).toBeGreaterThan(0);

    await page.keyboard.press('b');
    expect(await page.getByRole('img', { name: /Screen blanked/ }).isVisible()).toBe(true);
    await page.keyboard.press('b');
    expect(await page.getByRole('img', { name: /Screen blanked/ }).count()).toBe(0);

    await page.keyboard.press('PageUp');
    await expect.poll(() => caption().innerText()).toMatch(/^Motor system\./);
    await page.keyboard.press('Escape');
    await expect.poll(() => presentation.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Export figure' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 180_000);

  it('opens a presenter view with the notes and the next step, whose Next moves the tour', async () => {
    const opened = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Presenter view' }).click();
    const presenter = await opened;
    const view = presenter.getByRole('main', { name: 'Presenter view' });
    await expect.poll(() => view.innerText(), { timeout: 20_000 }).toContain('Motor system · Step 1 of 8');
    expect(await view.getByRole('region', { name: 'Notes' }).innerText()).toContain('Purves D');
    expect(await view.getByRole('region', { name: 'Next' }).innerText()).toMatch(/Precentral gyrus/);
    await view.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => page.locator('.tour-caption-preview').innerText()).toMatch(/^Precentral gyrus/);
    await expect.poll(() => view.innerText()).toContain('Step 2 of 8');
    await presenter.keyboard.press('PageUp');
    await expect.poll(() => page.locator('.tour-caption-preview').innerText()).toMatch(/^Motor system\./);
    await presenter.close();
  }, 120_000);

  it('presents in Chinese', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('combobox', { name: '导览', exact: true }).selectOption({ label: '运动系统' });
    await page.getByRole('button', { name: '演示' }).click();
    await settled();
    expect(await caption('说明').innerText()).toMatch(/^运动系统。随意运动/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => caption('说明').innerText()).toMatch(/^中央前回/);
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('combobox', { name: 'Tour', exact: true }).selectOption({ label: 'None' });
  }, 120_000);

  it('makes a two-step tour, saves it, opens it again and plays it the same', async () => {
    await chooseAtlasAt2mm(page, 'brodmann');
    await page.getByRole('button', { name: 'Add current view as step' }).click();
    await page.getByRole('textbox', { name: 'Caption (English)' }).fill('Brodmann areas from the left');
    await page.getByRole('textbox', { name: 'Caption (Chinese)' }).fill('从左侧看布罗德曼分区');
    await page.getByRole('textbox', { name: 'Presenter notes (English)' }).fill('Start here.');
    await page.getByRole('button', { name: 'Superior' }).click();
    await drawn(page);
    await page.getByRole('button', { name: 'Add current view as step' }).click();
    await page.getByRole('textbox', { name: 'Caption (English)' }).fill('And from above');
    expect(await page.getByText('Step 2 of 2').count()).toBe(1);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /^Save tour/ }).click();
    const file = await (await download).path();
    const saved = parseTourText(readFileSync(file, 'utf8'), 'my-tour.braintour.json');
    expect(saved.steps.map((s) => s.caption.en)).toEqual(['Brodmann areas from the left', 'And from above']);
    expect(saved.steps[0].notes.en).toBe('Start here.');
    // Each step keeps its own camera: the second looks down from above (MNI z up).
    const cameraOf = (i: number) => (saved.steps[i].view.kind === 'scene' ? saved.steps[i].view.scene.camera : null);
    const [c1, c2] = [cameraOf(0), cameraOf(1)];
    expect(c2?.position && c2.target && c2.position[2] - c2.target[2]).toBeGreaterThan(100);
    expect(c1?.position && c1.target && Math.abs(c1.position[2] - c1.target[2])).toBeLessThan(100);

    // Played as made: step 1, then step 2 from above.
    const tour = page.getByRole('combobox', { name: 'Tour', exact: true });
    await tour.selectOption({ label: 'My tour' });
    await settled();
    const madeFirst = await shot3d(page);
    await page.getByRole('button', { name: 'Next step' }).click();
    await settled();
    const madeSecond = await shot3d(page);

    // Opened from the file: the same steps, the same pictures.
    await tour.selectOption({ label: 'None' });
    await page.getByRole('button', { name: 'Superior' }).click();
    await page.getByLabel('Open tour').setInputFiles(file);
    await expect.poll(() => tour.inputValue()).toBe('my-tour');
    await settled();
    expect(await page.locator('.tour-caption-preview').innerText()).toBe('Brodmann areas from the left');
    const openedFirst = await shot3d(page);
    expect(changedPixels(madeFirst, openedFirst)).toBeLessThan(madeFirst.width * madeFirst.height * 0.01);
    await page.getByRole('button', { name: 'Next step' }).click();
    await settled();
    expect(await page.locator('.tour-caption-preview').innerText()).toBe('And from above');
    expect(changedPixels(madeSecond, await shot3d(page))).toBeLessThan(madeSecond.width * madeSecond.height * 0.01);
    expect(changedPixels(madeFirst, madeSecond)).toBeGreaterThan(madeFirst.width * madeFirst.height * 0.01);
    expect(errors).toEqual([]);
  }, 180_000);
});
