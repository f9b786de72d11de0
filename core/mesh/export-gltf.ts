/**
 * Region meshes as glTF 2.0 binary (.glb): one named node per region, each with its own mesh (POSITION, NORMAL,
 * indices rebased to the region's own vertices) and a PBR material in the region's colour. Pure TypeScript.
 *
 * Units and axes. glTF says metres and +Y up; MNI space is millimetres with +Z up (RAS). By default positions
 * are scaled by 0.001 (metres: Blender, three.js and model viewers show the brain at its true size, 0.18 m
 * long); `unitsMm: true` keeps millimetres (what slicers and 3D-printing tools expect). Either way the axes are
 * turned to glTF's convention with a rotation (no mirror, so winding and handedness are kept):
 *   glTF x = MNI x (right), glTF y = MNI z (superior), glTF z = −MNI y (posterior).
 * Blender's importer turns glTF's Y-up back to Z-up, so in Blender (x, y, z) are exactly MNI (x, y, z) × scale.
 * `asset.extras` records the units and the mapping so a reader can undo it.
 */
import { type ExportOptions, type ExportRegionInfo, regionMeshesOf, selectRegions } from './export-regions';
import type { RegionBounds, RegionMesh, RegionMeshSet, RegionMeshes, RegionSpan } from './types';
import { type WriteGlbPartArgs, wasmKernel } from './wasm-kernels';

