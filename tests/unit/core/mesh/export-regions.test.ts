import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../../../helpers/run-cli';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { exportGlb, glbChunks, glbLayout, srgbToLinear } from '../../../../core/mesh/export-gltf';
import { type ExportRegionInfo, formatValueRanges, regionMeshesOf } from '../../../../core/mesh/export-regions';
import { exportObj } from '../../../../core/mesh/export-obj';
import { exportStl } from '../../../../core/mesh/export-stl';
import { decodeMeshSet, encodeMeshSet, unpackNormals } from '../../../../core/mesh/codec';
import { buildRegionMeshes, meshingGrid, streamRegionMeshes } from '../../../../core/mesh/pipeline';
import { createAtlasService } from '../../../../main/services/create-service';
import { DEFAULT_MESH_SETTINGS, type MeshSettings, type RegionMeshSet } from '../../../../core/mesh/types';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import type { Rgb } from '../../../../core/io/labels/types';
import { randomVolume } from '../../../helpers/random-label-volume';
import { ball, writeNifti } from '../../../helpers/nifti-writer';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

// ---- readers used to check the files (independent of the writers) ----

interface Gltf {
  asset: { version: string; extras: { units: string } };
  scenes: { nodes: number[] }[];
  nodes: { name: string; mesh: number; extras: { value: number; hemisphere: string | null; network: string | null } }[];
  meshes: {
    name: string;
    primitives: { attributes: { POSITION: number; NORMAL: number }; indices: number; material: number; mode: number }[];
  }[];
  materials: { name: string; pbrMetallicRoughness: { baseColorFactor: number[] } }[];
  accessors: {
    bufferView: number;
    byteOffset?: number;
    componentType: number;
    count: number;
    type: string;
    min?: number[];
    max?: number[];
  }[];
  bufferViews: { buffer: number; byteOffset: number; byteLength: number; target?: number }[];
  buffers: { byteLength: number }[];
}

const COMPONENT_BYTES: Record<number, number> = { 5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4 };
const TYPE_SIZE: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4 };

/** Parses a .glb and checks its container; returns the JSON and a reader for each accessor. */
function parseGlb(bytes: Uint8Array) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('glTF');
  expect(dv.getUint32(4, true)).toBe(2);
  expect(dv.getUint32(8, true)).toBe(bytes.length);
  const jsonLength = dv.getUint32(12, true);
  expect(dv.getUint32(16, true)).toBe(0x4e4f534a);
  expect(jsonLength % 4).toBe(0);
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))) as Gltf;
  const binAt = 20 + jsonLength;
  const binLength = dv.getUint32(binAt, true);
  expect(dv.getUint32(binAt + 4, true)).toBe(0x004e4942);
  expect(binAt + 8 + binLength).toBe(bytes.length); // one binary chunk, nothing after it
  expect(binLength % 4).toBe(0);
  expect(json.buffers).toEqual([{ byteLength: binLength }]);
  for (const v of json.bufferViews) {
    expect(v.byteOffset % 4).toBe(0);
    expect(v.byteOffset + v.byteLength).toBeLessThanOrEqual(binLength);
  }
  const bin = bytes.slice(binAt + 8, binAt + 8 + binLength).buffer;
  for (const a of json.accessors) {
    const view = json.bufferViews[a.bufferView];
    expect((a.byteOffset ?? 0) + a.count * COMPONENT_BYTES[a.componentType] * TYPE_SIZE[a.type]).toBeLessThanOrEqual(
      view.byteLength,
    );
  }
  const read = (i: number): Float32Array | Uint16Array | Uint32Array => {
    const a = json.accessors[i];
    const view = json.bufferViews[a.bufferView];
    const n = a.count * TYPE_SIZE[a.type];
    const off = view.byteOffset + (a.byteOffset ?? 0);
    return a.componentType === 5126
      ? new Float32Array(bin, off, n)
      : a.componentType === 5123
        ? new Uint16Array(bin, off, n)
        : new Uint32Array(bin, off, n);
  };
  return { json, read };
}

