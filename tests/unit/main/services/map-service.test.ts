/**
 * The statistical-map service (main/services/map-service.ts) through the API as the renderer calls it (dispatch):
 * maps made in code (int16 scaled, float64, 3 mm, LAS/RAS, 4D with many frames, NaN/Inf, all zeros, truncated,
 * not NIfTI, a label volume), the display on the MNI152 grid against sampleStatMap, and cluster reports equal to
 * `brain-atlas clusters --json` / `--csv`.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AtlasApi, Vec3 } from '../../../../core/api';
import { mat4 } from '../../../../core/affine';
import { formatTableRows } from '../../../../core/maps/cluster-report';
import type { MapInfo } from '../../../../core/api/map-api';
import { decodeMapDisplay } from '../../../../core/maps/map-display';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { FrameCollector, decodeNiftiFrame } from '../../../../core/io/nifti/frame-stream';
import { sampleStatMap } from '../../../../core/maps/stat-map';
import { dispatch } from '../../../../main/api/api-dispatch';
import type { AppService } from '../../../../main/services/app-service';
import { createAtlasService } from '../../../../main/services/create-service';
import { MNI152_1MM_GRID } from '../../../../main/services/map-service';
import { surfaceGii } from '../../../helpers/gifti-surface';
import { writeNifti } from '../../../helpers/nifti-writer';
import { captureCli } from '../../../helpers/run-cli';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

const buf = (u8: Uint8Array): ArrayBuffer => u8.slice().buffer as ArrayBuffer;

/** A blob around world (-10, 0, 0) on any grid: value = 10 - distance in mm, 0 beyond 10 mm. */
function blobMap(
  dims: Vec3,
  affine: number[],
  f = (x: number, y: number, z: number) => Math.max(0, 10 - Math.hypot(x + 10, y, z)),
): number[] {
  const out: number[] = [];
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++) {
        const x = affine[0] * i + affine[1] * j + affine[2] * k + affine[3];
        const y = affine[4] * i + affine[5] * j + affine[6] * k + affine[7];
        const z = affine[8] * i + affine[9] * j + affine[10] * k + affine[11];
        out.push(f(x, y, z));
      }
  return out;
}

