/** What the mesh exporters (glTF, OBJ, STL) share: which regions to write, with their names and colours. */
import { AtlasError } from '../errors';
import type { Hemisphere, Rgb } from '../io/labels/types';
import type { RegionMesh, RegionMeshSet, RegionMeshes, RegionRange, RegionSpan } from './types';

/** What an exporter needs to know about a region besides its mesh (from AtlasSummary.regions). */
export interface ExportRegionInfo {
  value: number;
  name: string;
  /** sRGB, 0..255. */
  color: Rgb;
  hemisphere?: Hemisphere | null;
  network?: string | null;
}

export interface ExportOptions {
  /** Label values to export (in any order; the file keeps the set's order). All regions when absent. */
  regions?: number[];
}

export interface SelectedRegion<R extends RegionSpan = RegionRange> {
  range: R;
  info: ExportRegionInfo;
}

const FALLBACK_COLOR: Rgb = [200, 200, 200];

/**
 * The regions to export, in the mesh set's order, each with its name and colour (regions the metadata does not
 * name are called "region N" and drawn grey). Unknown values are refused with the list of valid ones.
 */
export function selectRegions<R extends RegionSpan>(
  regions: readonly R[],
  info: Iterable<ExportRegionInfo>,
  values?: number[],
): SelectedRegion<R>[] {
  const byValue = new Map<number, ExportRegionInfo>();
  for (const i of info) byValue.set(i.value, i);
  let ranges = regions.filter((r) => r.indexCount > 0);
  if (values) {
    const have = new Set(ranges.map((r) => r.value));
    const unknown = [...new Set(values)].filter((v) => !have.has(v));
    if (unknown.length > 0) {
      throw new AtlasError(
        'not-found',
        `no region with value${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in this atlas's meshes; valid values: ${formatValueRanges([...have])}`,
      );
    }
    const wanted = new Set(values);
    ranges = ranges.filter((r) => wanted.has(r.value));
  }
  if (ranges.length === 0) throw new AtlasError('invalid-argument', 'no region meshes to export');
  return ranges.map((range) => ({
    range,
    info: byValue.get(range.value) ?? { value: range.value, name: `region ${range.value}`, color: FALLBACK_COLOR },
  }));
}

/** "1-34, 37, 41-170": sorted values with runs collapsed, for messages. */
export function formatValueRanges(values: number[]): string {
  const v = [...new Set(values)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < v.length; ) {
    let j = i;
    while (j + 1 < v.length && v[j + 1] === v[j] + 1) j++;
    parts.push(j === i ? `${v[i]}` : j === i + 1 ? `${v[i]}, ${v[j]}` : `${v[i]}-${v[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Triangle and vertex totals of a selection, for summaries. */
export function selectionSize(sel: readonly { range: RegionSpan }[]): { triangles: number; vertices: number } {
  let triangles = 0,
    vertices = 0;
  for (const s of sel) {
    triangles += s.range.indexCount / 3;
    vertices += s.range.vertexCount;
  }
  return { triangles, vertices };
}

/** A mesh set's regions as a file writer reads them (types.ts's RegionMeshes): views of its arrays. */
export function regionMeshesOf(set: RegionMeshSet): RegionMeshes {
  return {
    regions: set.regions,
    bounds(r) {
      const min: [number, number, number] = [Infinity, Infinity, Infinity],
        max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
      const p = set.positions;
      for (let s = r.vertexStart * 3, end = (r.vertexStart + r.vertexCount) * 3; s < end; s += 3) {
        for (let a = 0; a < 3; a++) {
          const x = p[s + a];
          if (x < min[a]) min[a] = x;
          if (x > max[a]) max[a] = x;
        }
      }
      return { min, max };
    },
    mesh(r): RegionMesh {
      const from = r.vertexStart * 3,
        to = (r.vertexStart + r.vertexCount) * 3;
      return {
        positions: set.positions.subarray(from, to),
        normals: set.normals.subarray(from, to),
        indices: set.indices.subarray(r.indexStart, r.indexStart + r.indexCount),
        base: r.vertexStart,
      };
    },
  };
}
