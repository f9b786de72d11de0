/**
 * The cortical surface view's data, outside the store (like layer-data.ts): fsaverage5 meshes by kind and
 * hemisphere, a labels layer's values on the vertices, and each map frame's values on the vertices. The store's
 * surface slice names what is shown; these registries hold what has arrived.
 */
import type { SurfaceHemisphere, SurfaceKind } from '../../../core/api/surface-api';
import type { Vec3 } from '../../../core/api';
import type { SurfaceData, VertexLabels } from '../../../core/surface/surface-codec';

export const SURFACE_SIDES: readonly SurfaceHemisphere[] = ['left', 'right'];
/** Space between the hemispheres (mm) where their surfaces would otherwise touch or overlap (inflated). */
export const HEMISPHERE_GAP_MM = 10;

export interface PlacedSurface extends SurfaceData {
  hemi: SurfaceHemisphere;
  kind: SurfaceKind;
  /** Shift along x (mm) that keeps the hemispheres apart; positions as drawn are `positions` + this. */
  shiftX: number;
}

/** A sphere around what the 3D view shows, for the camera to frame (view-frame.ts). */
export interface ViewFrame {
  centre: Vec3;
  radius: number;
}

const meshes = new Map<string, PlacedSurface>();
/** surfaceFrame's answer per kind, with the meshes it was made from. */
const frames = new Map<SurfaceKind, { from: (PlacedSurface | undefined)[]; frame: ViewFrame | null }>();
const labels = new Map<string, VertexLabels>();
const mapValues = new Map<string, Float32Array>();

export const meshKey = (kind: SurfaceKind, hemi: SurfaceHemisphere) => `${kind}|${hemi}`;
/** `layerKey|hemi`: a labels layer (atlasId@variant) on one hemisphere. */
export const labelsKey = (layerKey: string, hemi: SurfaceHemisphere) => `${layerKey}|${hemi}`;
/** `dataKey|hemi`: a map frame (overlay dataKey, mapId#frame) on one hemisphere. */
export const mapKey = (dataKey: string, hemi: SurfaceHemisphere) => `${dataKey}|${hemi}`;

/** The x shift that puts a hemisphere on its own side of the midline with half the gap to spare. */
export function hemisphereShift(positions: Float32Array, hemi: SurfaceHemisphere, gap = HEMISPHERE_GAP_MM): number {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < positions.length; i += 3) {
    min = Math.min(min, positions[i]);
    max = Math.max(max, positions[i]);
  }
  return hemi === 'left' ? Math.min(0, -gap / 2 - max) : Math.max(0, gap / 2 - min);
}

/**
 * The sphere around both hemispheres of `kind` as drawn (shifted apart), from the meshes that have arrived: centred
 * on their bounding box, reaching the farthest vertex. Null before any has arrived. The same object until the meshes
 * change, so a change of frame can be seen by identity.
 */
export function surfaceFrame(kind: SurfaceKind): ViewFrame | null {
  const from = SURFACE_SIDES.map((hemi) => meshes.get(meshKey(kind, hemi)));
  const known = frames.get(kind);
  if (known?.from.every((m, i) => m === from[i])) return known.frame;
  const placed = from.filter((m): m is PlacedSurface => m !== undefined);
  let frame: ViewFrame | null = null;
  if (placed.some((m) => m.positions.length > 0)) {
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    const each = (fn: (x: number, y: number, z: number) => void) => {
      for (const m of placed)
        for (let i = 0; i < m.positions.length; i += 3)
          fn(m.positions[i] + m.shiftX, m.positions[i + 1], m.positions[i + 2]);
    };
    each((x, y, z) =>
      [x, y, z].forEach((v, a) => {
        lo[a] = Math.min(lo[a], v);
        hi[a] = Math.max(hi[a], v);
      }),
    );
    const centre: Vec3 = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
    let r2 = 0;
    each((x, y, z) => {
      r2 = Math.max(r2, (x - centre[0]) ** 2 + (y - centre[1]) ** 2 + (z - centre[2]) ** 2);
    });
    frame = { centre, radius: Math.sqrt(r2) };
  }
  frames.set(kind, { from, frame });
  return frame;
}

export const surfaceData = {
  mesh: (kind: SurfaceKind, hemi: SurfaceHemisphere) => meshes.get(meshKey(kind, hemi)),
  putMesh(kind: SurfaceKind, hemi: SurfaceHemisphere, s: SurfaceData) {
    meshes.set(meshKey(kind, hemi), { ...s, hemi, kind, shiftX: hemisphereShift(s.positions, hemi) });
  },
  hasMesh: (kind: SurfaceKind, hemi: SurfaceHemisphere) => meshes.has(meshKey(kind, hemi)),
  labels: (layerKey: string | null | undefined, hemi: SurfaceHemisphere) =>
    layerKey ? labels.get(labelsKey(layerKey, hemi)) : undefined,
  putLabels: (layerKey: string, hemi: SurfaceHemisphere, v: VertexLabels) =>
    void labels.set(labelsKey(layerKey, hemi), v),
  hasLabels: (layerKey: string, hemi: SurfaceHemisphere) => labels.has(labelsKey(layerKey, hemi)),
  mapValues: (dataKey: string, hemi: SurfaceHemisphere) => mapValues.get(mapKey(dataKey, hemi)),
  putMapValues: (dataKey: string, hemi: SurfaceHemisphere, v: Float32Array) =>
    void mapValues.set(mapKey(dataKey, hemi), v),
  hasMapValues: (dataKey: string, hemi: SurfaceHemisphere) => mapValues.has(mapKey(dataKey, hemi)),
  /** Forgets map frames no longer shown (a closed map, another frame). */
  pruneMaps(keepDataKeys: Iterable<string>) {
    const keep = new Set(keepDataKeys);
    for (const key of [...mapValues.keys()]) if (!keep.has(key.slice(0, key.lastIndexOf('|')))) mapValues.delete(key);
  },
};