function parseObj(file: string | Uint8Array) {
  const text = typeof file === 'string' ? file : new TextDecoder().decode(file);
  const lines = text.split('\n');
  const v = lines.filter((l) => l.startsWith('v ')).map((l) => l.split(' ').slice(1).map(Number));
  const vn = lines.filter((l) => l.startsWith('vn ')).map((l) => l.split(' ').slice(1).map(Number));
  const f = lines
    .filter((l) => l.startsWith('f '))
    .map((l) =>
      l
        .split(' ')
        .slice(1)
        .map((c) => c.split('//').map(Number)),
    );
  const objects = lines.filter((l) => l.startsWith('o ')).map((l) => l.slice(2));
  const usemtl = lines.filter((l) => l.startsWith('usemtl ')).map((l) => l.slice(7));
  return { lines, v, vn, f, objects, usemtl };
}

// ---- a tiny synthetic mesh set: two touching blocks (values 3 and 7) and a ball (value 9) ----

function tinySet(): RegionMeshSet {
  const dims: [number, number, number] = [12, 10, 10];
  const data = new Array(12 * 10 * 10).fill(0);
  for (let k = 2; k < 6; k++)
    for (let j = 2; j < 6; j++) for (let i = 1; i < 7; i++) data[i + 12 * (j + 10 * k)] = i < 4 ? 3 : 7;
  ball(dims, [8, 6, 6], 2, 9, data);
  const vol = toLabelVolume(
    decodeNifti(writeNifti({ dims, data, affine: [2, 0, 0, -10, 0, 2, 0, -20, 0, 0, 2, 5], dtype: 'uint8' })),
  );
  return buildRegionMeshes(vol);
}

const INFO: ExportRegionInfo[] = [
  { value: 3, name: 'Left block', color: [255, 0, 0], hemisphere: 'left', network: 'Visual' },
  { value: 7, name: 'Right block', color: [0, 128, 255], hemisphere: 'right', network: null },
  { value: 9, name: 'Ball', color: [10, 200, 30] },
];

