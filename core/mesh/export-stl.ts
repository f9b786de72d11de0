/**
 * Region meshes as binary STL: every selected region's triangles with facet normals, in MNI millimetres as they
 * are (Z up, as slicers assume). STL has no names, colours or objects: the regions become one triangle soup, each
 * region a closed shell; two neighbouring regions both keep the wall between them (facing opposite ways).
 * Use glb or obj to keep regions apart. Layout: 80-byte header, uint32 triangle count, then 50 bytes per
 * triangle (normal, three corners as float32 LE, uint16 attribute 0).
 */
import { type ExportOptions, type ExportRegionInfo, selectRegions } from './export-regions';
import type { RegionMeshes } from './types';

export interface StlOptions extends ExportOptions {
  /** Put into the 80-byte header (ASCII, truncated), e.g. the atlas id. */
  title?: string;
}

export function exportStl(meshes: RegionMeshes, info: Iterable<ExportRegionInfo>, opts: StlOptions = {}): Uint8Array {
  const sel = selectRegions(meshes.regions, info, opts.regions);
  let triangles = 0;
  for (const s of sel) triangles += s.range.indexCount / 3;
  const out = new Uint8Array(84 + 50 * triangles);
  // The header must not start with "solid": readers take such files for ASCII STL.
  const header = `Brain Atlas Studio binary STL, MNI mm${opts.title ? `: ${opts.title}` : ''}`
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 80);
  for (let i = 0; i < header.length; i++) out[i] = header.charCodeAt(i);
  const dv = new DataView(out.buffer);
  dv.setUint32(80, triangles, true);
  let o = 84;
  for (const { range } of sel) {
    const { positions: p, indices: idx, base } = meshes.mesh(range);
    for (let t = 0; t < idx.length; t += 3) {
      const a = (idx[t] - base) * 3,
        b = (idx[t + 1] - base) * 3,
        c = (idx[t + 2] - base) * 3;
      const ax = p[a],
        ay = p[a + 1],
        az = p[a + 2];
      const ux = p[b] - ax,
        uy = p[b + 1] - ay,
        uz = p[b + 2] - az;
      const vx = p[c] - ax,
        vy = p[c + 1] - ay,
        vz = p[c + 2] - az;
      let nx = uy * vz - uz * vy,
        ny = uz * vx - ux * vz,
        nz = ux * vy - uy * vx;
      const len = Math.hypot(nx, ny, nz);
      if (len > 0) {
        nx /= len;
        ny /= len;
        nz /= len;
      }
      dv.setFloat32(o, nx, true);
      dv.setFloat32(o + 4, ny, true);
      dv.setFloat32(o + 8, nz, true);
      dv.setFloat32(o + 12, ax, true);
      dv.setFloat32(o + 16, ay, true);
      dv.setFloat32(o + 20, az, true);
      dv.setFloat32(o + 24, p[b], true);
      dv.setFloat32(o + 28, p[b + 1], true);
      dv.setFloat32(o + 32, p[b + 2], true);
      dv.setFloat32(o + 36, p[c], true);
      dv.setFloat32(o + 40, p[c + 1], true);
      dv.setFloat32(o + 44, p[c + 2], true);
      // attribute byte count: already 0
      o += 50;
    }
  }
  return out;
}
