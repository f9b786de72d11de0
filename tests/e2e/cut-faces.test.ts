/**
 * Clipping cuts regions open and shows their cut faces, in the browser build (Chromium, software WebGL). The scene
 * is a label volume made here and installed as an FSL atlas ($FSLDIR/data/atlases): two blocks stacked along z that
 * share a face, so where the plane cuts the upper block, the first surface behind the cut is the upper block's
 * inside lying exactly on the lower block's top. The view must show the block the plane cuts, never its neighbour,
 * and hovering there must name it; a map opened over them shows on the cut face where the plane meets it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasSummary } from '../../core/api';
import { createAtlasService } from '../../main/services/create-service';
import {
  type AppSession,
  browserReady,
  canvas3d,
  drawn,
  openApp,
  shot3d,
  shotsWithAndWithoutMap,
} from '../helpers/browser';
import { writeNifti } from '../helpers/nifti-writer';
import { blobZMap } from '../helpers/blob-map';
import { countColour, distinct, warmAdded } from '../helpers/pixels';

const ready = browserReady('cut faces');

/** MNI152 2 mm grid. */
const DIMS: [number, number, number] = [91, 109, 91];
const AFFINE = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72];
/** Voxel layers (k) of the blocks: upper 40..49 (z 8..26 mm), lower 30..39 (z -12..6 mm); they meet at z = 7. */
const UPPER = [40, 50],
  LOWER = [30, 40];

function installBlocks(): string {
  const root = mkdtempSync(join(tmpdir(), 'bas-cut-faces-'));
  const dir = join(root, 'data', 'atlases');
  mkdirSync(join(dir, 'Blocks'), { recursive: true });
  const [nx, ny, nz] = DIMS;
  const data = new Array(nx * ny * nz).fill(0);
  for (let k = LOWER[0]; k < UPPER[1]; k++) {
    for (let j = 45; j < 75; j++) for (let i = 30; i < 60; i++) data[i + nx * (j + ny * k)] = k >= UPPER[0] ? 1 : 2;
  }
  writeFileSync(join(dir, 'Blocks', 'blocks-2mm.nii.gz'), writeNifti({ dims: DIMS, data, affine: AFFINE, gzip: true }));
  writeFileSync(
    join(dir, 'Blocks.xml'),
    `<?xml version="1.0"?><atlas version="1.0"><header><name>Blocks</name><type>Label</type>
<images><imagefile>/Blocks/blocks-2mm</imagefile><summaryimagefile>/Blocks/blocks-2mm</summaryimagefile></images></header>
<data><label index="1" x="45" y="60" z="45">Upper block</label><label index="2" x="45" y="60" z="35">Lower block</label></data></atlas>`,
  );
  return root;
}

describe.skipIf(!ready)('cut faces', () => {
  let session: AppSession;
  let blocks: AtlasSummary;

  beforeAll(async () => {
    const fsl = installBlocks();
    const api = await createAtlasService({
      ...process.env,
      FSLDIR: fsl,
      BRAIN_ATLAS_NO_INSTALLED: '',
      BRAIN_ATLAS_CACHE: mkdtempSync(join(tmpdir(), 'bas-e2e-cache-')),
    });
    blocks = await api.openAtlas({ id: 'fsl-blocks' });
    session = await openApp(api);
    const { page } = session;
    await page.getByRole('checkbox', { name: 'Template brain' }).uncheck();
    await page.getByRole('combobox', { name: 'Atlas', exact: true }).selectOption('fsl-blocks');
    await drawn(page, 60_000);
  });

  afterAll(async () => {
    await session?.browser.close();
    await session?.server.close();
  });

  const colourOf = (name: string) => blocks.regions.find((r) => r.name === name)!.color;

  for (const [cut, view, shown, hidden] of [
    // The discriminating case: the upper block's inside lies on the lower block's top, which comes later in the
    // geometry (a plain double-sided pass shows the lower block there).
    [{ at: 16, below: false }, 'Superior', 'Upper block', 'Lower block'],
    [{ at: -4, below: true }, 'Inferior', 'Lower block', 'Upper block'],
  ] as const) {
    it(`shows the ${shown.toLowerCase()} where the plane cuts it, seen from the ${view.toLowerCase()} side`, async () => {
      const { page, errors } = session;
      expect(distinct(colourOf(shown), colourOf(hidden))).toBe(true);
      await page.getByRole('checkbox', { name: 'Clip down–up (z)' }).check();
      await page.getByRole('slider', { name: 'down–up (z) plane (mm)' }).fill(String(cut.at));
      const flip = page.getByRole('checkbox', { name: 'Cut the down–up (z) side below the plane' });
      if ((await flip.isChecked()) !== cut.below) await flip.click();
      await page.getByRole('button', { name: view }).click();
      await drawn(page);
      const img = await shot3d(page);
      // The block's 60 × 60 mm cross-section, as a solid face in its colour; none of the neighbour behind it.
      expect(countColour(img, colourOf(shown))).toBeGreaterThan(2000);
      expect(countColour(img, colourOf(hidden))).toBeLessThan(50);
      // Hovering the middle of the face names the block the plane cuts.
      const box = (await canvas3d(page).boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await expect
        .poll(() =>
          page
            .getByRole('tooltip')
            .innerText()
            .catch(() => ''),
        )
        .toContain(shown);
      await page.getByRole('heading', { level: 1 }).hover();
      expect(errors).toEqual([]);
    });
  }

  it('shows a map on the cut face where the plane meets it, and nothing of it elsewhere', async () => {
    const { page, errors } = session;
    // A blob in the upper block, at the plane: from above, a disc about 9 mm across at threshold 2 on its cut face.
    // Painting the regions' outsides reaches 3 mm in, and the block's top (10 mm above the plane) is cut away.
    const file = join(mkdtempSync(join(tmpdir(), 'bas-cut-map-')), 'zmap_block.nii.gz');
    writeFileSync(file, blobZMap([{ peak: 6, at: [0, -7, 16], sigma: 6 }]));
    await page.getByLabel('Open map', { exact: true }).setInputFiles(file);
    await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill('2');
    await page.getByRole('checkbox', { name: 'Clip down–up (z)' }).check();
    await page.getByRole('slider', { name: 'down–up (z) plane (mm)' }).fill('16');
    const flip = page.getByRole('checkbox', { name: 'Cut the down–up (z) side below the plane' });
    if (await flip.isChecked()) await flip.click();
    await page.getByRole('button', { name: 'Superior' }).click();
    const [withMap, without] = await shotsWithAndWithoutMap(page);
    expect(warmAdded(withMap, without)).toBeGreaterThan(200);
    // Below the threshold everywhere: nothing.
    await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill('7');
    await drawn(page, 60_000);
    expect(warmAdded(await shot3d(page), without)).toBeLessThan(5);
    expect(errors).toEqual([]);
  });
});