describe('glTF binary export', () => {
  const set = tinySet();

  it('writes a valid .glb with one named, coloured node per region and rebased indices', () => {
    expect(set.regions.map((r) => r.value)).toEqual([3, 7, 9]);
    const { json, read } = parseGlb(exportGlb(set, INFO, { name: 'tiny' }));
    expect(json.asset.version).toBe('2.0');
    expect(json.asset.extras.units).toBe('metres');
    expect(json.nodes).toHaveLength(3);
    expect(json.scenes[0].nodes).toEqual([0, 1, 2]);
    expect(json.nodes.map((n) => n.name)).toEqual(['Left block', 'Right block', 'Ball']);
    expect(json.nodes[0].extras).toEqual({ value: 3, hemisphere: 'left', network: 'Visual' });
    expect(json.nodes[2].extras).toEqual({ value: 9, hemisphere: null, network: null });
    json.nodes.forEach((node, i) => {
      const region = set.regions[i];
      const prim = json.meshes[node.mesh].primitives[0];
      expect(prim.mode).toBe(4);
      const color = json.materials[prim.material].pbrMetallicRoughness.baseColorFactor;
      expect(color).toEqual([...INFO[i].color.map(srgbToLinear), 1]);
      const pos = read(prim.attributes.POSITION) as Float32Array;
      const nor = read(prim.attributes.NORMAL) as Float32Array;
      const idx = read(prim.indices);
      expect(idx).toBeInstanceOf(Uint16Array);
      expect(pos.length).toBe(region.vertexCount * 3);
      expect(idx.length).toBe(region.indexCount);
      expect(Math.max(...idx)).toBeLessThan(region.vertexCount);
      // metres, Y up: (x, y, z)_glTF = (x, z, -y)_MNI / 1000
      for (let v = 0; v < region.vertexCount; v++) {
        const s = (region.vertexStart + v) * 3;
        expect(pos[v * 3]).toBeCloseTo(set.positions[s] / 1000, 7);
        expect(pos[v * 3 + 1]).toBeCloseTo(set.positions[s + 2] / 1000, 7);
        expect(pos[v * 3 + 2]).toBeCloseTo(-set.positions[s + 1] / 1000, 7);
        expect(Math.hypot(nor[v * 3], nor[v * 3 + 1], nor[v * 3 + 2])).toBeCloseTo(1, 4);
      }
      for (let t = 0; t < region.indexCount; t++)
        expect(idx[t] + region.vertexStart).toBe(set.indices[region.indexStart + t]);
      const acc = json.accessors[prim.attributes.POSITION];
      for (let c = 0; c < 3; c++) {
        const comp = Array.from(pos).filter((_, k) => k % 3 === c);
        expect(acc.min?.[c]).toBe(Math.min(...comp));
        expect(acc.max?.[c]).toBe(Math.max(...comp));
      }
    });
  });

  it('leaves each chunk as it is until the one after the next is asked for (one written while the next is made)', () => {
    const whole = exportGlb(set, INFO);
    const taken: Uint8Array[] = [];
    let previous: Uint8Array | null = null;
    for (const chunk of glbChunks(regionMeshesOf(set), INFO)) {
      // The previous chunk is taken only now, as a writer still writing it would.
      if (previous) taken.push(previous.slice());
      previous = chunk;
    }
    if (previous) taken.push(previous.slice());
    expect(taken).toHaveLength(1 + set.regions.length);
    expect(Buffer.concat(taken).equals(Buffer.from(whole))).toBe(true);
  });

  it('writes the same bytes from regions assembled one at a time as from the whole mesh set', () => {
    // Many regions, a mirrored grid, fine detail and none; and a region of over 65 535 vertices (32-bit indices).
    const LAS = [-2, 0, 0, 30, 0, 2, 0, -20, 0, 0, 2, -20, 0, 0, 0, 1];
    const sphere = randomVolume([76, 76, 76], 0, 1);
    sphere.labels.set(ball([76, 76, 76], [38, 38, 38], 36, 1));
    const cases: [LabelVolume, MeshSettings][] = [
      [randomVolume([40, 36, 30], 60, 7, 0.3), { ...DEFAULT_MESH_SETTINGS, detail: 'fine' }],
      [randomVolume([24, 28, 20], 90, 5, 0.15, LAS), DEFAULT_MESH_SETTINGS],
      [randomVolume([24, 28, 20], 9, 3, 0.5), { ...DEFAULT_MESH_SETTINGS, smoothIterations: 0 }],
      [
        { ...sphere, maxLabel: 1 },
        { ...DEFAULT_MESH_SETTINGS, detail: 'fine' },
      ],
    ];
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    // Each chunk taken as it comes, as a file writer does.
    const joined = (chunks: Iterable<Uint8Array>) => Buffer.concat(Array.from(chunks, (c) => c.slice()));
    for (const [vol, settings] of cases) {
      const set = buildRegionMeshes(vol, settings);
      const info = set.regions.map((r) => ({
        value: r.value,
        name: `r${r.value}`,
        color: [r.value % 256, 9, 99] as Rgb,
      }));
      const some = set.regions.filter((_, i) => i % 3 === 0).map((r) => r.value);
      expect(same(joined(glbChunks(streamRegionMeshes(vol, settings), info)), exportGlb(set, info))).toBe(true);
      const mm = { regions: some, unitsMm: true };
      expect(same(joined(glbChunks(streamRegionMeshes(vol, settings), info, mm)), exportGlb(set, info, mm))).toBe(true);
      const obj = { regions: some, mtlFileName: 'x.mtl' };
      expect(
        same(
          exportObj(streamRegionMeshes(vol, settings), info, obj).obj,
          exportObj(regionMeshesOf(set), info, obj).obj,
        ),
      ).toBe(true);
      expect(same(exportStl(streamRegionMeshes(vol, settings), info), exportStl(regionMeshesOf(set), info))).toBe(true);
    }
    expect(buildRegionMeshes(cases[3][0], cases[3][1]).regions[0].vertexCount).toBeGreaterThan(65535);
    const stream = streamRegionMeshes(cases[1][0]);
    expect(() => stream.mesh(streamRegionMeshes(cases[2][0]).regions[0])).toThrow(/not one of this stream's/);
  });

  it("places every region's part before any bound is known: the JSON's room fits the longest float32 numbers", () => {
    // The longest a float32 value can print: 25 characters (17 digits after five zeros, and a sign).
    const v = -0.0000024172807115974138;
    expect(JSON.stringify(Math.fround(v))).toHaveLength(25);
    for (const opts of [{ unitsMm: true }, { unitsMm: true, regions: [9] }]) {
      const layout = glbLayout(set.regions, INFO, opts);
      const longest = layout.head(() => ({ min: [v, -v, v], max: [v, -v, v] }));
      const shortest = layout.head(() => ({ min: [0, 0, 0], max: [0, 0, 0] }));
      // The same length either way: the binary chunk's place does not depend on the bounds.
      expect(longest.length).toBe(shortest.length);
      expect(longest.length).toBe(layout.parts[0].at);
      const json = JSON.parse(new TextDecoder().decode(longest.subarray(20, longest.length - 8)));
      expect(json.accessors[0].min).toEqual([Math.fround(v), Math.fround(v), Math.fround(v)]);
      // The whole file: the parts follow one another from there, and the bytes are those of exportGlb.
      const whole = exportGlb(set, INFO, opts);
      expect(layout.byteLength).toBe(whole.length);
      layout.parts.forEach((p, i) =>
        expect(p.at + p.bytes).toBe(i + 1 < layout.parts.length ? layout.parts[i + 1].at : whole.length),
      );
    }
  });

  it('keeps millimetres when asked, exports a subset, and refuses unknown values with the valid ones', () => {
    const { json, read } = parseGlb(exportGlb(set, INFO, { unitsMm: true, regions: [9, 3] }));
    expect(json.asset.extras.units).toBe('millimetres');
    expect(json.nodes.map((n) => n.name)).toEqual(['Left block', 'Ball']); // the set's order
    const pos = read(json.meshes[0].primitives[0].attributes.POSITION);
    const s = set.regions[0].vertexStart * 3;
    expect([pos[0], pos[1], pos[2]]).toEqual([set.positions[s], set.positions[s + 2], -set.positions[s + 1]]);
    expect(() => exportGlb(set, INFO, { regions: [3, 4, 5] })).toThrowError(/values 4, 5 .*valid values: 3, 7, 9/);
  });

  it('names regions the metadata does not know, and uses 32-bit indices past 65535 vertices', () => {
    // A flat strip with 300 × 240 vertices (72 000) as one region.
    const W = 300,
      H = 240;
    const positions = new Float32Array(W * H * 3);
    for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) positions.set([i, j, 0], (i + W * j) * 3);
    const normals = new Float32Array(W * H * 3);
    for (let v = 0; v < W * H; v++) normals[v * 3 + 2] = 1;
    const tris: number[] = [];
    for (let j = 0; j + 1 < H; j++)
      for (let i = 0; i + 1 < W; i++) {
        const a = i + W * j;
        tris.push(a, a + 1, a + W + 1, a, a + W + 1, a + W);
      }
    const big: RegionMeshSet = {
      positions,
      normals,
      indices: Uint32Array.from(tris),
      regions: [
        {
          value: 42,
          vertexStart: 0,
          vertexCount: W * H,
          indexStart: 0,
          indexCount: tris.length,
          voxels: 0,
          meshVolumeMm3: 0,
          center: [0, 0, 0],
        },
      ],
    };
    const { json, read } = parseGlb(exportGlb(big, []));
    expect(json.nodes[0].name).toBe('region 42');
    const idx = read(json.meshes[0].primitives[0].indices);
    expect(idx).toBeInstanceOf(Uint32Array);
    expect(Array.from(idx).reduce((m, x) => Math.max(m, x), 0)).toBe(W * H - 1);
  });

  it('converts sRGB to linear and writes value lists compactly', () => {
    expect(srgbToLinear(0)).toBe(0);
    expect(srgbToLinear(255)).toBeCloseTo(1, 12);
    expect(srgbToLinear(128)).toBeCloseTo(0.2158605, 6);
    expect(srgbToLinear(10)).toBeCloseTo(10 / 255 / 12.92, 12);
    expect(formatValueRanges([5, 1, 2, 3, 4, 9, 10, 12, 3])).toBe('1-5, 9, 10, 12');
  });
});

