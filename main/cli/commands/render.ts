/**
 * `brain-atlas render SCENE --out FIG.png|.svg|.pdf [--width W --height H --dpi D --transparent]`: renders a scene
 * file without a window. The scene's maps are opened in this process's engine, which serves the built renderer on
 * loopback to a Chromium or Chrome found on this machine (headless-browser.ts), run headless with software WebGL;
 * the page applies the scene and exports the figure with the same code as the window's Export figure. What the
 * scene file names that has changed is a warning; what cannot be shown at all (an atlas not on this computer, a
 * missing map) stops the command before anything is written.
 */
import path from 'node:path';
import { RENDER_HOOK, type RenderAnswer, type RenderHook } from '../../../core/scene/render-contract';
import type { BrainScene } from '../../../core/scene/scene-file';
import { AtlasError } from '../../../core/errors';
import { rendererDir } from '../../services/app-paths';
import { createAtlasService } from '../../services/create-service';
import { findChromium, headlessArgs } from '../../services/headless-browser';
import { readSceneFile } from '../../services/scene-files';
import { startWebServer } from '../../web/web-server';
import { UsageError } from '../args';
import type { CliCommand } from '../command';
import { parseNumberFlag } from '../options';
import { checkOutputPaths, writeFilesAtomically } from '../write-files';

/** How long the page may take to open the scene's atlases and maps and export (software GL is slow). */
const RENDER_TIMEOUT_MS = 10 * 60_000;

export const renderCommand: CliCommand = {
  options: ['out', 'width', 'height', 'dpi', 'transparent'],
  async run({ io, rest, args }) {
    if (rest.length !== 1) throw new UsageError('render needs one scene file: brain-atlas render S.brainscene.json');
    const out = args.values.get('out');
    if (!out) throw new UsageError('render needs --out FIG.png, FIG.svg or FIG.pdf');
    const format = path.extname(out).slice(1).toLowerCase();
    if (format !== 'png' && format !== 'svg' && format !== 'pdf')
      throw new UsageError(`--out must end in .png, .svg or .pdf, got "${out}"`);
    const side = (n: number) => Number.isInteger(n) && n >= 16 && n <= 16384;
    const overrides: Partial<BrainScene['figure']> = { format };
    const width = parseNumberFlag(args, 'width', side, 'a whole number of pixels from 16 to 16384');
    const height = parseNumberFlag(args, 'height', side, 'a whole number of pixels from 16 to 16384');
    const dpi = parseNumberFlag(args, 'dpi', (n) => n >= 1 && n <= 10000, 'dots per inch from 1 to 10000');
    if (width !== undefined) overrides.width = width;
    if (height !== undefined) overrides.height = height;
    if (dpi !== undefined) overrides.dpi = dpi;
    if (args.flags.has('transparent')) overrides.transparent = true;
    const chromiumPath = findChromium(io.env);
    // Before the browser starts: a folder that is not there would otherwise be found only when the figure is drawn.
    await checkOutputPaths([out]);

    const service = await createAtlasService(io.env);
    const sceneFile = path.resolve(rest[0]);
    const { scene, dir, problems } = await readSceneFile(sceneFile, service);
    for (const p of problems) io.err(`brain-atlas render: ${p}`);
    for (const m of scene.maps) {
      try {
        await service.maps.openMapFile(path.resolve(dir, m.path));
      } catch (e) {
        io.err(`brain-atlas render: ${e instanceof AtlasError ? e.message : (e as Error).message}`);
      }
    }
    const server = await startWebServer({ api: service, staticDir: rendererDir(io.env), port: 0 });
    let answer: RenderAnswer;
    try {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: chromiumPath, args: headlessArgs() });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
        page.setDefaultTimeout(RENDER_TIMEOUT_MS);
        const pageErrors: string[] = [];
        page.on('pageerror', (e) => pageErrors.push(e.message));
        await page.goto(`${server.url}&render=1`);
        await page.waitForFunction(
          (hook) => typeof (window as unknown as Record<string, unknown>)[hook] === 'function',
          RENDER_HOOK,
        );
        try {
          answer = await page.evaluate(
            ([hook, text, o]) => (window as unknown as Record<string, RenderHook>)[hook](text, o),
            [RENDER_HOOK, JSON.stringify(scene), overrides] as const,
          );
        } catch (e) {
          const why = pageErrors[0] ?? (e as Error).message.split('\n')[0];
          throw new AtlasError('invalid-argument', `the page could not render the scene: ${why}`);
        }
      } finally {
        await browser.close();
      }
    } finally {
      await server.close();
    }
    if (answer.problems.length > 0) {
      // A figure without what the scene asks for would pass for the real one in a script: write nothing.
      throw new AtlasError(
        'not-found',
        `the figure was not written because the scene could not be shown as saved: ${answer.problems.join('; ')}`,
      );
    }
    for (const note of answer.notes ?? []) io.err(`brain-atlas render: warning: ${note}`);
    await writeFilesAtomically([{ path: out, bytes: Buffer.from(answer.base64, 'base64') }]);
    io.out(`wrote ${out} (${answer.width} × ${answer.height} ${format.toUpperCase()}, drawn by ${chromiumPath})`);
    return 0;
  },
};
