import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionRecord } from '../../../../core/api';
import { invertAffine, mat4 } from '../../../../core/affine';
import type { LoadedAtlas } from '../../../../core/atlas/atlas';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import { AtlasError } from '../../../../core/errors';
import type { GiftiLabel } from '../../../../core/io/gifti/gifti';
import { writeGifti } from '../../../../core/io/gifti/write';
import type { StatMap } from '../../../../core/maps/stat-map';
import {
  SURFACE_ATLAS,
  type SurfaceHost,
  SurfaceService,
  surfaceFileName,
} from '../../../../main/services/surface-service';
import { surfaceGii } from '../../../helpers/gifti-surface';

// ---- GIFTI files -------------------------------------------------------------------------------------------------

function shapeGii(values: number[]): Uint8Array {
  return writeGifti({
    meta: {},
    labels: [],
    arrays: [
      {
        intent: 'NIFTI_INTENT_SHAPE',
        dataType: 'NIFTI_TYPE_FLOAT32',
        dims: [values.length],
        data: new Float32Array(values),
        meta: {},
      },
    ],
  });
}

function labelGii(keys: number[], table: [key: number, name: string][]): Uint8Array {
  const labels: GiftiLabel[] = table.map(([key, name]) => ({ key, name, rgba: [0.5, 0.5, 0.5, 1] }));
  return writeGifti({
    meta: {},
    labels,
    arrays: [
      {
        intent: 'NIFTI_INTENT_LABEL',
        dataType: 'NIFTI_TYPE_INT32',
        dims: [keys.length],
        data: new Int32Array(keys),
        meta: {},
      },
    ],
  });
}

// ---- A four-vertex left hemisphere (MNI mm; every coordinate a multiple of 0.5, so halves are exact) -----------

const TRIANGLES = [0, 1, 2, 1, 3, 2];
const WHITE = [10, -20, 30, 12, -20, 30, 10, -18, 30, 12, -18, 30];
const PIAL = [11, -19.5, 33, 13, -20, 32, 9, -17, 34, 12.5, -18.5, 31];
const MID = [10.5, -19.75, 31.5, 12.5, -20, 31, 9.5, -17.5, 32, 12.25, -18.25, 30.5];
const INFLATED = [-50, 1, 2, -40, 1.5, 2, -50, 11, 2.5, -40, 11, 3];
const SULC = [-1.5, 0.25, 2, -0.5];

const ABOUT = { license: 'CC BY 4.0 (test)', citation: 'Fischl B. FreeSurfer. 2012.' };

const LH_LABEL_FILE = 'fsaverage5_lh_Schaefer2018_400Parcels_7Networks_order.label.gii';
const RH_LABEL_FILE = 'fsaverage5_rh_Schaefer2018_400Parcels_7Networks_order.label.gii';

/** The files of the fsaverage5 atlas these tests use, by the names the catalog gives them. */
function standardFiles(): Map<string, Uint8Array> {
  return new Map([
    // One file really gzipped; the others plain XML under a .gz name (readGifti looks at the magic bytes).
    ['fsaverage5_white_left.gii.gz', gzipSync(surfaceGii(WHITE, TRIANGLES))],
    ['fsaverage5_pial_left.gii.gz', surfaceGii(PIAL, TRIANGLES)],
    ['fsaverage5_infl_left.gii.gz', surfaceGii(INFLATED, TRIANGLES)],
    ['fsaverage5_sulc_left.gii.gz', shapeGii(SULC)],
    // The right hemisphere is damaged: its pial surface has a vertex fewer than its white one.
    ['fsaverage5_white_right.gii.gz', surfaceGii(WHITE, TRIANGLES)],
    ['fsaverage5_pial_right.gii.gz', surfaceGii(PIAL.slice(0, 9), [0, 1, 2])],
    ['fsaverage5_infl_right.gii.gz', surfaceGii(INFLATED, TRIANGLES)],
    ['fsaverage5_sulc_right.gii.gz', shapeGii(SULC)],
    [
      LH_LABEL_FILE,
      labelGii(
        [2, 0, 1, 9],
        [
          [0, 'Background+FreeSurfer_Defined_Medial_Wall'],
          [1, '7Networks_LH_Vis_1'],
          [2, '7Networks_LH_SomMot_3'],
        ],
      ),
    ],
    [
      RH_LABEL_FILE,
      labelGii(
        [1, 1, 2, 0],
        [
          [0, '???'],
          [1, '7Networks_RH_Vis_1'],
          [2, '7Networks_RH_Default_PFCv_2'],
        ],
      ),
    ],
  ]);
}