/** sRGB 0..255 to linear 0..1 (the IEC 61966-2-1 transfer function), as glTF's baseColorFactor wants. */
export function srgbToLinear(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export interface GlbOptions extends ExportOptions {
  /** Keep millimetres instead of glTF's metres (default false: metres). */
  unitsMm?: boolean;
  /** Scene name, e.g. the atlas's name. */
  name?: string;
}

const GLB_MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a; // "JSON"
const CHUNK_BIN = 0x004e4942; // "BIN\0"
const FLOAT = 5126,
  UNSIGNED_SHORT = 5123,
  UNSIGNED_INT = 5125;
const ARRAY_BUFFER = 34962,
  ELEMENT_ARRAY_BUFFER = 34963;

const pad4 = (n: number) => (n + 3) & ~3;

/** The whole .glb in one array (glbChunks, joined). */
export function exportGlb(set: RegionMeshSet, info: Iterable<ExportRegionInfo>, opts: GlbOptions = {}): Uint8Array {
  const chunks = glbChunks(regionMeshesOf(set), info, opts);
  const out = new Uint8Array(chunks.byteLength);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A .glb as consecutive chunks, and its length in bytes. */
export interface GlbChunks extends Iterable<Uint8Array> {
  byteLength: number;
}

/**
 * The .glb in consecutive chunks: the header and JSON, then each region's binary part (positions, normals,
 * indices), written into one of two scratch buffers in turn. A chunk stays as it is until the one after the next is
 * asked for, so a writer may write one while the next is made. Streaming it so costs no array the size of the file,
 * whose first touch costs about as much as filling it here; and with regions assembled as they are asked for
 * (assemble.ts's RegionStream), not even the mesh set is in memory whole. Each region's mesh is asked for once, in
 * turn, as its chunk is made.
 */
export function glbChunks(regions: RegionMeshes, info: Iterable<ExportRegionInfo>, opts: GlbOptions = {}): GlbChunks {
  return layoutChunks(regions, glbLayout(regions.regions, info, opts));
}

/** glbChunks with its layout made already (from regions.regions). */
export function layoutChunks(regions: RegionMeshes, layout: GlbLayout): GlbChunks {
  const { parts } = layout;
  const largest = Math.max(0, ...parts.map((p) => p.bytes));
  const scratches = [new Uint8Array(largest), new Uint8Array(largest)];
  function* chunks(): Generator<Uint8Array> {
    yield layout.head((i) => regions.bounds(parts[i].range));
    for (let i = 0; i < parts.length; i++)
      yield writeGlbPart(regions.mesh(parts[i].range), parts[i], layout.scale, scratches[i & 1]);
  }
  return { byteLength: layout.byteLength, [Symbol.iterator]: chunks };
}

/** Where one region's binary part goes: its bytes from `at` in the file, positions, then normals, then indices. */
export interface GlbPart<R extends RegionSpan = RegionSpan> {
  range: R;
  info: ExportRegionInfo;
  /** Where the part starts in the file, and its length (a multiple of 4). */
  at: number;
  bytes: number;
  /** Where its normals and indices start within it; 16-bit indices when it has at most 65535 vertices. */
  nor: number;
  idx: number;
  short: boolean;
}

/**
 * A .glb's layout, known before any region's vertices are: every region's part has a fixed place in the file, since
 * the JSON chunk before them, which holds the regions' bounds, is padded to the longest its numbers could make it.
 * So regions may be written in any order, by any thread, and the head last (main/workers/glb-writer.ts).
 */
export interface GlbLayout<R extends RegionSpan = RegionSpan> {
  /** The selected regions' parts, in the mesh set's order. */
  parts: GlbPart<R>[];
  byteLength: number;
  /** Millimetres to the file's units. */
  scale: number;
  /** The header, the JSON chunk (with bounds(i), in mm, of parts[i]) and the binary chunk's header. */
  head(bounds: (i: number) => RegionBounds): Uint8Array;
}

/** Characters a float32 value can take in JSON, at most: "-0.0000012345678901234567". */
const NUMBER_CHARS = 25;

/** The layout of a .glb of `regions` (those opts.regions selects). */
export function glbLayout<R extends RegionSpan>(
  regions: readonly R[],
  info: Iterable<ExportRegionInfo>,
  opts: GlbOptions = {},
): GlbLayout<R> {
  const sel = selectRegions(regions, info, opts.regions);
  const scale = opts.unitsMm ? 1 : 0.001;

  // Layout of the binary chunk: per region, positions, normals, indices, each view starting on 4 bytes.
  let binLength = 0;
  const local = sel.map(({ range }) => {
    // 65535 is reserved (primitive restart) for 16-bit indices, so 16 bits serve up to 65535 vertices (0..65534).
    const short = range.vertexCount <= 65535;
    const pos = binLength;
    const nor = pos + range.vertexCount * 12;
    const idx = nor + range.vertexCount * 12;
    const idxBytes = range.indexCount * (short ? 2 : 4);
    binLength = pad4(idx + idxBytes);
    return { short, pos, nor, idx, idxBytes };
  });

  const accessors: Record<string, unknown>[] = [];
  const bufferViews: unknown[] = [];
  const meshes: unknown[] = [];
  const materials: unknown[] = [];
  const nodes: unknown[] = [];
  const view = (byteOffset: number, byteLength: number, target: number) => {
    bufferViews.push({ buffer: 0, byteOffset, byteLength, target });
    return bufferViews.length - 1;
  };
  sel.forEach(({ range, info: ri }, i) => {
    const l = local[i];
    const n = range.vertexCount;
    const a = accessors.length;
    accessors.push(
      {
        bufferView: view(l.pos, n * 12, ARRAY_BUFFER),
        componentType: FLOAT,
        count: n,
        type: 'VEC3',
        min: [0, 0, 0],
        max: [0, 0, 0],
      },
      { bufferView: view(l.nor, n * 12, ARRAY_BUFFER), componentType: FLOAT, count: n, type: 'VEC3' },
      {
        bufferView: view(l.idx, l.idxBytes, ELEMENT_ARRAY_BUFFER),
        componentType: l.short ? UNSIGNED_SHORT : UNSIGNED_INT,
        count: range.indexCount,
        type: 'SCALAR',
      },
    );
    const [r, g, b] = ri.color;
    materials.push({
      name: ri.name,
      pbrMetallicRoughness: {
        baseColorFactor: [srgbToLinear(r), srgbToLinear(g), srgbToLinear(b), 1],
        metallicFactor: 0,
        roughnessFactor: 0.6,
      },
    });
    meshes.push({
      name: ri.name,
      primitives: [{ attributes: { POSITION: a, NORMAL: a + 1 }, indices: a + 2, material: i, mode: 4 }],
    });
    nodes.push({
      name: ri.name,
      mesh: i,
      extras: { value: ri.value, hemisphere: ri.hemisphere ?? null, network: ri.network ?? null },
    });
  });

  const gltf = {
    asset: {
      version: '2.0',
      generator: 'Brain Atlas Studio',
      extras: {
        units: opts.unitsMm ? 'millimetres' : 'metres',
        metresPerUnit: scale,
        axes: 'glTF x = MNI x (right), glTF y = MNI z (superior), glTF z = -MNI y (posterior); MNI = RAS+ mm',
      },
    },
    scene: 0,
    scenes: [{ name: opts.name ?? 'regions', nodes: nodes.map((_, i) => i) }],
    nodes,
    meshes,
    materials,
    accessors,
    bufferViews,
    buffers: [{ byteLength: binLength }],
  };
  // The JSON with every bound a one-character 0, and room for each of the six to take its longest form.
  const encoder = new TextEncoder();
  const jsonLength = pad4(encoder.encode(JSON.stringify(gltf)).length + sel.length * 6 * (NUMBER_CHARS - 1));
  const binStart = 20 + jsonLength + 8;
  const byteLength = binStart + binLength;
  const parts = sel.map(({ range, info: ri }, i) => {
    const l = local[i];
    const bytes = (i + 1 < local.length ? local[i + 1].pos : binLength) - l.pos;
    return { range, info: ri, at: binStart + l.pos, bytes, nor: l.nor - l.pos, idx: l.idx - l.pos, short: l.short };
  });

  function head(bounds: (i: number) => RegionBounds): Uint8Array {
    // glTF axes: x = MNI x, y = MNI z, z = -MNI y; the float32 values that are written: scaling by a positive factor
    // keeps their order, so the scaled bounds are the bounds scaled.
    const toFloat = Math.fround;
    for (let i = 0; i < sel.length; i++) {
      const b = bounds(i);
      const min = [b.min[0] * scale, b.min[2] * scale, -b.max[1] * scale],
        max = [b.max[0] * scale, b.max[2] * scale, -b.min[1] * scale];
      accessors[i * 3].min = min.map(toFloat);
      accessors[i * 3].max = max.map(toFloat);
    }
    const json = encoder.encode(JSON.stringify(gltf));
    if (json.length > jsonLength) throw new Error(`glTF JSON of ${json.length} bytes over its ${jsonLength}`);
    const out = new Uint8Array(binStart);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, GLB_MAGIC, true);
    dv.setUint32(4, 2, true);
    dv.setUint32(8, byteLength, true);
    dv.setUint32(12, jsonLength, true);
    dv.setUint32(16, CHUNK_JSON, true);
    out.set(json, 20);
    out.fill(0x20, 20 + json.length, 20 + jsonLength); // JSON chunk padding is spaces
    dv.setUint32(binStart - 8, binLength, true);
    dv.setUint32(binStart - 4, CHUNK_BIN, true);
    return out;
  }
  return { parts, byteLength, scale, head };
}

/**
 * A region's binary part, into the start of `out` (at least part.bytes long, on 4 bytes): positions scaled and turned
 * to glTF's axes, unit normals turned the same way, indices from the region's own first vertex (16-bit where the part
 * says), zeros after. With `bounds`, also the lowest and highest x, y, z of its vertices in mm (RegionMeshes.bounds),
 * into bounds[at .. at + 6): min xyz, max xyz. With `memory`, which must then hold the mesh's arrays, `out` and
 * `bounds`, written by write-glb-part.wat where it can run (the meshing threads' arena: AAL3's parts on the command's
 * thread took 29–52 ms against 60 ms as JavaScript, in a fresh process); the same bytes either way.
 */
export function writeGlbPart(
  mesh: RegionMesh,
  part: Omit<GlbPart, 'info'>,
  scale: number,
  out: Uint8Array,
  bounds?: Float64Array,
  at = 0,
  memory?: WebAssembly.Memory | null,
): Uint8Array {
  const bytes = out.subarray(0, part.bytes);
  const indexCount = part.range.indexCount;
  bytes.fill(0, part.idx + indexCount * (part.short ? 2 : 4)); // the padding after the indices
  const args: WriteGlbPartArgs = { mesh, part, scale, out, bounds: bounds ?? null, at };
  const kernel = memory ? wasmKernel('writeGlbPart', memory) : null;
  if (kernel) kernel(args);
  else writeGlbPartJs(args);
  return bytes;
}

/** writeGlbPart's vertices, indices and bounds in JavaScript: write-glb-part.wat's twin. */
export function writeGlbPartJs({ mesh, part, scale, out, bounds, at }: WriteGlbPartArgs): void {
  const n = part.range.vertexCount;
  const p = mesh.positions,
    nrm = mesh.normals,
    src = mesh.indices,
    v0 = mesh.base;
  const { buffer, byteOffset } = out;
  const indexCount = part.range.indexCount;
  const pos = new Float32Array(buffer, byteOffset, n * 3);
  const nor = new Float32Array(buffer, byteOffset + part.nor, n * 3);
  let x0 = Infinity,
    y0 = Infinity,
    z0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity,
    z1 = -Infinity;
  for (let d = 0; d < n * 3; d += 3) {
    const x = p[d],
      y = p[d + 1],
      z = p[d + 2];
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (z < z0) z0 = z;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
    if (z > z1) z1 = z;
    pos[d] = x * scale;
    pos[d + 1] = z * scale;
    pos[d + 2] = -y * scale;
    let nx = nrm[d],
      ny = nrm[d + 2],
      nz = -nrm[d + 1];
    const len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    // A vertex whose triangles cancel out has no normal; glTF wants unit normals, so give it any unit vector.
    if (len < 0.5) {
      nx = 0;
      ny = 1;
      nz = 0;
    } else if (Math.abs(len - 1) > 1e-5) {
      nx /= len;
      ny /= len;
      nz /= len;
    }
    nor[d] = nx;
    nor[d + 1] = ny;
    nor[d + 2] = nz;
  }
  const idx = part.short
    ? new Uint16Array(buffer, byteOffset + part.idx, indexCount)
    : new Uint32Array(buffer, byteOffset + part.idx, indexCount);
  for (let t = 0; t < indexCount; t++) idx[t] = src[t] - v0;
  if (bounds) bounds.set([x0, y0, z0, x1, y1, z1], at);
}
