/**
 * `npm run bench:browser`: the browser build against NiiVue, in the same headless Chromium (software WebGL,
 * flags from DESIGN.md), printed as JSON (never a test, never gating CI). Timings are taken inside the page
 * (performance.now), so the DevTools round trips of playwright are not counted.
 *
 * - atlas_to_meshes_drawn_ms: the web app (`npm run web` equivalent: the loopback server over the real atlases),
 *   at the app's default mesh detail (fine), AAL3 1 mm's meshes at both details already in the server's mesh
 *   cache; from choosing AAL3 in the "Atlas" combobox to the first frame that shows its meshes inside the template
 *   (the standard ones, drawn first: the 3D view's data-shown-version === data-version after the scene changed).
 *   atlas_to_fine_meshes_drawn_ms: to the frame that shows its fine meshes (data-ready as well: nothing pending).
 *   The page is reloaded before each repetition, so nothing is kept in the browser.
 * - hover_to_tooltip_ms: from the pointer's first move onto a region (pointermove on the canvas) to the tooltip
 *   (role tooltip) naming that region, alternating between two regions found beforehand.
 * - niivue: NiiVue 0.69 (node_modules/@niivue/niivue, bundled for the browser once with esbuild, outside the
 *   timing) in a small page served by a loopback static server of its own; from the page's first script to the
 *   first animation frame after `loadVolumes` of the MNI152 1 mm template + AAL3 1 mm as a label overlay resolved,
 *   in NiiVue's 3D render view. Fresh page each repetition.
 *
 * - figures: `brain-atlas render`'s page (`?render=1`) with a scene of AAL3 1 mm and a synthetic z-map (left
 *   lateral): the export alone (exportMs, timed in the page after the scene is drawn) of a 3840 × 2160 PNG, and of
 *   the four-view layout as an A4-wide figure at 300 DPI (2480 × 1754 PNG).
 *
 * - probability: the Topography panel's "Minimum probability" slider (probability-bench.ts): slider to drawn, and
 *   the longest task on the page's main thread meanwhile (meshing runs in a worker), at three thresholds.
 *
 * BENCH_RUNS repetitions (5; the slider 3 at most); median and min. BENCH_BROWSER=app,niivue,figures,probability
 * (all by default) picks the parts. Needs /usr/bin/chromium (CHROMIUM_PATH), a built renderer
 * (`npx vite build`) and the atlases (BRAIN_ATLAS_PATH, else ../shared/atlases); what is missing is reported.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Page, chromium } from 'playwright-core';
import { build } from 'esbuild';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER, canvas3d, drawn, realAtlasService } from '../helpers/browser';
import { SHARED } from '../helpers/shared-atlases';
import { appRoot } from '../../main/services/app-paths';
import { RENDER_HOOK, type RenderHook } from '../../core/scene/render-contract';
import { type BrainScene, defaultScene } from '../../core/scene/scene-file';
import { blobZMap } from '../helpers/blob-map';
import { EMPTY_SESSION } from '../helpers/sessions';
import { DEFAULT_MESH_DETAIL } from '../../core/mesh/types';
import { startWebServer } from '../../main/web/web-server';
import { benchProbability } from './probability-bench';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ATLAS = 'aal3';
const VIEWPORT = { width: 1280, height: 800 };
const TEMPLATE_FILE = 'mni152/MNI152NLin6_res-1x1x1_T1w_descr-brain.nii.gz';
const AAL3_FILE = 'aal3/AAL3v1_1mm.nii.gz';

const round = (v: number) => Math.round(v * 10) / 10;
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: round(s[Math.floor(s.length / 2)]), min: round(s[0]), runs: xs.map(round) };
}

/** From choosing `id` to its first meshes drawn, and to the scene drawn with nothing pending (its fine meshes). */
async function timeChooseAtlas(page: Page, id: string): Promise<[number, number]> {
  return page.evaluate(
    (atlasId) =>
      new Promise<[number, number]>((done, fail) => {
        const view = document.querySelector<HTMLElement>('section[data-version]');
        const select = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Atlas')
          ?.control as HTMLSelectElement | null;
        if (!view || !select) return fail(new Error('3D view or Atlas combobox not found'));
        const before = Number(view.dataset.version);
        const t0 = performance.now();
        let first = -1;
        const check = () => {
          const d = view.dataset;
          if (Number(d.version) <= before) return;
          if (first < 0 && d.shownVersion === d.version) first = performance.now() - t0;
          if (d.ready === 'true' && d.drawnVersion === d.version) {
            if (first < 0) first = performance.now() - t0;
            observer.disconnect();
            done([first, performance.now() - t0]);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(view, { attributes: true });
        select.value = atlasId;
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    id,
  );
}

/** Points on the canvas (page coordinates) where hovering shows a tooltip, with the region name shown. */
async function findHoverPoints(page: Page, want: number): Promise<{ x: number; y: number; name: string }[]> {
  const box = (await canvas3d(page).boundingBox())!;
  const found: { x: number; y: number; name: string }[] = [];
  for (let gy = 0.4; gy <= 0.7 && found.length < want; gy += 0.1) {
    for (let gx = 0.35; gx <= 0.7 && found.length < want; gx += 0.07) {
      const x = box.x + box.width * gx,
        y = box.y + box.height * gy;
      await page.mouse.move(x, y);
      const tip = page.getByRole('tooltip');
      try {
        await tip.waitFor({ state: 'visible', timeout: 1500 });
      } catch {
        continue;
      }
      const name = (await tip.locator('.tooltip-name').innerText()).trim();
      if (!found.some((f) => f.name === name)) found.push({ x, y, name });
    }
  }
  return found;
}

/** Moves the pointer to (x, y) and resolves with the ms from the canvas's pointermove to the tooltip naming `name`. */
async function timeHover(page: Page, x: number, y: number, name: string): Promise<number> {
  // Listen first (awaited), then move: the move must not reach the page before the listeners do.
  await page.evaluate((want) => {
    const w = window as unknown as { __hover?: Promise<number> };
    w.__hover = new Promise<number>((done, fail) => {
      // Listened on the document (capture): whichever layer over the canvas gets the move, it is the hover's start.
      const canvas = document;
      let t0 = -1;
      const onMove = () => {
        if (t0 < 0) t0 = performance.now();
      };
      canvas.addEventListener('pointermove', onMove);
      const check = () => {
        const tip = document.querySelector('[role="tooltip"] .tooltip-name');
        if (t0 >= 0 && tip && tip.textContent?.trim() === want) {
          observer.disconnect();
          canvas.removeEventListener('pointermove', onMove);
          done(performance.now() - t0);
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      setTimeout(() => {
        const shown = document.querySelector('[role="tooltip"] .tooltip-name')?.textContent ?? 'no tooltip';
        fail(new Error(`no tooltip naming ${want} within 10 s (pointermove seen: ${t0 >= 0}; shown: ${shown})`));
      }, 10_000);
    });
  }, name);
  await page.mouse.move(x, y);
  return page.evaluate(() => (window as unknown as { __hover: Promise<number> }).__hover);
}

async function benchApp(browser: import('playwright-core').Browser) {
  const api = await realAtlasService();
  // Each page opens with nothing chosen (not the scene the page before saved as it closed), at the app's default
  // mesh detail, which draws standard meshes first, then fine ones.
  const emptyScene = async () => {
    await api.saveSession({ session: { ...EMPTY_SESSION, meshDetail: DEFAULT_MESH_DETAIL } });
    await api.endSession();
  };
  // The atlas and its meshes in the server's caches, as for an atlas opened before.
  await api.openAtlas({ id: ATLAS });
  await api.getAtlasMeshes({ id: ATLAS, detail: 'standard' });
  await api.getAtlasMeshes({ id: ATLAS, detail: 'fine' });
  const server = await startWebServer({ api, staticDir: RENDERER });
  const choose: number[] = [];
  const chooseFine: number[] = [];
  const hover: number[] = [];
  let regions: string[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      await emptyScene();
      const page = await browser.newPage({ locale: 'en-US', viewport: VIEWPORT });
      try {
        await page.goto(server.url);
        await page
          .getByRole('combobox', { name: 'Atlas', exact: true })
          .locator(`option[value="${ATLAS}"]`)
          .waitFor({ state: 'attached', timeout: 30_000 });
        await drawn(page, 60_000); // the template, before the atlas is chosen
        const chosen = await page.getByRole('combobox', { name: 'Atlas', exact: true }).inputValue();
        if (chosen !== '') throw new Error(`the page opened with ${chosen} chosen, not an empty scene`);
        const [first, fine] = await timeChooseAtlas(page, ATLAS);
        choose.push(first);
        chooseFine.push(fine);
        if (r === 0) {
          const points = await findHoverPoints(page, 2);
          regions = points.map((p) => p.name);
          if (points.length < 2) throw new Error(`found ${points.length} hoverable regions on the canvas, need 2`);
          // Alternate between the two regions; the first move onto each is what is timed.
          for (let h = 0; h < RUNS * 2; h++) {
            const p = points[h % 2];
            hover.push(await timeHover(page, p.x, p.y, p.name));
          }
        }
      } finally {
        await page.close();
        // The page saves its scene as it closes: let that land before the next empty scene is saved.
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await server.close();
  }
  return {
    atlas: `${ATLAS} (finest variant: 1 mm)`,
    atlas_to_meshes_drawn_ms: stats(choose),
    atlas_to_fine_meshes_drawn_ms: stats(chooseFine),
    hover_to_tooltip_ms: { ...stats(hover), regions },
  };
}

/** Export times in the render page: a 3840 × 2160 PNG and the four-view layout, A4 wide at 300 DPI. */
async function benchFigures(browser: import('playwright-core').Browser) {
  const api = await realAtlasService();
  const dir = mkdtempSync(join(tmpdir(), 'bas-bench-figures-'));
  const mapFile = join(dir, 'zmap.nii.gz');
  writeFileSync(mapFile, blobZMap([{ peak: 6, at: [-38, -22, 56], sigma: 6 }]));
  const info = await api.maps.openMapFile(mapFile);
  await api.openAtlas({ id: ATLAS });
  await api.getAtlasMeshes({ id: ATLAS });
  const scene: BrainScene = {
    ...defaultScene(),
    atlases: [{ slot: 0, id: ATLAS, variant: '1mm', sha256: null, opacity: 1 }],
    maps: [
      {
        path: 'zmap.nii.gz',
        sha256: info.sha256,
        frame: 0,
        visible: true,
        colormap: 'red-yellow',
        posThreshold: 3.1,
        negThreshold: 3.1,
        max: 6,
        opacity: 1,
        show: 'positive',
      },
    ],
  };
  const server = await startWebServer({ api, staticDir: RENDERER });
  const page = await browser.newPage({ locale: 'en-US', viewport: VIEWPORT });
  const exportMs = (figure: Partial<BrainScene['figure']>) =>
    page.evaluate(
      async ([hook, text, f]) => (await (window as unknown as Record<string, RenderHook>)[hook](text, f)).exportMs,
      [RENDER_HOOK, JSON.stringify(scene), figure] as const,
    );
  const uhd: number[] = [];
  const four: number[] = [];
  try {
    await page.goto(`${server.url}&render=1`);
    await page.waitForFunction(
      (hook) => typeof (window as unknown as Record<string, unknown>)[hook] === 'function',
      RENDER_HOOK,
      {
        timeout: 60_000,
      },
    );
    const runs = Math.min(RUNS, 3);
    for (let r = 0; r < runs; r++) uhd.push(await exportMs({ format: 'png', width: 3840, height: 2160 }));
    for (let r = 0; r < runs; r++)
      four.push(await exportMs({ format: 'png', layout: 'four', width: 2480, height: 1754, dpi: 300 }));
  } finally {
    await page.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    scene: `${ATLAS} 1 mm + a z-map, left lateral`,
    png_3840x2160_ms: stats(uhd),
    four_views_a4_300dpi_2480x1754_ms: stats(four),
  };
}

/** NiiVue's page: the timing starts at its first script, before the library itself is loaded. */
const NIIVUE_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>NiiVue</title>
<script>window.__t0 = performance.now();</script>
<style>html,body{margin:0;height:100%;background:#000}canvas{width:100%;height:100%;display:block}</style></head>
<body><canvas id="gl"></canvas>
<script type="module">
import { Niivue } from '/niivue.js';
const nv = new Niivue({ backColor: [0, 0, 0, 1], show3Dcrosshair: false });
await nv.attachTo('gl');
nv.setSliceType(nv.sliceTypeRender);
await nv.loadVolumes([
  { url: '/template.nii.gz' },
  { url: '/atlas.nii.gz', colormap: 'random', opacity: 1 },
]);
requestAnimationFrame(() => {
  window.__niivue = { ms: performance.now() - window.__t0, volumes: nv.volumes.length, dims: nv.volumes.map((v) => Array.from(v.hdr.dims).slice(1, 4)) };
});
</script></body></html>`;

async function benchNiivue(browser: import('playwright-core').Browser, atlasDir: string) {
  const pkg = join(appRoot(), 'node_modules', '@niivue', 'niivue');
  const entry = join(pkg, 'build', 'niivue', 'index.js');
  if (!existsSync(entry)) return { skipped: `${entry} not found (npm install)` };
  const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const tmp = mkdtempSync(join(tmpdir(), 'bas-niivue-'));
  try {
    // NiiVue's package ships ES modules with bare imports; one browser bundle of them, made before any timing.
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outfile: join(tmp, 'niivue.js'),
      logLevel: 'error',
      minify: true,
    });
    const files: Record<string, { path: string; type: string }> = {
      '/': { path: '', type: 'text/html' },
      '/niivue.js': { path: join(tmp, 'niivue.js'), type: 'text/javascript' },
      '/template.nii.gz': { path: join(atlasDir, TEMPLATE_FILE), type: 'application/octet-stream' },
      '/atlas.nii.gz': { path: join(atlasDir, AAL3_FILE), type: 'application/octet-stream' },
    };
    for (const [url, f] of Object.entries(files))
      if (f.path && !existsSync(f.path)) return { skipped: `${url}: ${f.path} not found` };
    const server = createServer((req, res) => {
      const f = files[(req.url ?? '/').split('?')[0]];
      if (!f) {
        res.writeHead(404).end();
        return;
      }
      const body = f.path ? readFileSync(f.path) : Buffer.from(NIIVUE_PAGE);
      res
        .writeHead(200, { 'Content-Type': f.type, 'Content-Length': body.length, 'Cache-Control': 'no-store' })
        .end(body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const times: number[] = [];
    let info: unknown = null;
    try {
      for (let r = 0; r < RUNS; r++) {
        const page = await browser.newPage({ viewport: VIEWPORT });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        try {
          await page.goto(url);
          const handle = await page
            .waitForFunction(() => (window as unknown as { __niivue?: unknown }).__niivue, null, {
              timeout: 120_000,
              polling: 20,
            })
            .catch((e: Error) => {
              throw new Error(`NiiVue did not draw: ${errors.join('; ') || e.message}`);
            });
          const result = (await handle.jsonValue()) as { ms: number; volumes: number };
          if (result.volumes !== 2) throw new Error(`NiiVue loaded ${result.volumes} volumes, expected 2`);
          times.push(result.ms);
          info = result;
        } finally {
          await page.close();
        }
      }
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
    return {
      version,
      view: '3D render (sliceTypeRender), AAL3 as a label overlay (colormap random)',
      files: [TEMPLATE_FILE, AAL3_FILE],
      load_and_draw_ms: stats(times),
      last: info,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const atlasDir = SHARED ?? resolve(appRoot(), '..', 'shared', 'atlases');
  const missing = [
    !existsSync(CHROMIUM) && `${CHROMIUM} (apt-get install chromium)`,
    !existsSync(join(RENDERER, 'index.html')) && `${RENDERER}/index.html (npx vite build)`,
    !SHARED && 'the atlas folder (BRAIN_ATLAS_PATH)',
  ].filter(Boolean);
  if (missing.length > 0) {
    process.stdout.write(JSON.stringify({ skipped: `missing: ${missing.join(', ')}` }) + '\n');
    return;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // Interleave nothing: the app first, then NiiVue, in the same browser process and run.
    const failed = (e: unknown) => ({ error: (e as Error).message ?? String(e) });
    const asked = (process.env.BENCH_BROWSER ?? 'app,niivue,figures,probability').split(',');
    const part = <T>(name: string, run: () => Promise<T>) =>
      asked.includes(name) ? run().catch(failed) : Promise.resolve({ skipped: 'not in BENCH_BROWSER' });
    const app = await part('app', () => benchApp(browser));
    const niivue = await part('niivue', () => benchNiivue(browser, atlasDir));
    const figures = await part('figures', () => benchFigures(browser));
    const probability = await part('probability', () => benchProbability(browser, Math.min(RUNS, 3)));
    const a = 'atlas_to_meshes_drawn_ms' in app ? app.atlas_to_meshes_drawn_ms.median : null;
    const n = 'load_and_draw_ms' in niivue ? niivue.load_and_draw_ms!.median : null;
    process.stdout.write(
      JSON.stringify(
        {
          chromium: browser.version(),
          viewport: VIEWPORT,
          runs: RUNS,
          app,
          niivue,
          figures,
          probability,
          ratio_niivue_over_app_median: n && a ? Math.round((n / a) * 100) / 100 : null,
          note: 'software WebGL (SwiftShader) on a 2-core VM shared with other work; compare medians and minimums from the same run',
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`bench:browser: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
