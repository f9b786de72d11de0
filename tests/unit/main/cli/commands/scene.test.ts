/**
 * `brain-atlas scene new` and `scene check` over the synthetic atlas: what the written scene file holds (checked
 * against independently computed checksums), the errors, and check's list of what is missing or has changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';
import { writeNifti } from '../../../../helpers/nifti-writer';
import { captureCli } from '../../../../helpers/run-cli';

let s: SyntheticAtlas;
let twoSided: string;
let positive: string;
beforeAll(() => {
  s = makeSyntheticAtlas();
  mkdirSync(join(s.root, 'stats'), { recursive: true });
  const n = DIMS[0] * DIMS[1] * DIMS[2];
  // Values from -6.5 up to 9.25 (two-signed), and a map with positive values only, peaking at 4.
  const two = Array.from({ length: n }, (_, i) => (i === 7 ? -6.5 : i === 100 ? 9.25 : (i % 7) - 3));
  twoSided = join(s.root, 'stats', 'zstat1.nii.gz');
  writeFileSync(
    twoSided,
    writeNifti({ dims: DIMS, data: two, dtype: 'float32', affine: AFFINE, sformCode: 4, gzip: true }),
  );
  const pos = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 4 : 0));
  positive = join(s.root, 'stats', 'pos.nii');
  writeFileSync(positive, writeNifti({ dims: DIMS, data: pos, dtype: 'int16', affine: AFFINE, sformCode: 4 }));
});

const cli = (...argv: string[]) => captureCli(s.env, argv);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const readScene = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('brain-atlas scene new', () => {
  it('writes the atlases with the catalog sha256 and the maps relative to the scene, with their sha256', async () => {
    const out = join(s.root, 'figures', 'fig1.brainscene.json');
    const r = await cli(
      'scene',
      'new',
      '--atlas',
      'synth',
      '--map',
      twoSided,
      '--view',
      'superior',
      '--layout',
      'four',
      '--width',
      '800',
      '--height',
      '600',
      '--dpi',
      '150',
      '--transparent',
      '--format',
      'svg',
      '--lang',
      'zh',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(out);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"version": 1,$/);
    const scene = readScene(out);
    expect(scene.app).toBe('brain-atlas-studio');
    expect(scene.lang).toBe('zh');
    const labels = s.catalog.atlases[0].variants[0].files.find((f) => f.role === 'labels');
    expect(scene.atlases).toEqual([{ slot: 0, id: 'synth', variant: '2mm', sha256: labels?.sha256, opacity: 1 }]);
    expect(scene.atlases[0].sha256).toBe(sha(join(s.dir, 'synth', 'synth_2mm.nii.gz')));
    expect(scene.maps).toEqual([
      {
        path: '../stats/zstat1.nii.gz',
        sha256: sha(twoSided),
        frame: 0,
        visible: true,
        colormap: 'hot',
        posThreshold: 3.1,
        negThreshold: 3.1,
        max: 9.25,
        opacity: 1,
        show: 'both',
      },
    ]);
    expect(scene.camera).toEqual({ view: 'superior', position: null, target: null, up: null });
    expect(scene.figure).toEqual({
      layout: 'four',
      lightbox: { plane: 'axial', count: 12 },
      panelLetters: false,
      labels: [],
      format: 'svg',
      width: 800,
      height: 600,
      dpi: 150,
      transparent: true,
    });
  });

  it('takes a one-signed map with red-yellow, its own threshold, and defaults for the rest', async () => {
    const out = join(s.root, 'stats', 'pos.brainscene.json');
    const r = await cli('scene', 'new', '--map', positive, '--threshold', '2.3', '--out', out);
    expect(r.code).toBe(0);
    const scene = readScene(out);
    expect(scene.atlases).toEqual([]);
    expect(scene.maps[0]).toMatchObject({
      path: 'pos.nii',
      sha256: sha(positive),
      colormap: 'red-yellow',
      show: 'positive',
      posThreshold: 2.3,
      negThreshold: 2.3,
      max: 4,
    });
    expect(scene.camera.view).toBe('left-lateral');
    expect(scene.figure).toMatchObject({ layout: 'current', format: 'png', width: 1920, height: 1080, dpi: 300 });
    expect(scene.lang).toBe('en');
  });

  it('writes the slices and lightbox layouts, with the lightbox slice count and orientation', async () => {
    const box = join(s.root, 'lightbox.brainscene.json');
    const r = await cli(
      'scene',
      'new',
      '--layout',
      'lightbox',
      '--slices',
      '20',
      '--slice-orientation',
      'coronal',
      '--out',
      box,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readScene(box).figure).toMatchObject({ layout: 'lightbox', lightbox: { plane: 'coronal', count: 20 } });
    const labelled = join(s.root, 'labelled.brainscene.json');
    expect((await cli('scene', 'new', '--label', 'synth:1,synth:2', '--out', labelled)).code).toBe(0);
    expect(readScene(labelled).figure.labels).toEqual(['synth:1', 'synth:2']);
    const three = join(s.root, 'slices.brainscene.json');
    expect((await cli('scene', 'new', '--layout', 'slices', '--out', three)).code).toBe(0);
    expect(readScene(three).figure).toMatchObject({ layout: 'slices', lightbox: { plane: 'axial', count: 12 } });
  });

  it('fails with one line when an atlas is unknown or not on this computer, or a map is missing', async () => {
    const out = join(s.root, 'err.brainscene.json');
    const remote = await cli('scene', 'new', '--atlas', 'synth,synth-remote', '--out', out);
    expect(remote.code).toBe(1);
    expect(remote.err).toBe(
      'brain-atlas: atlas synth-remote is not on this computer; run `brain-atlas fetch synth-remote`',
    );
    const unknown = await cli('scene', 'new', '--atlas', 'nope', '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^brain-atlas: no atlas 'nope' in the catalog/);
    expect(unknown.err.split('\n')).toHaveLength(1);
    const noMap = await cli('scene', 'new', '--map', join(s.root, 'stats', 'absent.nii.gz'), '--out', out);
    expect(noMap.code).toBe(1);
    expect(noMap.err).toMatch(/^brain-atlas: absent\.nii\.gz: no such file/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses bad arguments with a usage error (exit 2)', async () => {
    const out = join(s.root, 'usage.brainscene.json');
    const cases: [string[], string][] = [
      [['scene', 'new', '--out', join(s.root, 'x.json')], '--out must name a file ending in .brainscene.json'],
      [['scene', 'new'], 'scene new needs --out S.brainscene.json'],
      [['scene', 'new', '--view', 'front', '--out', out], '--view must be left-lateral, right-lateral'],
      [['scene', 'new', '--width', '10', '--out', out], '--width needs a whole number of pixels from 16 to 16384'],
      [
        ['scene', 'new', '--layout', 'nine', '--out', out],
        '--layout must be current, four, six, slices or lightbox, got "nine"',
      ],
      [['scene', 'new', '--slices', '8', '--out', out], '--slices and --slice-orientation are for --layout lightbox'],
      [['scene', 'new', '--label', 'Precentral', '--out', out], '--label needs region keys ATLAS:VALUE such as'],
      [
        ['scene', 'new', '--layout', 'lightbox', '--slices', '49', '--out', out],
        '--slices needs a whole number from 2 to 48, got "49"',
      ],
      [
        ['scene', 'new', '--layout', 'lightbox', '--slice-orientation', 'oblique', '--out', out],
        '--slice-orientation must be axial, coronal or sagittal, got "oblique"',
      ],
      [['scene', 'new', '--atlas', 'synth,synth', '--out', out], '--atlas names synth twice'],
      [['scene', 'new', '--threshold', '2', '--out', out], '--threshold is for the maps of --map'],
      [['scene', 'check'], 'scene check needs one scene file'],
      [['scene', 'check', out, '--json'], 'scene does not take --json'],
      [['scene', 'check', out, '--width', '20'], 'scene check does not take --width'],
      [['scene'], 'scene needs new or check'],
      [['scene', 'open'], 'scene needs new or check, got "open"'],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.split('\n')[0]).toContain(message);
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe('brain-atlas scene check', () => {
  it('exits 0 when everything is here, and names a changed map and a missing atlas with exit 1', async () => {
    const dir = join(s.root, 'check');
    mkdirSync(dir, { recursive: true });
    const map = join(dir, 'zstat.nii');
    writeFileSync(map, readFileSync(positive));
    const out = join(dir, 'c.brainscene.json');
    expect((await cli('scene', 'new', '--atlas', 'synth', '--map', map, '--out', out)).code).toBe(0);

    const ok = await cli('scene', 'check', out);
    expect(ok.code).toBe(0);
    expect(ok.out).toBe(`${out}: 1 atlas and 1 map, all here and unchanged`);

    // The map changes after the scene was saved, and the scene names an atlas that is not on this computer.
    writeFileSync(map, Buffer.concat([readFileSync(positive), Buffer.from([1])]));
    const scene = readScene(out);
    scene.atlases.push({ slot: 1, id: 'synth-remote', variant: '1mm', sha256: null, opacity: 1 });
    writeFileSync(out, JSON.stringify(scene));
    const bad = await cli('scene', 'check', out);
    expect(bad.code).toBe(1);
    expect(bad.out.split('\n')).toEqual([
      'atlas synth-remote is not on this computer; run `brain-atlas fetch synth-remote`',
      'map zstat.nii has changed since the scene was saved',
    ]);
  });

  it('exits 1 with one line for a file that is not a scene', async () => {
    const file = join(s.root, 'not.brainscene.json');
    writeFileSync(file, '{"hello": 1}');
    const r = await cli('scene', 'check', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe('brain-atlas: not.brainscene.json: this is not a Brain Atlas Studio scene file (no version)');
  });
});
