/**
 * Part of `npm run bench:browser`: the Topography panel's "Minimum probability" slider on Retinotopy (Wang 2015
 * probability maps, 1 mm), in the web app over the real atlases. For each threshold, timed inside the page:
 * - slider_to_drawn_ms: from the slider's value changing (the panel waits for the thumb to rest 300 ms, included)
 *   to the first frame drawn with the maps at that threshold (the 3D view's data-version moved on, data-ready and
 *   data-drawn-version === data-version);
 * - longest_page_task_ms: the longest task on the page's main thread meanwhile (PerformanceObserver 'longtask',
 *   tasks of 50 ms and more; 0 when none): what a person dragging the slider would feel as a freeze. Meshing runs
 *   in a worker (renderer/src/model/probability-meshing.ts); what is left on the page is decoding the answer,
 *   building the layer's GPU buffers and drawing.
 * The engine's thresholded grids are made once beforehand (the server caches four), so the figures are the page's.
 */
import type { Browser, Page } from 'playwright-core';
import { RENDERER, drawn, realAtlasService } from '../helpers/browser';
import { startWebServer } from '../../main/web/web-server';

const THRESHOLDS = [50, 20, 70] as const;
const round = (v: number) => Math.round(v * 10) / 10;

async function timeThreshold(page: Page, percent: number): Promise<{ ms: number; longestTask: number }> {
  return page.evaluate(
    (value) =>
      new Promise<{ ms: number; longestTask: number }>((done, fail) => {
        const view = document.querySelector<HTMLElement>('section[data-version]');
        const slider = document.querySelector<HTMLInputElement>('input[type="range"]#min-probability');
        if (!view || !slider) return fail(new Error('3D view or "Minimum probability" slider not found'));
        let longestTask = 0;
        const tasks = new PerformanceObserver((l) => {
          for (const e of l.getEntries()) longestTask = Math.max(longestTask, e.duration);
        });
        tasks.observe({ entryTypes: ['longtask'] });
        const before = Number(view.dataset.version);
        const t0 = performance.now();
        const check = () => {
          const d = view.dataset;
          if (Number(d.version) > before && d.ready === 'true' && d.drawnVersion === d.version) {
            observer.disconnect();
            // Tasks are reported after they end: let the last one in.
            setTimeout(() => {
              tasks.disconnect();
              done({ ms: performance.now() - t0, longestTask });
            }, 100);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(view, { attributes: true });
        // As a person moving the thumb: React hears the input event (the native setter keeps React's tracker right).
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(slider, String(value));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    percent,
  );
}

export async function benchProbability(browser: Browser, runs: number) {
  const api = await realAtlasService();
  for (const threshold of THRESHOLDS) await api.getProbabilityGrid({ id: 'wang2015', res: 1, threshold });
  const server = await startWebServer({ api, staticDir: RENDERER });
  const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const out: Record<string, { slider_to_drawn_ms: number[]; longest_page_task_ms: number[] }> = {};
  try {
    await page.goto(server.url);
    await page.getByRole('combobox', { name: 'Resolution' }).selectOption({ label: '2 mm' });
    await page.getByRole('checkbox', { name: 'Template brain' }).uncheck();
    const panel = page.getByRole('region', { name: 'Topography' });
    await panel.getByRole('heading', { name: 'Topography' }).click();
    await panel.getByRole('combobox', { name: 'Topographic map' }).selectOption({ label: 'Retinotopy' });
    await panel.getByRole('slider', { name: 'Minimum probability' }).waitFor({ timeout: 60_000 });
    await drawn(page, 120_000);
    for (let r = 0; r < runs; r++)
      for (const t of THRESHOLDS) {
        const { ms, longestTask } = await timeThreshold(page, t);
        const row = (out[`${t}%`] ??= { slider_to_drawn_ms: [], longest_page_task_ms: [] });
        row.slider_to_drawn_ms.push(round(ms));
        row.longest_page_task_ms.push(round(longestTask));
      }
  } finally {
    await page.close();
    await server.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    atlas: 'wang2015 (1 mm probability maps), Retinotopy, thresholds in turn',
    thresholds: Object.fromEntries(
      Object.entries(out).map(([k, v]) => [
        k,
        {
          slider_to_drawn_ms: { median: median(v.slider_to_drawn_ms), runs: v.slider_to_drawn_ms },
          longest_page_task_ms: { median: median(v.longest_page_task_ms), max: Math.max(...v.longest_page_task_ms) },
        },
      ]),
    ),
  };
}
