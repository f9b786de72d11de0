import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ball, writeNifti } from '../../../../helpers/nifti-writer';
import { captureCli } from '../../../../helpers/run-cli';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas, worldOf } from '../../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas regions', () => {
  it('prints one JSON record per region with exact counts, volumes and centroids', async () => {
    const r = await cli('regions', 'synth', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out);
    const count = (v: number) => s.labels.filter((x) => x === v).length;
    expect(rows).toEqual([
      {
        value: 1,
        name: '7Networks_LH_Vis_1',
        hemisphere: 'left',
        network: 'Visual',
        voxels: count(1),
        volume_mm3: count(1) * 8,
        centroid: worldOf(14, 12, 11),
      },
      {
        value: 2,
        name: '7Networks_RH_Default_PFC_1',
        hemisphere: 'right',
        network: 'Default',
        voxels: count(2),
        volume_mm3: count(2) * 8,
        centroid: worldOf(4, 10, 9),
      },
    ]);
    expect(r.err).toMatch(/warning: 1 label in the table has no voxels in the volume: 3/);
  });

  it('prints CSV with a header', async () => {
    const r = await cli('regions', 'synth', '--csv');
    expect(r.out.split('\n')[0]).toBe('value,name,hemisphere,network,voxels,volume_mm3,x,y,z');
    expect(r.out.split('\n')[1]).toMatch(/^1,7Networks_LH_Vis_1,left,Visual,\d+,\d+,-10,0,0$/);
  });

  it('reads any label volume with --file, finding the table beside it or taking --labels', async () => {
    const vol = join(s.root, 'mine.nii.gz');
    writeFileSync(vol, writeNifti({ dims: DIMS, data: ball(DIMS, [10, 10, 10], 2, 5), affine: AFFINE, gzip: true }));
    writeFileSync(join(s.root, 'mine.tsv'), 'index\tname\n5\tMy region\n');
    const found = JSON.parse((await cli('regions', '--file', vol, '--json')).out);
    expect(found[0]).toMatchObject({ value: 5, name: 'My region', centroid: worldOf(10, 10, 10) });
    writeFileSync(join(s.root, 'other.csv'), '5,Other name\n');
    const given = JSON.parse(
      (await cli('regions', '--file', vol, '--labels', join(s.root, 'other.csv'), '--json')).out,
    );
    expect(given[0].name).toBe('Other name');
  });
});

describe('brain-atlas regions --file A --labels T, where T names no region', () => {
  const vol = () => {
    const path = join(s.root, 'A.nii.gz');
    writeFileSync(path, writeNifti({ dims: DIMS, data: ball(DIMS, [10, 10, 10], 2, 5), affine: AFFINE, gzip: true }));
    return path;
  };
  const garbage = Uint8Array.from({ length: 512 }, (_, i) => (i * 97 + 13) & 255);
  const cases: [string, string, string | Uint8Array][] = [
    ['binary garbage', 'T.bin', garbage],
    ['an empty file', 'T.txt', ''],
    ['a GIFTI file with no labels', 'T.label.gii', '<?xml version="1.0"?><GIFTI><LabelTable></LabelTable></GIFTI>'],
    ['XML of another kind', 'T.xml', '<?xml version="1.0"?><project><name>x</name></project>'],
    ['JSON of another kind', 'T.json', '{"Name": "a dataset description", "BIDSVersion": "1.8.0"}'],
    ['JSON cut short', 'T2.json', '{"rois": {"5": {"label": "A"'],
    ['a table naming only background', 'T.csv', '0,empty\n'],
    ['a table naming only value 0', 'T0.csv', '0,Something\n'],
  ];

  it.each(cases)('%s: exit 1, one line on stderr naming T, nothing on stdout', async (_what, name, content) => {
    const table = join(s.root, name);
    writeFileSync(table, content);
    const r = await cli('regions', '--file', vol(), '--labels', table);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toContain(`${name}: `);
    expect(r.err).not.toMatch(/warning|Label 5|TypeError|RangeError|undefined|\n\s+at /);
  });
});