// ---- A labels atlas on a 1 mm grid: world = voxel + (-5, -25, 25) ------------------------------------------------

const GRID_AFFINE = mat4([1, 0, 0, -5, 0, 1, 0, -25, 0, 0, 1, 25, 0, 0, 0, 1]);
const GRID_DIMS: [number, number, number] = [20, 10, 12];

function region(value: number, name: string): RegionRecord {
  return {
    value,
    name,
    hemisphere: null,
    network: null,
    color: [128, 128, 128],
    voxels: 1,
    volumeMm3: 1,
    centroid: [0, 0, 0],
    bbox: { min: [0, 0, 0], max: [0, 0, 0] },
  };
}

/**
 * Label 1 where x <= 11 and y < -18, 3 where x <= 11 and y >= -18, 4 where x >= 12 and y <= -20, background where
 * x >= 12 and y > -20. The mid-thickness points of the hemisphere fall on 1, 4, 3 and background.
 */
function labelsAtlas(regions: RegionRecord[]): LoadedAtlas {
  const [nx, ny, nz] = GRID_DIMS;
  const labels = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const x = i - 5;
        const y = j - 25;
        labels[i + nx * (j + ny * k)] = x <= 11 ? (y < -18 ? 1 : 3) : y <= -20 ? 4 : 0;
      }
  const volume: LabelVolume = {
    dims: GRID_DIMS,
    affine: GRID_AFFINE,
    inverse: invertAffine(GRID_AFFINE),
    labels,
    maxLabel: 4,
    voxelVolume: 1,
  };
  return {
    volume,
    regions,
    byValue: new Map(regions.map((r) => [r.value, r])),
    names: new Map(regions.map((r) => [r.value, r.name])),
    report: { inVolumeNotInTable: [], inTableNotInVolume: [] },
    warnings: [],
  };
}

const SCHAEFER_REGIONS = [
  region(17, '7Networks LH-Vis 1'),
  region(205, '7networks_lh_sommot_3'),
  region(300, '7Networks_RH_Vis_1'),
  region(301, '7Networks_RH_Default_PFCv_2'),
];

// ---- The host ----------------------------------------------------------------------------------------------------

let root: string;
let dirCount = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'surface-service-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface FakeHost extends SurfaceHost {
  /** Names filePaths lists (delete one to make it missing). */
  listed: Set<string>;
  filePathCalls: [string, string | undefined][];
  labelsCalls: { id: string; res?: number; variant?: string }[];
  aboutCalls: string[];
}

async function makeHost(files = standardFiles(), atlas = labelsAtlas(SCHAEFER_REGIONS)): Promise<FakeHost> {
  const dir = join(root, `host-${dirCount++}`);
  await mkdir(dir);
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  const host: FakeHost = {
    listed: new Set(files.keys()),
    filePathCalls: [],
    labelsCalls: [],
    aboutCalls: [],
    about(id) {
      host.aboutCalls.push(id);
      return ABOUT;
    },
    async filePaths(id, variant) {
      host.filePathCalls.push([id, variant]);
      if (id !== SURFACE_ATLAS) throw new AtlasError('not-found', `no atlas ${id}`);
      return new Map([...host.listed].map((name) => [name, join(dir, name)]));
    },
    async labelsAtlas(req) {
      host.labelsCalls.push(req);
      return { atlas, variant: '1mm' };
    },
  };
  return host;
}

