/**
 * The first start on a machine with nothing on it (no BRAIN_ATLAS_PATH, an empty cache, no saved session, no
 * network needed): the app's starter set alone gives Brodmann drawn in 3D inside the template brain, and the
 * slice views show the template.
 */
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasSummary } from '../../core/api';
import { createAtlasService } from '../../main/services/create-service';
import type { WebServer } from '../../main/web/web-server';
import { browserReady, drawn, openApp, shot3d } from '../helpers/browser';
import { countColour, distinct } from '../helpers/pixels';
import { decodePng } from '../helpers/png';

const ready = browserReady('first start');

describe.skipIf(!ready)('first start, offline, nothing on the machine', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let brodmann: AtlasSummary;
  /** The meshes the page asked for: atlas and detail. */
  const meshRequests: string[] = [];
  let openFineGate = () => {};
  const fineGate = new Promise<void>((resolve) => {
    openFineGate = resolve;
  });

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BRAIN_ATLAS_CACHE: mkdtempSync(join(tmpdir(), 'bas-e2e-cache-')),
      BRAIN_ATLAS_CONFIG: mkdtempSync(join(tmpdir(), 'bas-e2e-config-')),
      BRAIN_ATLAS_NO_INSTALLED: '1',
      // Any download would fail at once: nothing listens there.
      BRAIN_ATLAS_MIRROR: 'http://127.0.0.1:9',
    };
    for (const name of ['BRAIN_ATLAS_PATH', 'BRAIN_ATLAS_NO_STARTER']) delete env[name];
    const api = await createAtlasService(env);
    brodmann = await api.openAtlas({ id: 'brodmann', res: 2 });
    const getMeshes = api.getAtlasMeshes.bind(api);
    api.getAtlasMeshes = async (req) => {
      meshRequests.push(`${req.id} ${req.detail ?? 'standard'}`);
      // Brodmann's fine meshes wait for the test to have seen the standard ones drawn.
      if (req.id === 'brodmann' && req.detail === 'fine') await fineGate;
      return getMeshes(req);
    };
    ({ server, browser, page, errors } = await openApp(api, { firstStart: true }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('chooses Brodmann at the 2 mm of the starter set and draws it in the template', async () => {
    const chooser = page.getByRole('combobox', { name: 'Atlas', exact: true });
    await expect.poll(() => chooser.inputValue(), { timeout: 60_000 }).toBe('brodmann');
    await page.waitForFunction(() => document.querySelector('.app')?.textContent?.includes('Brodmann'));
    // Smooth meshes by default: drawn at standard detail first, said to be updating, then drawn at fine detail,
    // which the drawn scene waits for.
    const status = page.getByRole('status').filter({ hasText: 'Updating the meshes of Brodmann' });
    await status.waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLElement>('section[data-version]');
        return !!el && el.dataset.ready === 'false' && el.dataset.shownVersion === el.dataset.version;
      },
      null,
      { timeout: 60_000 },
    );
    const first = await shot3d(page);
    openFineGate();
    await drawn(page, 120_000);
    expect(await status.count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: 'Template brain' }).isChecked()).toBe(true);
    const img = await shot3d(page);
    // Regions with a colour of their own (told apart from the others') cover the view.
    const colours = brodmann.regions
      .filter((r) => r.voxels > 2000)
      .map((r) => r.color)
      .filter((c, i, all) => all.every((o, j) => j === i || distinct(c, o)));
    const seen = colours.filter((c) => countColour(img, c) > 100);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    // The standard meshes drawn first showed the same regions.
    expect(seen.filter((c) => countColour(first, c) > 100).length).toBeGreaterThanOrEqual(seen.length - 1);
    expect(await page.getByRole('table', { name: 'Regions of the open atlas' }).getByRole('row').count()).toBe(
      brodmann.regions.length + 1,
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Mesh detail' }).inputValue()).toBe('fine');
    expect(meshRequests.filter((r) => r.startsWith('brodmann'))).toEqual(['brodmann standard', 'brodmann fine']);
    // The glass brain is as smooth as the atlas.
    expect(meshRequests.filter((r) => r.startsWith('mni152'))).toEqual(['mni152 fine']);
  });

  it('shows the template in the slice views', async () => {
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('.slice-grid')?.dataset.ready === 'true',
      null,
      {
        timeout: 60_000,
      },
    );
    const axial = decodePng(await page.getByRole('application', { name: 'Axial' }).screenshot());
    // Grey levels of the T1 image (not the atlas's colours, not the black background).
    let grey = 0;
    for (let o = 0; o < axial.data.length; o += 4) {
      const [r, g, b] = [axial.data[o], axial.data[o + 1], axial.data[o + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) < 8 && r > 60 && r < 240) grey++;
    }
    expect(grey / (axial.width * axial.height)).toBeGreaterThan(0.05);
    expect(errors).toEqual([]);
  });
});
