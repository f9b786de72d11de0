/**
 * Region meshes as Wavefront OBJ text with a companion MTL for colours: per region an `o` object and `g` group
 * named after it with `usemtl`, then `v`, `vn` and `f a//a b//b c//c` (1-based, one normal per vertex).
 * Coordinates are MNI millimetres as they are (x right, y anterior, z superior: Z up, which slicers and
 * 3D-printing tools assume; in Blender's OBJ import choose Up = Z, Forward = Y to keep MNI axes).
 * MTL `Kd` is the region's sRGB colour / 255 (MTL does not define a colour space; most readers take display
 * values). Names are written with whitespace replaced by "_", since OBJ statements split on it.
 */
import { type ExportOptions, type ExportRegionInfo, selectRegions } from './export-gltf';
import type { RegionMeshSet } from './types';

export interface ObjOptions extends ExportOptions {
  /** File name of the MTL written beside the OBJ, referenced by `mtllib` (e.g. "aal3.mtl"). */
  mtlFileName: string;
  /** A comment line naming what this is, e.g. the atlas. */
  title?: string;
}

/** Up to 4 decimals (0.1 µm in mm, plenty for float32 positions from a ≥ 0.5 mm grid), no "-0". */
function num(v: number): string {
  const r = Math.round(v * 1e4) / 1e4;
  return r === 0 ? '0' : String(r);
}

/** Whitespace-free, unique names for `o`/`g`/`usemtl`. */
function objNames(names: string[], values: number[]): string[] {
  const seen = new Set<string>();
  return names.map((n, i) => {
    let s = n.trim().replace(/\s+/g, '_') || `region_${values[i]}`;
    if (seen.has(s)) s = `${s}_${values[i]}`;
    seen.add(s);
    return s;
  });
}

const CHUNK = 1 << 16;

export function exportObj(set: RegionMeshSet, info: Iterable<ExportRegionInfo>, opts: ObjOptions): { obj: string; mtl: string } {
  const sel = selectRegions(set, info, opts.regions);
  const names = objNames(sel.map((s) => s.info.name), sel.map((s) => s.info.value));
  const head = `# Brain Atlas Studio${opts.title ? `: ${opts.title}` : ''}\n# units: millimetres, MNI152 RAS+ (x right, y anterior, z superior)\n`;

  const mtl: string[] = [head];
  sel.forEach(({ info: ri }, i) => {
    const [r, g, b] = ri.color.map((c) => num(c / 255));
    mtl.push(`newmtl ${names[i]}\nKa 0 0 0\nKd ${r} ${g} ${b}\nKs 0 0 0\nd 1\nillum 1\n\n`);
  });

  // Built in pieces and joined once: a 1 mm atlas is tens of megabytes of text.
  const out: string[] = [head, `mtllib ${opts.mtlFileName}\n`];
  const p = set.positions, nrm = set.normals, idx = set.indices;
  let base = 1; // OBJ index of the first vertex of the current region
  sel.forEach(({ range, info: ri }, i) => {
    out.push(`\no ${names[i]}\ng ${names[i]}\n# value ${ri.value}\nusemtl ${names[i]}\n`);
    const v0 = range.vertexStart, n = range.vertexCount;
    let chunk = '';
    const flush = () => {
      out.push(chunk);
      chunk = '';
    };
    for (let v = v0; v < v0 + n; v++) {
      chunk += `v ${num(p[v * 3])} ${num(p[v * 3 + 1])} ${num(p[v * 3 + 2])}\n`;
      if (chunk.length > CHUNK) flush();
    }
    for (let v = v0; v < v0 + n; v++) {
      chunk += `vn ${num(nrm[v * 3])} ${num(nrm[v * 3 + 1])} ${num(nrm[v * 3 + 2])}\n`;
      if (chunk.length > CHUNK) flush();
    }
    const shift = base - v0;
    for (let t = range.indexStart; t < range.indexStart + range.indexCount; t += 3) {
      const a = idx[t] + shift, b = idx[t + 1] + shift, c = idx[t + 2] + shift;
      chunk += `f ${a}//${a} ${b}//${b} ${c}//${c}\n`;
      if (chunk.length > CHUNK) flush();
    }
    flush();
    base += n;
  });
  return { obj: out.join(''), mtl: mtl.join('') };
}