describe('OBJ and STL export', () => {
  const set = tinySet();

  it('writes OBJ objects with materials, normals and 1-based faces in range, in mm', () => {
    const files = exportObj(regionMeshesOf(set), INFO, { mtlFileName: 'tiny.mtl', title: 'tiny' });
    const o = parseObj(files.obj);
    const mtl = new TextDecoder().decode(files.mtl);
    const vertices = set.regions.reduce((a, r) => a + r.vertexCount, 0);
    expect(o.lines).toContain('mtllib tiny.mtl');
    expect(o.v).toHaveLength(vertices);
    expect(o.vn).toHaveLength(vertices);
    expect(o.f).toHaveLength(set.indices.length / 3);
    for (const face of o.f) {
      expect(face).toHaveLength(3);
      for (const [vi, ni] of face) {
        expect(vi).toBe(ni);
        expect(vi).toBeGreaterThanOrEqual(1);
        expect(vi).toBeLessThanOrEqual(vertices);
      }
    }
    expect(o.objects).toEqual(['Left_block', 'Right_block', 'Ball']);
    expect(o.usemtl).toEqual(o.objects);
    // Positions are MNI mm as given; the first face of the second region indexes that region's own vertices.
    const rounded = Array.from(set.positions, (x) => Math.round(x * 1e4) / 1e4 || 0);
    expect(o.v.flat()).toEqual(rounded);
    expect(o.vn.flat()).toEqual(Array.from(set.normals, (x) => Math.round(x * 1e4) / 1e4 || 0));
    const r1 = set.regions[1];
    const first = o.f[set.regions[0].indexCount / 3];
    expect(first.map(([vi]) => vi - 1)).toEqual(Array.from(set.indices.subarray(r1.indexStart, r1.indexStart + 3)));
    expect(mtl).toMatch(/newmtl Left_block\nKa 0 0 0\nKd 1 0 0\n/);
    expect(mtl).toMatch(/newmtl Right_block\nKa 0 0 0\nKd 0 0.502 1\n/);
    expect(mtl.match(/^newmtl /gm)).toHaveLength(3);
    const one = parseObj(exportObj(regionMeshesOf(set), INFO, { mtlFileName: 'x.mtl', regions: [7] }).obj);
    expect(one.v).toHaveLength(r1.vertexCount);
    expect(Math.max(...one.f.flat().map(([vi]) => vi))).toBe(r1.vertexCount);
  });

  it('formats numbers with at most 4 decimals, no exponent and no "-0"', () => {
    const values = [-0.00004, 12.5, -3.14159, 100, 0.00005, -1234.56789, 7e-5, 99999.99999, 0.1 + 0.2];
    const tri: RegionMeshSet = {
      positions: Float64Array.from(values) as unknown as Float32Array,
      normals: new Float32Array(9),
      indices: Uint32Array.from([0, 1, 2]),
      regions: [
        {
          value: 1,
          vertexStart: 0,
          vertexCount: 3,
          indexStart: 0,
          indexCount: 3,
          voxels: 1,
          meshVolumeMm3: 0,
          center: [0, 0, 0],
        },
      ],
    };
    const text = new TextDecoder().decode(exportObj(regionMeshesOf(tri), [], { mtlFileName: 'm.mtl' }).obj);
    expect(text.split('\n').filter((l) => l.startsWith('v '))).toEqual([
      'v 0 12.5 -3.1416',
      'v 100 0.0001 -1234.5679',
      'v 0.0001 100000 0.3',
    ]);
    expect(text).toContain('\nvn 0 0 0\n');
    expect(text).toContain('\nf 1//1 2//2 3//3\n');
  });

  it('writes binary STL with 80 + 4 + 50 n bytes and unit facet normals pointing out', () => {
    const stl = exportStl(regionMeshesOf(set), INFO, { title: 'tiny' });
    const n = set.indices.length / 3;
    expect(stl.length).toBe(80 + 4 + 50 * n);
    const dv = new DataView(stl.buffer);
    expect(dv.getUint32(80, true)).toBe(n);
    expect(new TextDecoder().decode(stl.subarray(0, 5))).not.toBe('solid');
    let volume6 = 0;
    const r0 = set.regions[0];
    for (let t = 0; t < n; t++) {
      const o = 84 + 50 * t;
      const f = (k: number) => dv.getFloat32(o + 4 * k, true);
      expect(Math.hypot(f(0), f(1), f(2))).toBeCloseTo(1, 5);
      expect(dv.getUint16(o + 48, true)).toBe(0);
      if (t < r0.indexCount / 3) {
        // signed volume of the first region's shell, from the file alone
        const [ax, ay, az, bx, by, bz, cx, cy, cz] = [3, 4, 5, 6, 7, 8, 9, 10, 11].map(f);
        volume6 += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
      }
    }
    expect(volume6 / 6).toBeCloseTo(r0.meshVolumeMm3, 0);
    expect(exportStl(regionMeshesOf(set), INFO, { regions: [9] }).length).toBe(
      84 + 50 * (set.regions[2].indexCount / 3),
    );
  });
});

