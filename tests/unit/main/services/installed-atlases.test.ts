import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAtlas } from '../../../../core/atlas/atlas';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { AtlasService } from '../../../../main/services/atlas-service';
import { findInstalledAtlases } from '../../../../main/services/installed-atlases';
import { ball, writeNifti } from '../../../helpers/nifti-writer';
import { AFFINE, DIMS, worldOf } from '../../../helpers/synthetic-atlas';

/** A fake $FSLDIR/data/atlases with one label atlas and one probabilistic atlas, and a fake MRIcron folder. */
function fakeInstall() {
  const root = mkdtempSync(join(tmpdir(), 'bas-installed-'));
  const fsl = join(root, 'fsl', 'data', 'atlases');
  mkdirSync(join(fsl, 'Test'), { recursive: true });
  const labels = ball(DIMS, [14, 12, 11], 3, 1);
  ball(DIMS, [4, 10, 9], 2, 2, labels);
  writeFileSync(
    join(fsl, 'Test', 'Test-labels-2mm.nii.gz'),
    writeNifti({ dims: DIMS, data: labels, affine: AFFINE, gzip: true }),
  );
  writeFileSync(
    join(fsl, 'TestLabels.xml'),
    `<?xml version="1.0"?><atlas version="1.0"><header><name>Test Labels</name><type>Label</type>
<images><imagefile>/Test/Test-labels-2mm</imagefile><summaryimagefile>/Test/Test-labels-2mm</summaryimagefile></images></header>
<data><label index="1" x="14" y="12" z="11">Left thing</label><label index="2" x="4" y="10" z="9">Right thing</label></data></atlas>`,
  );
  // Probabilistic: frame 0 = region "Alpha" (summary value 1), frame 1 = "Beta" (value 2), stored as percent.
  const n = DIMS[0] * DIMS[1] * DIMS[2];
  const a = ball(DIMS, [14, 12, 11], 3, 70);
  const b = ball(DIMS, [15, 12, 11], 3, 20);
  writeFileSync(
    join(fsl, 'Test', 'Test-prob-2mm.nii.gz'),
    writeNifti({ dims: [...DIMS, 2], data: [...a, ...b], affine: AFFINE, gzip: true }),
  );
  const summary = a.map((v, i) => (v >= b[i] ? (v ? 1 : 0) : 2)).slice(0, n);
  writeFileSync(
    join(fsl, 'Test', 'Test-maxprob-2mm.nii.gz'),
    writeNifti({ dims: DIMS, data: summary, affine: AFFINE, gzip: true }),
  );
  writeFileSync(
    join(fsl, 'TestProb.xml'),
    `<atlas><header><name>Test Prob</name><type>Probabilistic</type>
<images><imagefile>/Test/Test-prob-2mm</imagefile><summaryimagefile>/Test/Test-maxprob-2mm</summaryimagefile></images></header>
<data><label index="0" x="0" y="0" z="0">Alpha</label><label index="1" x="0" y="0" z="0">Beta</label></data></atlas>`,
  );
  const mricron = join(root, 'mricron');
  mkdirSync(mricron);
  writeFileSync(join(mricron, 'tiny.nii.gz'), writeNifti({ dims: DIMS, data: labels, affine: AFFINE, gzip: true }));
  writeFileSync(join(mricron, 'tiny.nii.txt'), '1 Tiny_L\n2 Tiny_R\n');
  writeFileSync(
    join(mricron, 'ch2.nii.gz'),
    writeNifti({ dims: DIMS, data: labels.map((v) => v * 50), affine: AFFINE, gzip: true }),
  );
  return { fslAtlasDirs: [fsl], mricronDirs: [mricron], root };
}

describe('atlases installed on the machine', () => {
  it('lists FSL and MRIcron atlases and answers queries from them, probabilities included', async () => {
    const search = fakeInstall();
    const installed = await findInstalledAtlases(search);
    expect(installed.map((i) => [i.atlas.id, i.atlas.kind, i.origin]).sort()).toEqual([
      ['fsl-testlabels', 'labels', 'fsl'],
      ['fsl-testprob', 'probabilistic', 'fsl'],
      ['mricron-ch2', 'template', 'mricron'],
      ['mricron-tiny', 'labels', 'mricron'],
    ]);
    const service = new AtlasService({
      catalog: { version: 1, atlases: [] },
      locations: { cacheDir: join(search.root, 'cache'), searchPaths: [], mirror: null },
      installed,
    });
    const list = await service.listAtlases();
    expect(list.every((l) => l.status === 'present')).toBe(true);
    const [hit] = await service.query({
      points: [worldOf(14, 12, 11)],
      atlases: ['fsl-testlabels', 'fsl-testprob', 'mricron-tiny'],
    });
    expect(hit.atlases['fsl-testlabels']).toEqual({ value: 1, name: 'Left thing' });
    expect(hit.atlases['mricron-tiny']).toEqual({ value: 1, name: 'Tiny_L' });
    // FSL's trap: label index 0 is frame 0 and value 1 of the summary image.
    expect(hit.atlases['fsl-testprob']).toEqual({
      value: 1,
      name: 'Alpha',
      probabilities: [
        { value: 1, name: 'Alpha', p: 0.7 },
        { value: 2, name: 'Beta', p: 0.2 },
      ],
    });
    const regions = (await service.openAtlas({ id: 'fsl-testlabels' })).regions;
    expect(regions.map((r) => [r.name, r.hemisphere])).toEqual([
      ['Left thing', 'left'],
      ['Right thing', 'right'],
    ]);
  });

  it('finds nothing, without error, where nothing is installed', async () => {
    expect(
      await findInstalledAtlases({ fslAtlasDirs: ['/nonexistent/fsl'], mricronDirs: ['/nonexistent/mricron'] }),
    ).toEqual([]);
  });
});

describe('an empty label volume', () => {
  it('has no regions and says why', () => {
    const vol = toLabelVolume(
      decodeNifti(writeNifti({ dims: [4, 4, 4], data: new Array(64).fill(0), dtype: 'float32' })),
    );
    const atlas = buildAtlas({ volume: vol, table: null });
    expect(atlas.regions).toEqual([]);
    expect(atlas.warnings).toContain('the volume holds no labels: every voxel is 0');
  });
});