async function rejection(p: Promise<unknown>): Promise<AtlasError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AtlasError);
    return e as AtlasError;
  }
  throw new Error('expected the promise to reject');
}

// ---- Tests -------------------------------------------------------------------------------------------------------

describe('surfaceFileName', () => {
  it('names the catalog files of fsaverage5', () => {
    expect(SURFACE_ATLAS).toBe('fsaverage5');
    expect(surfaceFileName('white', 'left')).toBe('fsaverage5_white_left.gii.gz');
    expect(surfaceFileName('infl', 'right')).toBe('fsaverage5_infl_right.gii.gz');
    expect(surfaceFileName('sulc', 'left')).toBe('fsaverage5_sulc_left.gii.gz');
  });
});

describe('SurfaceService.surface', () => {
  it('gives the inflated mesh with the mid-thickness positions, sulcal depth, licence and citation', async () => {
    const host = await makeHost();
    const s = await new SurfaceService(host).surface('inflated', 'left');
    expect(s.vertexCount).toBe(4);
    expect(s.positions).toEqual(new Float32Array(INFLATED));
    expect(s.mid).toEqual(new Float32Array(MID));
    // (white + pial) / 2, exactly
    expect(Array.from(s.mid)).toEqual(WHITE.map((w, i) => (w + PIAL[i]) / 2));
    expect(s.triangles).toEqual(new Uint32Array(TRIANGLES));
    expect(s.sulc).toEqual(new Float32Array(SULC));
    expect(s.license).toBe(ABOUT.license);
    expect(s.citation).toBe(ABOUT.citation);
    expect(host.aboutCalls).toEqual(['fsaverage5']);
    expect(host.filePathCalls.every(([id]) => id === 'fsaverage5')).toBe(true);
  });

  it('gives the white and pial meshes as asked, with the same mid-thickness', async () => {
    const service = new SurfaceService(await makeHost());
    const white = await service.surface('white', 'left');
    const pial = await service.surface('pial', 'left');
    expect(white.positions).toEqual(new Float32Array(WHITE));
    expect(pial.positions).toEqual(new Float32Array(PIAL));
    expect(white.mid).toEqual(new Float32Array(MID));
    expect(pial.mid).toEqual(new Float32Array(MID));
  });

  it('reads each file once', async () => {
    const host = await makeHost();
    const service = new SurfaceService(host);
    await Promise.all([service.surface('inflated', 'left'), service.surface('inflated', 'left')]);
    // inflated, white, pial and sulc: one look-up each
    expect(host.filePathCalls.length).toBe(4);
    await service.surface('white', 'left');
    await service.surface('pial', 'left');
    await service.projectMap(linearMap(), 'left');
    expect(host.filePathCalls.length).toBe(4);
  });

  it('refuses white and pial surfaces with different vertices, naming both counts', async () => {
    const service = new SurfaceService(await makeHost());
    const e = await rejection(service.surface('inflated', 'right'));
    expect(e.code).toBe('corrupt');
    expect(e.message).toBe('the right white surface has 4 vertices but the pial surface 3');
    const p = await rejection(service.projectMap(linearMap(), 'right'));
    expect(p.code).toBe('corrupt');
    expect(p.message).toBe('the right white surface has 4 vertices but the pial surface 3');
  });

  it('refuses sulcal depth or a shown mesh that does not match the white surface', async () => {
    const files = standardFiles();
    files.set('fsaverage5_sulc_left.gii.gz', shapeGii([1, 2, 3]));
    const e = await rejection(new SurfaceService(await makeHost(files)).surface('inflated', 'left'));
    expect(e.code).toBe('corrupt');
    expect(e.message).toBe(
      'the left inflated surface (4 vertices) and its sulcal depth (3) do not match the white surface (4)',
    );
    const files2 = standardFiles();
    files2.set('fsaverage5_infl_left.gii.gz', surfaceGii(INFLATED.slice(0, 9), [0, 1, 2]));
    const e2 = await rejection(new SurfaceService(await makeHost(files2)).surface('inflated', 'left'));
    expect(e2.code).toBe('corrupt');
    expect(e2.message).toBe(
      'the left inflated surface (3 vertices) and its sulcal depth (4) do not match the white surface (4)',
    );
  });

  it('says which file is missing, and tries again once it is there', async () => {
    const host = await makeHost();
    host.listed.delete('fsaverage5_sulc_left.gii.gz');
    const service = new SurfaceService(host);
    const e = await rejection(service.surface('pial', 'left'));
    expect(e.code).toBe('not-found');
    expect(e.message).toBe('the fsaverage5 atlas has no file fsaverage5_sulc_left.gii.gz');
    host.listed.add('fsaverage5_sulc_left.gii.gz');
    const s = await service.surface('pial', 'left');
    expect(s.sulc).toEqual(new Float32Array(SULC));
  });
});