describe('map service', () => {
  let s: SyntheticAtlas;
  let service: AppService;
  const call = (method: string, arg?: unknown) => dispatch(service as AtlasApi, method, arg);
  const open = (name: string, bytes: Uint8Array, frame?: number) =>
    call('openMap', { name, bytes: buf(bytes), frame }) as Promise<MapInfo>;

  beforeAll(async () => {
    s = makeSyntheticAtlas();
    service = await createAtlasService(s.env);
  });

  it('opens an int16 map with scl_slope: scaled values, datatype, range, orientation and space', async () => {
    const data = blobMap(DIMS, AFFINE).map((v) => Math.round(v * 100));
    const bytes = writeNifti({
      dims: DIMS,
      data,
      dtype: 'int16',
      slope: 0.01,
      inter: 0,
      affine: AFFINE,
      sformCode: 4,
      gzip: true,
    });
    const info = await open('t_int16.nii.gz', bytes);
    // A scene file names the map by the sha256 of the bytes as given (gzip and all).
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(info).toMatchObject({
      name: 't_int16.nii.gz',
      dims: DIMS,
      voxelSizeMm: [2, 2, 2],
      orientation: 'LAS',
      datatype: 'int16 (scaled)',
      frames: 1,
      frame: 0,
      spaceWarning: null,
    });
    expect(info.range.max).toBeCloseTo(10, 5);
    expect(info.range.min).toBe(0);
    const map = service.maps.statMap(info.mapId);
    expect(map.values[14 + DIMS[0] * (12 + DIMS[1] * 11)]).toBeCloseTo(10, 5); // voxel (14,12,11) = (-10, 0, 0)
    expect((await call('listMaps')) as MapInfo[]).toContainEqual(info);
  });

  it('opens float64 and a 3 mm RAS grid; the display is the map resampled onto the MNI152 1 mm grid', async () => {
    const dims3: Vec3 = [14, 16, 12];
    const ras3 = [3, 0, 0, -30, 0, 3, 0, -24, 0, 0, 3, -18];
    const f64 = await open(
      'beta.nii',
      writeNifti({ dims: dims3, data: blobMap(dims3, ras3), dtype: 'float64', affine: ras3, sformCode: 4 }),
    );
    expect(f64).toMatchObject({ datatype: 'float64', orientation: 'RAS', voxelSizeMm: [3, 3, 3] });
    const d = decodeMapDisplay((await call('getMapDisplay', { mapId: f64.mapId })) as ArrayBuffer);
    expect(d.dims).toEqual(MNI152_1MM_GRID.dims);
    expect(d.affine).toEqual(Array.from(MNI152_1MM_GRID.affine));
    const map = service.maps.statMap(f64.mapId);
    const m = mat4(d.affine);
    const [nx, ny] = d.dims;
    let finite = 0;
    for (let n = 0; n < d.values.length; n += 997) {
      const i = n % nx,
        j = Math.floor(n / nx) % ny,
        k = Math.floor(n / (nx * ny));
      const x = m[0] * i + m[3],
        y = m[5] * j + m[7],
        z = m[10] * k + m[11];
      const want = sampleStatMap(map, x, y, z, 'linear');
      if (want === null) expect(d.values[n]).toBeNaN();
      else {
        finite++;
        expect(d.values[n]).toBeCloseTo(want, 4);
      }
    }
    expect(finite).toBeGreaterThan(50);
    // The blob's centre (-10, 0, 0) is MNI voxel (100, 126, 72); on the 3 mm grid it lies between the voxel centres
    // x = -12 (value 8) and x = -9 (value 9), on grid planes in y and z: trilinear gives 8/3 + 9·2/3 = 26/3.
    expect(d.values[100 + nx * (126 + ny * 72)]).toBeCloseTo(26 / 3, 4);
    // Cached: the same bytes come back.
    expect(await call('getMapDisplay', { mapId: f64.mapId })).toBe(await call('getMapDisplay', { mapId: f64.mapId }));
  });

  it('LAS and RAS copies of the same map give the same display', async () => {
    const ras = [2, 0, 0, -20, 0, 2, 0, -24, 0, 0, 2, -22];
    const las = await open(
      'las.nii',
      writeNifti({ dims: DIMS, data: blobMap(DIMS, AFFINE), dtype: 'float32', affine: AFFINE, sformCode: 4 }),
    );
    const rasInfo = await open(
      'ras.nii',
      writeNifti({ dims: DIMS, data: blobMap(DIMS, ras), dtype: 'float32', affine: ras, sformCode: 4 }),
    );
    expect([las.orientation, rasInfo.orientation]).toEqual(['LAS', 'RAS']);
    const a = decodeMapDisplay((await call('getMapDisplay', { mapId: las.mapId })) as ArrayBuffer).values;
    const b = decodeMapDisplay((await call('getMapDisplay', { mapId: rasInfo.mapId })) as ArrayBuffer).values;
    let finite = 0,
      differ = 0;
    for (let n = 0; n < a.length; n++) {
      if (Number.isNaN(a[n]) !== Number.isNaN(b[n]) || Math.abs(a[n] - b[n]) > 1e-4) differ++;
      if (!Number.isNaN(a[n])) finite++;
    }
    expect(differ).toBe(0);
    expect(finite).toBe(39 * 47 * 43); // the part of the MNI grid inside the 20×24×22 2 mm grid: 39×47×43 voxel centres
  });

  it('says a map holds z or t statistics where its intent code or its FSL or SPM name says so', async () => {
    const map = (o: { intentCode?: number; version?: 1 | 2 } = {}) =>
      writeNifti({ dims: DIMS, data: blobMap(DIMS, AFFINE), dtype: 'float32', affine: AFFINE, sformCode: 4, ...o });
    expect((await open('group_effect.nii', map({ intentCode: 5 }))).statistic).toBe('z');
    expect((await open('group_effect.nii', map({ intentCode: 3, version: 2 }))).statistic).toBe('t');
    expect((await open('zstat3.nii.gz', map())).statistic).toBe('z');
    expect((await open('spmT_0002.nii', map())).statistic).toBe('t');
    expect((await open('beta_0001.nii', map())).statistic).toBeNull();
    // An F statistic (intent 4, FSL's zfstat1) is neither.
    expect((await open('zfstat1.nii.gz', map({ intentCode: 4 }))).statistic).toBeNull();
  });

  it('lists the same file opened twice by two names, each kept through a frame switch', async () => {
    const bytes = writeNifti({
      dims: [6, 5, 4, 3],
      data: Array.from({ length: 6 * 5 * 4 * 3 }, (_, n) => Math.floor(n / 120) + 1),
      dtype: 'float32',
      affine: AFFINE,
      sformCode: 4,
      gzip: true,
    });
    const first = await open('zstat1.nii.gz', bytes);
    const second = await open('zstat1.nii.gz', bytes);
    expect([first.name, second.name]).toEqual(['zstat1.nii.gz', 'zstat1.nii.gz (2)']);
    expect(second.sha256).toBe(first.sha256);
    const switched = (await call('setMapFrame', { mapId: second.mapId, frame: 2 })) as MapInfo;
    // Read as its own file: the FSL name still says it holds z statistics.
    expect(switched).toMatchObject({ name: 'zstat1.nii.gz (2)', frame: 2, range: { min: 3, max: 3 }, statistic: 'z' });
    // Closing the first frees its name for the next; the second keeps its own.
    await call('closeMap', { mapId: first.mapId });
    expect((await open('zstat1.nii.gz', bytes)).name).toBe('zstat1.nii.gz');
    const names = ((await call('listMaps')) as MapInfo[]).map((m) => m.name).filter((n) => n.startsWith('zstat1'));
    expect(names.sort()).toEqual(['zstat1.nii.gz', 'zstat1.nii.gz (2)']);
  });

  it('4D with 300 frames: one frame in memory, frame switch, streaming gzip within a ceiling below the whole file', async () => {
    const dims: Vec3 = [6, 5, 4];
    const n = 120;
    const frames = 300;
    const data = new Array(n * frames);
    for (let f = 0; f < frames; f++) for (let v = 0; v < n; v++) data[f * n + v] = f * 1000 + v;
    const gz = writeNifti({
      dims: [...dims, frames],
      data,
      dtype: 'float32',
      affine: AFFINE,
      sformCode: 4,
      gzip: true,
    });
    const info = await open('bold.nii.gz', gz, 7);
    expect(info).toMatchObject({ frames: 300, frame: 7 });
    expect(service.maps.statMap(info.mapId).values[5]).toBe(7005);
    const next = (await call('setMapFrame', { mapId: info.mapId, frame: 299 })) as MapInfo;
    expect(next.frame).toBe(299);
    expect(Array.from(service.maps.statMap(info.mapId).values.slice(0, 3))).toEqual([299000, 299001, 299002]);
    const single = await open('single.nii', writeNifti({ dims: [2, 2, 2], data: new Array(8).fill(1) }));
    await expect(call('setMapFrame', { mapId: single.mapId, frame: 1 })).rejects.toThrow(
      'single.nii: frame 1 does not exist; the file has 1 frame (frame 0 only)',
    );
    await call('closeMap', { mapId: single.mapId });
    await expect(call('setMapFrame', { mapId: info.mapId, frame: 300 })).rejects.toThrow(
      /bold\.nii\.gz: frame 300 does not exist; the file has 300 frames/,
    );
    // The whole file is 144 000 bytes of data; one frame 480. The plain decoder refuses a gzip over the ceiling,
    // the frame reader needs only the frame (and never inflates the whole file at once).
    expect(() => decodeNifti(gz, { frame: 3, maxBytes: 10_000 })).toThrow(/memory limit/);
    let inflated = false;
    const img = decodeNiftiFrame(gz, {
      frame: 3,
      maxBytes: 10_000,
      inflate: () => {
        inflated = true;
        return new Uint8Array();
      },
    });
    expect(inflated).toBe(false);
    expect(img.data.length).toBe(n);
    expect(img.data[0]).toBe(3000);
    // Two quick frame switches: the later one wins, whichever finishes first.
    const [, last] = await Promise.all([
      call('setMapFrame', { mapId: info.mapId, frame: 100 }),
      call('setMapFrame', { mapId: info.mapId, frame: 42 }),
    ]);
    expect((last as MapInfo).frame).toBe(42);
    expect(service.maps.statMap(info.mapId).values[0]).toBe(42000);
    expect(((await call('listMaps')) as MapInfo[]).find((m) => m.mapId === info.mapId)?.frame).toBe(42);
    // Away and straight back: the map stays on the frame asked for last.
    await Promise.all([
      call('setMapFrame', { mapId: info.mapId, frame: 200 }),
      call('setMapFrame', { mapId: info.mapId, frame: 42 }),
    ]);
    expect(service.maps.statMap(info.mapId).frame).toBe(42);
    // Damaged compressed data (not just cut short) is named as such.
    const damaged = gz.slice();
    for (let i = 2000; i < 2400; i++) damaged[i] ^= 0x5a;
    await expect(open('damaged.nii.gz', damaged)).rejects.toThrow(/^damaged\.nii\.gz: gzip data is corrupt/);
    // A 4D file cut short is one clear error.
    await expect(open('cut.nii.gz', gz.subarray(0, Math.floor(gz.length * 0.6)))).rejects.toThrow(
      /^cut\.nii\.gz: .*truncated/,
    );
  });

  it('`brain-atlas clusters --frame` streams a 4D .nii.gz too: a 13 MB file under a 1 MB memory ceiling', async () => {
    const frames = 300,
      n = DIMS[0] * DIMS[1] * DIMS[2];
    const base = blobMap(DIMS, AFFINE);
    const data = new Float32Array(n * frames);
    for (let f = 0; f < frames; f++) for (let v = 0; v < n; v++) data[f * n + v] = base[v] * (f % 7 === 3 ? 1 : 0.1);
    const path = join(s.root, 'many.nii.gz');
    writeFileSync(
      path,
      writeNifti({ dims: [...DIMS, frames], data, dtype: 'float32', affine: AFFINE, sformCode: 4, gzip: true }),
    );
    const r = await captureCli({ ...s.env, BRAIN_ATLAS_MAX_MB: '1' }, [
      'clusters',
      path,
      '--frame',
      '255',
      '--threshold',
      '5',
      '--json',
    ]);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    expect(json).toHaveLength(1);
    expect(json[0].peak.value).toBe(10);
  });

  it('NaN and infinities are missing values; an all-zero map has no clusters and says so', async () => {
    const data = blobMap(DIMS, AFFINE);
    data[0] = NaN;
    data[1] = Infinity;
    data[2] = -Infinity;
    const info = await open(
      'nan.nii',
      writeNifti({ dims: DIMS, data, dtype: 'float32', affine: AFFINE, sformCode: 4 }),
    );
    expect(info.warnings).toContain('3 voxels hold NaN or infinity and are treated as missing');
    expect(Number.isFinite(info.range.min) && Number.isFinite(info.range.max)).toBe(true);
    const zero = await open(
      'zero.nii',
      writeNifti({ dims: DIMS, data: new Array(DIMS[0] * DIMS[1] * DIMS[2]).fill(0), affine: AFFINE, sformCode: 4 }),
    );
    expect(zero.range).toEqual({ min: 0, max: 0, robustMin: 0, robustMax: 0 });
    const r = (await call('mapClusters', { mapId: zero.mapId, threshold: 0 })) as {
      clusters: unknown[];
      empty: string;
      table: string[][];
    };
    expect(r.clusters).toEqual([]);
    expect(r.table).toHaveLength(1);
    expect(r.empty).toBe('no clusters: no voxel of zero.nii has v > 0');
  });

  it('bad files are one clear error naming the file and leave the open maps as they were', async () => {
    const before = (await call('listMaps')) as MapInfo[];
    const good = writeNifti({
      dims: DIMS,
      data: blobMap(DIMS, AFFINE),
      dtype: 'float32',
      affine: AFFINE,
      sformCode: 4,
      gzip: true,
    });
    await expect(open('cut.nii.gz', good.subarray(0, 200))).rejects.toThrow(/^cut\.nii\.gz: .*(truncated|ends early)/);
    await expect(
      open('notes.txt', new TextEncoder().encode('hello, this is not an image at all'.repeat(20))),
    ).rejects.toThrow(/^notes\.txt: not a NIfTI file/);
    await expect(open('empty.nii', new Uint8Array(0))).rejects.toThrow(/empty/);
    // A GIFTI file (per-vertex values, as brain-atlas project --out writes): known by its bytes or by its name.
    const gifti =
      'this is a GIFTI surface file; a statistical map opens as a NIfTI volume (.nii, .nii.gz) in MNI space';
    const gii = surfaceGii([0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 2]);
    await expect(open('lh.func.gii', gii)).rejects.toThrow(`lh.func.gii: ${gifti}`);
    await expect(open('values.xml', gii)).rejects.toThrow(`values.xml: ${gifti}`);
    await expect(open('lh.func.gii.gz', gzipSync(gii))).rejects.toThrow(`lh.func.gii.gz: ${gifti}`);
    expect(await call('listMaps')).toEqual(before);
  });

  it('a label volume opened as a map works (it is just numbers); the header space warning is shown, not refused', async () => {
    const labels = s.labels;
    const info = await open(
      'labels.nii.gz',
      writeNifti({ dims: DIMS, data: labels, dtype: 'uint8', affine: AFFINE, sformCode: 1, gzip: true }),
    );
    expect(info.datatype).toBe('uint8');
    expect(info.range).toMatchObject({ min: 0, max: 2 });
    expect(info.spaceWarning).toMatch(/scanner space/);
    const r = (await call('mapClusters', { mapId: info.mapId, threshold: 0.5, atlases: ['synth'] })) as {
      clusters: { voxels: number }[];
    };
    expect(r.clusters.map((c) => c.voxels)).toEqual([
      labels.filter((v) => v === 1).length,
      labels.filter((v) => v === 2).length,
    ]);
    // Shown with nearest, its values stay whole; trilinear blends them at the edges.
    const seen = (buf: unknown) =>
      new Set(Array.from(decodeMapDisplay(buf as ArrayBuffer).values).filter((v) => !Number.isNaN(v)));
    expect([...seen(await call('getMapDisplay', { mapId: info.mapId, mode: 'nearest' }))].sort()).toEqual([0, 1, 2]);
    expect(seen(await call('getMapDisplay', { mapId: info.mapId })).size).toBeGreaterThan(3);
    await expect(call('getMapDisplay', { mapId: info.mapId, mode: 'cubic' })).rejects.toThrow(/mode must be/);
  });

  it("the cluster report equals `brain-atlas clusters --json`, and its table formats to the CLI's --csv", async () => {
    const ras = [2, 0, 0, -20, 0, 2, 0, -24, 0, 0, 2, -22];
    const data = blobMap(
      DIMS,
      ras,
      (x, y, z) => Math.max(0, 10 - Math.hypot(x + 10, y, z)) - Math.max(0, 6 - Math.hypot(x - 8, y + 4, z - 2)),
    );
    const bytes = writeNifti({
      dims: DIMS,
      data: data.map((v) => Math.round(v * 1000)),
      dtype: 'int16',
      slope: 0.001,
      affine: ras,
      sformCode: 4,
      gzip: true,
    });
    const path = join(s.root, 'report-map.nii.gz');
    writeFileSync(path, bytes);
    const info = await open('report-map.nii.gz', bytes);
    for (const opts of [
      { args: ['--threshold', '2'], req: { threshold: 2 } },
      {
        args: ['--threshold', '1.5', '--sign', 'both', '--connectivity', '6', '--min-voxels', '3'],
        req: { threshold: 1.5, sign: 'both', connectivity: 6, minVoxels: 3 },
      },
      {
        args: ['--threshold', '1', '--sign', 'negative', '--atlas', 'synth'],
        req: { threshold: 1, sign: 'negative', atlases: ['synth'] },
      },
    ]) {
      const report = (await call('mapClusters', { mapId: info.mapId, ...opts.req })) as {
        clusters: unknown[];
        table: string[][];
        atlasIds: string[];
      };
      const json = await captureCli(s.env, ['clusters', path, '--json', ...opts.args]);
      expect(json.code).toBe(0);
      expect(report.clusters).toEqual(JSON.parse(json.out));
      expect(report.clusters.length).toBeGreaterThan(0);
      const csv = await captureCli(s.env, ['clusters', path, '--csv', ...opts.args]);
      expect(formatTableRows(report.table, 'csv')).toBe(csv.out);
      expect(report.atlasIds).toEqual(['synth']);
    }
  });

  it('validates every argument and refuses unknown map ids', async () => {
    const info = ((await call('listMaps')) as MapInfo[])[0];
    const bad: [string, unknown, RegExp][] = [
      ['openMap', { name: 'a.nii', bytes: 'AAAA' }, /bytes must be the file contents/],
      ['openMap', { name: '../x.nii', bytes: new ArrayBuffer(4) }, /name must be the file name/],
      ['openMap', { name: 'a.nii', bytes: new ArrayBuffer(4), frame: -1 }, /frame must be a whole number/],
      ['openMap', { name: 'a.nii', bytes: new ArrayBuffer(4), path: '/etc/passwd' }, /does not take "path"/],
      ['setMapFrame', { mapId: info.mapId, frame: 1.5 }, /frame must be a whole number/],
      ['mapClusters', { mapId: info.mapId, threshold: Number.NaN }, /threshold must be a finite number/],
      ['mapClusters', { mapId: info.mapId, threshold: -1 }, /threshold must be a finite number 0 or more/],
      ['mapClusters', { mapId: info.mapId, threshold: 1, connectivity: 8 }, /connectivity must be 6, 18 or 26/],
      ['mapClusters', { mapId: info.mapId, threshold: 1, sign: 'up' }, /sign must be/],
      ['mapClusters', { mapId: info.mapId, threshold: 1, minVoxels: 2, minMm3: 3 }, /not both/],
      ['mapClusters', { mapId: info.mapId, threshold: 1, atlases: ['AAL!'] }, /atlas ids/],
      ['getMapDisplay', { mapId: 42 }, /mapId must be the id of an open map/],
      ['closeMap', { mapId: 'map-99999' }, /no open map has id 'map-99999'/],
      ['getMapDisplay', 'map-1', /expects an object/],
    ];
    for (const [method, arg, msg] of bad)
      await expect(call(method, arg), `${method} ${JSON.stringify(arg)}`).rejects.toThrow(msg);
    await expect(call('closeMap', { mapId: info.mapId })).resolves.toBeUndefined();
    expect(((await call('listMaps')) as MapInfo[]).map((m) => m.mapId)).not.toContain(info.mapId);
    await expect(call('getMapDisplay', { mapId: info.mapId })).rejects.toThrow(/no open map/);
  });
});

describe('FrameCollector', () => {
  it('keeps the frame whatever the chunk sizes, even when the frame starts inside the header probe', () => {
    const dims: Vec3 = [3, 2, 2];
    const frames = 20; // 352 + 480 bytes: frames 0-7 lie inside the first 544 bytes the header probe reads
    const data = Array.from({ length: 12 * frames }, (_, i) => i);
    const raw = writeNifti({ dims: [...dims, frames], data, dtype: 'int16', affine: AFFINE, sformCode: 4 });
    for (const size of [1, 7, 100, 351, 353, 543, 544, 545, 5000]) {
      for (const frame of [0, 1, 7, 8, 19]) {
        const c = new FrameCollector({ frame, verifyLength: true });
        let done = false;
        for (let o = 0; o < raw.length && !done; o += size)
          done = c.push(raw.subarray(o, Math.min(raw.length, o + size)));
        expect(Array.from(c.finish().data), `chunks of ${size}, frame ${frame}`).toEqual(
          data.slice(frame * 12, frame * 12 + 12),
        );
      }
    }
  });
});
