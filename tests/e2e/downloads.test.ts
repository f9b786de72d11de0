/**
 * Downloads from the window, end to end: a local mirror folder set in the Settings dialog (BRAIN_ATLAS_MIRROR and
 * BRAIN_ATLAS_PATH unset, an empty cache), AAL3 offered under "Download" with its size in the Atlas chooser, a
 * progress bar while it downloads (slowed by the test-only BRAIN_ATLAS_TEST_THROTTLE_BPS), Cancel leaving nothing
 * in the cache, then AAL3's regions; a failing mirror's sentence with Retry; the settings, the language and the
 * scene kept across a reload; the same controls in Chinese.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THROTTLE_ENV } from '../../main/services/atlas-download';
import { createAtlasService } from '../../main/services/create-service';
import type { WebServer } from '../../main/web/web-server';
import { browserReady, openApp } from '../helpers/browser';
import { SHARED } from '../helpers/shared-atlases';

const ready = browserReady('downloads');

/**
 * A mirror nothing answers at: port 2 on loopback (never served here, and not one fetch refuses to try), so the connection is refused. A port
 * the system just gave out and took back could be handed to another test's server meanwhile.
 */
const REFUSING_MIRROR = 'http://127.0.0.1:2/atlases';

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe.skipIf(!ready || !SHARED)('downloads from the window', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const tmp = mkdtempSync(join(tmpdir(), 'bas-e2e-downloads-'));
  const mirror = join(tmp, 'mirror');
  const cache = join(tmp, 'cache');
  const atlasChooser = () => page.getByRole('combobox', { name: 'Atlas', exact: true });
  const regionRows = () => page.getByRole('table', { name: 'Regions of the open atlas' }).getByRole('row');

  async function setSettings(values: { mirror?: string; cache?: string }): Promise<void> {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    if (values.mirror !== undefined) await dialog.getByRole('textbox', { name: 'Mirror' }).fill(values.mirror);
    if (values.cache !== undefined) await dialog.getByRole('textbox', { name: 'Cache folder' }).fill(values.cache);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  beforeAll(async () => {
    mkdirSync(join(mirror, 'aal3'), { recursive: true });
    for (const f of ['AAL3v1.nii.gz', 'AAL3v1_1mm.nii.gz', 'AAL3v1_1mm.xml'])
      copyFileSync(join(SHARED as string, 'aal3', f), join(mirror, 'aal3', f));
    mkdirSync(cache);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BRAIN_ATLAS_CONFIG: join(tmp, 'config'),
      BRAIN_ATLAS_NO_INSTALLED: '1',
      BRAIN_ATLAS_NO_STARTER: '1',
    };
    for (const name of ['BRAIN_ATLAS_PATH', 'BRAIN_ATLAS_MIRROR', 'BRAIN_ATLAS_CACHE']) delete env[name];
    const api = await createAtlasService(env);
    ({ server, browser, page, errors } = await openApp(api));
  }, 120_000);

  afterAll(async () => {
    delete process.env[THROTTLE_ENV];
    await browser?.close();
    await server?.close();
  });

  it('checks the settings and takes a mirror folder and a cache folder', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('textbox', { name: 'Mirror' }).fill('mirror.example.org');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').innerText())
      .toBe('The mirror must be an http(s) address or an absolute folder.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await setSettings({ mirror, cache });
  });

  it('offers AAL3 under "Download" with its size', async () => {
    const option = atlasChooser().locator('optgroup[label="Download"] option[value="aal3"]');
    await expect.poll(() => option.count()).toBe(1);
    // The finest variant: AAL3v1_1mm.nii.gz and its table, 128 391 bytes.
    expect(await option.innerText()).toBe('AAL3 (Automated Anatomical Labelling atlas 3) (128 kB)');
    expect(await atlasChooser().locator('optgroup[label="On this computer"] option[value="aal3"]').count()).toBe(0);
  });

  it('shows the download in a progress bar, and Cancel leaves nothing in the cache', async () => {
    // About 16 s for AAL3's 128 kB: time to see the bar move and press Cancel even when every frame is slow.
    process.env[THROTTLE_ENV] = '8000';
    await atlasChooser().selectOption('aal3');
    const bar = page.getByRole('progressbar', { name: /^Downloading AAL3/ });
    await bar.waitFor({ timeout: 10_000 });
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(await page.getByText(/^\d+ kB of 128 kB \(\d+%\)$/).count()).toBe(1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Cancelled' }).count()).toBe(1);
    expect(await bar.count()).toBe(0);
    expect(filesUnder(cache)).toEqual([]);
    await page.getByRole('status').filter({ hasText: 'Cancelled' }).getByRole('button', { name: 'Dismiss' }).click();
  });

  it('downloads AAL3 when chosen, then shows its regions', async () => {
    process.env[THROTTLE_ENV] = '64000'; // about 2 s: long enough to see the bar
    await atlasChooser().selectOption('aal3');
    const bar = page.getByRole('progressbar', { name: /^Downloading AAL3/ });
    await bar.waitFor({ timeout: 10_000 });
    await expect.poll(() => regionRows().count(), { timeout: 60_000 }).toBe(167);
    expect(await bar.count()).toBe(0);
    expect(filesUnder(join(cache, 'aal3')).sort()).toEqual(['AAL3v1_1mm.nii.gz', 'AAL3v1_1mm.xml']);
    expect(await atlasChooser().locator('optgroup[label="On this computer"] option[value="aal3"]').count()).toBe(1);
  });

  it('says in one sentence why a download failed, and offers Retry', async () => {
    await setSettings({ mirror: REFUSING_MIRROR });
    await atlasChooser().selectOption('aal');
    const alert = page.getByRole('alert').filter({ hasText: 'could not be downloaded' });
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    expect(await alert.innerText()).toMatch(/^AAL .* could not be downloaded: .*connection was refused/);
    await alert.getByRole('button', { name: 'Retry' }).click();
    // While the retry runs the chooser shows the atlas asked for (AAL is local-only, so no option matches and it
    // reads ''); once it has failed again the alert is back and the open atlas is shown again.
    await expect.poll(() => atlasChooser().inputValue(), { timeout: 20_000 }).toBe('aal3');
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('keeps the settings and the scene across a reload', async () => {
    await page.reload();
    await expect.poll(() => regionRows().count(), { timeout: 60_000 }).toBe(167);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Mirror' }).inputValue()).toBe(REFUSING_MIRROR);
    expect(await dialog.getByRole('textbox', { name: 'Cache folder' }).inputValue()).toBe(cache);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('speaks Chinese, and keeps the language across a reload', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.waitForTimeout(1500); // the session is saved about a second after a change
    await page.reload();
    await page.getByRole('button', { name: '设置' }).click();
    const dialog = page.getByRole('dialog', { name: '设置' });
    expect(await dialog.getByRole('textbox', { name: '镜像' }).count()).toBe(1);
    expect(await dialog.getByRole('textbox', { name: '缓存文件夹' }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: '保存' }).count()).toBe(1);
    await dialog.getByRole('button', { name: '取消' }).click();
    const chooser = page.getByRole('combobox', { name: '图谱', exact: true });
    expect(await chooser.locator('optgroup[label="本机已有"]').count()).toBe(1);
    expect(await chooser.locator('optgroup[label="下载"]').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