// ---- Maps --------------------------------------------------------------------------------------------------------

const field = (x: number, y: number, z: number) => 2 * x - 3 * y + 0.5 * z + 1;

/** f on the labels grid (every voxel), as a statistical map. */
function linearMap(): StatMap {
  const [nx, ny, nz] = GRID_DIMS;
  const values = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) values[i + nx * (j + ny * k)] = field(i - 5, j - 25, k + 25);
  return {
    dims: GRID_DIMS,
    affine: GRID_AFFINE,
    inverse: invertAffine(GRID_AFFINE),
    values,
    voxelVolume: 1,
    frame: 0,
    totalFrames: 1,
    spaceWarning: null,
    warnings: [],
    statistic: null,
  };
}

describe('SurfaceService.projectMap', () => {
  it('gives each vertex the mean of the map at 10 points from white to pial', async () => {
    const out = await new SurfaceService(await makeHost()).projectMap(linearMap(), 'left');
    expect(out).toBeInstanceOf(Float32Array);
    expect(out.length).toBe(4);
    for (let v = 0; v < 4; v++) {
      let sum = 0;
      for (let s = 0; s < 10; s++) {
        const t = s / 9;
        const at = (c: number) => WHITE[3 * v + c] + t * (PIAL[3 * v + c] - WHITE[3 * v + c]);
        sum += field(at(0), at(1), at(2));
      }
      expect(out[v]).toBeCloseTo(sum / 10, 4);
      // For a linear field that is its value at the mid-thickness point.
      expect(out[v]).toBeCloseTo(field(MID[3 * v], MID[3 * v + 1], MID[3 * v + 2]), 4);
    }
    // vertex 0: 2 * 10.5 + 3 * 19.75 + 0.5 * 31.5 + 1 = 97
    expect(out[0]).toBeCloseTo(97, 4);
  });

  it('gives NaN where the map has no value along the whole segment', async () => {
    const map = linearMap();
    map.values.fill(Number.NaN);
    const out = await new SurfaceService(await makeHost()).projectMap(map, 'left');
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
  });
});

// ---- Labels ------------------------------------------------------------------------------------------------------