// ---- the command ----

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.part'));

describe('brain-atlas mesh', () => {
  it('writes a .glb with the atlas names and colours and prints a one-line summary', async () => {
    const file = join(s.root, 'synth.glb');
    const r = await cli('mesh', 'synth', '--out', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^synth: 2 regions, [\d ]+ triangles, [\d ]+ vertices, [\d ]+ bytes -> .*synth\.glb$/);
    const bytes = new Uint8Array(readFileSync(file));
    expect(r.out).toContain(` ${String(bytes.length).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} bytes`);
    const { json } = parseGlb(bytes);
    expect(json.nodes.map((n) => [n.name, n.extras.value, n.extras.hemisphere, n.extras.network])).toEqual([
      ['7Networks_LH_Vis_1', 1, 'left', 'Visual'],
      ['7Networks_RH_Default_PFC_1', 2, 'right', 'Default'],
    ]);
    expect(json.materials[0].pbrMetallicRoughness.baseColorFactor).toEqual([
      srgbToLinear(120),
      srgbToLinear(18),
      srgbToLinear(134),
      1,
    ]);
    expect(leftovers(s.root)).toEqual([]);
  });

  it('writes .obj with its .mtl beside it, and .stl, for a subset of regions', async () => {
    const file = join(s.root, 'right.obj');
    const r = await cli('mesh', 'synth', '--regions', '2', '--out', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^synth: 1 region, .* -> .*right\.obj \(\+ .*right\.mtl\)$/);
    const o = parseObj(readFileSync(file, 'utf8'));
    expect(o.lines).toContain('mtllib right.mtl');
    expect(o.objects).toEqual(['7Networks_RH_Default_PFC_1']);
    expect(readFileSync(join(s.root, 'right.mtl'), 'utf8')).toMatch(/newmtl 7Networks_RH_Default_PFC_1\n/);
    const stl = join(s.root, 'both.stl');
    expect((await cli('mesh', 'synth', '--out', stl, '--regions', '1,2')).code).toBe(0);
    const bytes = readFileSync(stl);
    expect(bytes.length).toBe(84 + 50 * bytes.readUInt32LE(80));
  });

  const synthVolume = () =>
    toLabelVolume(decodeNifti(writeNifti({ dims: DIMS, data: s.labels, affine: AFFINE, dtype: 'float32' })));
  const objVertices = (set: RegionMeshSet) =>
    parseObj(exportObj(regionMeshesOf(set), [], { mtlFileName: 'x.mtl' }).obj).v;

  it('--smooth K meshes with K smoothing iterations: the raw surface at 0, else at fine detail', async () => {
    const vol = synthVolume();
    for (const k of [0, 3]) {
      const file = join(s.root, `smooth${k}.obj`);
      expect((await cli('mesh', 'synth', '--smooth', String(k), '--out', file)).code).toBe(0);
      const detail = k === 0 ? 'standard' : 'fine';
      const expected = buildRegionMeshes(vol, { ...DEFAULT_MESH_SETTINGS, smoothIterations: k, detail });
      expect(parseObj(readFileSync(file, 'utf8')).v).toEqual(objVertices(expected));
    }
    const raw = parseObj(readFileSync(join(s.root, 'smooth0.obj'), 'utf8'));
    const def = join(s.root, 'default.obj');
    expect((await cli('mesh', 'synth', '--detail', 'standard', '--out', def)).code).toBe(0);
    const smooth = parseObj(readFileSync(def, 'utf8'));
    expect(smooth.f.length).toBe(raw.f.length);
    expect(smooth.v).not.toEqual(raw.v);
  });

  it('writes fine detail unless told: one subdivision finer, four times the faces, Catmull-Clark smoothed', async () => {
    const vol = synthVolume();
    const file = join(s.root, 'fine.obj');
    expect((await cli('mesh', 'synth', '--out', file)).code).toBe(0);
    const fine = parseObj(readFileSync(file, 'utf8'));
    expect(fine.v).toEqual(objVertices(buildRegionMeshes(vol, { ...DEFAULT_MESH_SETTINGS, detail: 'fine' })));
    const asked = join(s.root, 'asked.obj');
    expect((await cli('mesh', 'synth', '--detail', 'fine', '--out', asked)).code).toBe(0);
    expect(parseObj(readFileSync(asked, 'utf8')).v).toEqual(fine.v);
    const standard = join(s.root, 'standard.obj');
    expect((await cli('mesh', 'synth', '--detail', 'standard', '--out', standard)).code).toBe(0);
    const coarse = parseObj(readFileSync(standard, 'utf8'));
    expect(coarse.v).toEqual(objVertices(buildRegionMeshes(vol, DEFAULT_MESH_SETTINGS)));
    // Four times the faces of the labels fine detail meshes: with their one-voxel noise folded (label-noise.ts).
    const folded = meshingGrid(vol, { ...DEFAULT_MESH_SETTINGS, detail: 'fine' })?.volume ?? vol;
    expect(fine.f.length).toBe(4 * (buildRegionMeshes(folded).indices.length / 3));
    expect(fine.f.length).toBeLessThanOrEqual(4 * coarse.f.length);
  });

  it('meshes in its own process without writing the mesh cache, and uses a mesh the app has cached', async () => {
    const meshes = join(s.env.BRAIN_ATLAS_CACHE as string, 'meshes');
    const cachedFiles = () => (existsSync(meshes) ? readdirSync(meshes) : []);
    const first = join(s.root, 'first.obj');
    expect((await cli('mesh', 'synth', '--smooth', '2', '--out', first)).code).toBe(0);
    expect(cachedFiles().filter((f) => f.includes('-s2-'))).toEqual([]);
    // The app's path (the session's worker) caches the same mesh (fine, as the command writes by default) on disk; the
    // command then reads it instead.
    const service = await createAtlasService(s.env);
    const settings = { ...DEFAULT_MESH_SETTINGS, smoothIterations: 2 };
    const appMesh = decodeMeshSet(await service.getAtlasMeshes({ id: 'synth', detail: 'fine' }, settings));
    await service.meshCacheWritten();
    const [file] = cachedFiles().filter((f) => f.includes('-s2-'));
    expect(file).toBeDefined();
    // Moved by a known amount in the cache, so a read of the cache shows in the command's output.
    const moved = decodeMeshSet(readFileSync(join(meshes, file)).buffer.slice(0) as ArrayBuffer);
    for (let i = 0; i < moved.positions.length; i += 3) moved.positions[i] += 1000;
    writeFileSync(join(meshes, file), new Uint8Array(encodeMeshSet(moved)));
    const second = join(s.root, 'second.obj');
    expect((await cli('mesh', 'synth', '--smooth', '2', '--out', second)).code).toBe(0);
    const here = parseObj(readFileSync(first, 'utf8')).v;
    const fromCache = parseObj(readFileSync(second, 'utf8')).v;
    expect(here).toEqual(
      parseObj(
        exportObj(regionMeshesOf({ ...appMesh, normals: unpackNormals(appMesh.normals) }), [], { mtlFileName: 'x.mtl' })
          .obj,
      ).v,
    );
    expect(fromCache.length).toBe(here.length);
    expect(fromCache[0][0]).toBeCloseTo(here[0][0] + 1000, 3);
    // A damaged cache file is meshed again, not an error.
    writeFileSync(join(meshes, file), readFileSync(join(meshes, file)).subarray(0, 200));
    const third = join(s.root, 'third.obj');
    expect((await cli('mesh', 'synth', '--smooth', '2', '--out', third)).code).toBe(0);
    expect(parseObj(readFileSync(third, 'utf8')).v).toEqual(here);
  });

  it('refuses unknown region values with the valid ones (exit 1), leaving an existing file alone', async () => {
    const file = join(s.root, 'keep.glb');
    writeFileSync(file, 'old');
    const r = await cli('mesh', 'synth', '--regions', '1,3', '--out', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe('brain-atlas: synth has no region with value 3; valid values: 1, 2');
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('usage errors exit 2: no --out, an unknown extension, bad --regions, --smooth or --detail', async () => {
    for (const argv of [
      ['mesh', 'synth'],
      ['mesh', 'synth', '--out', join(s.root, 'x.ply')],
      ['mesh', 'synth', '--out', join(s.root, 'x')],
      ['mesh', '--out', join(s.root, 'x.glb')],
      ['mesh', 'synth', '--out', join(s.root, 'x.glb'), '--regions', 'Precentral_L'],
      ['mesh', 'synth', '--out', join(s.root, 'x.glb'), '--smooth', '-1'],
      ['mesh', 'synth', '--out', join(s.root, 'x.glb'), '--detail', 'coarse'],
      ['mesh', 'synth', '--out', join(s.root, 'x.glb'), '--json'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      // The problem, mesh's own usage, and where the rest is.
      expect(r.err).toMatch(
        /^brain-atlas: [^\n]+\nusage: brain-atlas mesh [\s\S]*\nrun brain-atlas --help for every command and option\n?$/,
      );
    }
    expect((await cli('mesh', 'synth', '--out', join(s.root, 'x.ply'))).err).toMatch(
      /\.glb, \.obj or \.stl, got "x\.ply"/,
    );
    expect(existsSync(join(s.root, 'x.glb'))).toBe(false);
  });

  it('fails in one line and leaves no partial file when the target cannot be written', async () => {
    const r = await cli('mesh', 'synth', '--out', join(s.root, 'no-such-dir', 'x.glb'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^brain-atlas: cannot write .*x\.glb: the folder .*no-such-dir does not exist$/);
    const dir = join(s.root, 'taken.stl');
    mkdirSync(dir);
    const taken = await cli('mesh', 'synth', '--out', dir);
    expect(taken.code).toBe(1);
    expect(taken.err.split('\n')).toHaveLength(1);
    expect(leftovers(s.root)).toEqual([]);
    expect((await cli('mesh', 'synth-points', '--out', join(s.root, 'p.glb'))).err).toMatch(
      /has no label volume to mesh/,
    );
  });
});