describe('SurfaceService.vertexLabels', () => {
  it('projects an atlas without a surface labels file from its volume', async () => {
    const atlas = labelsAtlas([region(1, 'A'), region(3, 'C'), region(4, 'D')]);
    const host = await makeHost(standardFiles(), atlas);
    const out = await new SurfaceService(host).vertexLabels({ id: 'aal3', res: 1 }, 'left');
    expect(out.source).toBe('projected');
    // Vertex 3 lands on background; its only labelled vertex within 3 mm along the surface is vertex 1 (label 4).
    expect(Array.from(out.labels)).toEqual([1, 4, 3, 4]);
    expect(host.labelsCalls).toEqual([{ id: 'aal3', res: 1 }]);
  });

  it('refuses to project onto a hemisphere whose white and pial surfaces differ', async () => {
    const service = new SurfaceService(await makeHost());
    const e = await rejection(service.vertexLabels({ id: 'aal3' }, 'right'));
    expect(e.code).toBe('corrupt');
    expect(e.message).toBe('the right white surface has 4 vertices but the pial surface 3');
  });

  it("maps a shipped labels file's keys to the atlas's values by region name", async () => {
    const host = await makeHost();
    const service = new SurfaceService(host);
    const left = await service.vertexLabels({ id: 'schaefer-400-7' }, 'left');
    expect(left.source).toBe('surface-file');
    // keys 2, 0, 1 and 9 (in no label): "SomMot_3" is value 205, "Vis_1" value 17; 0 and unknown keys give 0.
    expect(Array.from(left.labels)).toEqual([205, 0, 17, 0]);
    const right = await service.vertexLabels({ id: 'schaefer-400-7' }, 'right');
    expect(right.source).toBe('surface-file');
    // the right hemisphere's own file (rh), keys 1, 1, 2, 0
    expect(Array.from(right.labels)).toEqual([300, 300, 301, 0]);
    expect(host.labelsCalls).toEqual([{ id: 'schaefer-400-7' }, { id: 'schaefer-400-7' }]);
  });

  it('refuses a labels file whose labels name no region of the atlas', async () => {
    const files = standardFiles();
    files.set(
      LH_LABEL_FILE,
      labelGii(
        [1, 2, 3, 0],
        [
          [0, 'Background+FreeSurfer_Defined_Medial_Wall'],
          [1, '7Networks_LH_Vis_1'],
          [2, '7Networks_LH_Limbic_OFC_1'],
          [3, '7Networks_LH_Cont_Par_1'],
        ],
      ),
    );
    const host = await makeHost(files);
    const service = new SurfaceService(host);
    const e = await rejection(service.vertexLabels({ id: 'schaefer-400-7' }, 'left'));
    expect(e.code).toBe('invalid-labels');
    expect(e.message).toBe(
      `2 label(s) of ${LH_LABEL_FILE} (first: "7Networks_LH_Limbic_OFC_1") name no region of schaefer-400-7`,
    );
  });

  it('refuses a labels file made for another surface (a different vertex count)', async () => {
    const files = standardFiles();
    files.set(
      LH_LABEL_FILE,
      labelGii(
        [1, 1, 1, 1, 1],
        [
          [0, 'Background+FreeSurfer_Defined_Medial_Wall'],
          [1, '7Networks_LH_Vis_1'],
        ],
      ),
    );
    const service = new SurfaceService(await makeHost(files));
    const e = await rejection(service.vertexLabels({ id: 'schaefer-400-7' }, 'left'));
    expect(e.code).toBe('corrupt');
    expect(e.message).toBe(`${LH_LABEL_FILE} labels 5 vertices but the left surface has 4`);
  });

  it('caches answers per atlas, resolution, variant and hemisphere, but not failures', async () => {
    const host = await makeHost();
    const service = new SurfaceService(host);
    const a = await service.vertexLabels({ id: 'aal3' }, 'left');
    const b = await service.vertexLabels({ id: 'aal3' }, 'left');
    expect(b).toBe(a);
    expect(host.labelsCalls.length).toBe(1);
    const lookups = host.filePathCalls.length;
    await service.vertexLabels({ id: 'aal3', res: 2 }, 'left');
    await service.vertexLabels({ id: 'aal3', variant: '1mm' }, 'left');
    expect(host.labelsCalls.length).toBe(3);
    // The meshes are read once, whichever atlas is projected.
    expect(host.filePathCalls.length).toBe(lookups);

    host.listed.delete(LH_LABEL_FILE);
    const e = await rejection(service.vertexLabels({ id: 'schaefer-400-7' }, 'left'));
    expect(e.code).toBe('not-found');
    expect(e.message).toBe(`the fsaverage5 atlas has no file ${LH_LABEL_FILE}`);
    host.listed.add(LH_LABEL_FILE);
    const again = await service.vertexLabels({ id: 'schaefer-400-7' }, 'left');
    expect(Array.from(again.labels)).toEqual([205, 0, 17, 0]);
    expect(host.labelsCalls.length).toBe(5);
  });
});
