/**
 * What the 3D view's camera frames, for the camera presets (view-3d/CameraRig.tsx) and figure export
 * (figure/render-view.ts): the cortical surfaces shown (an inflated fsaverage5 reaches well past the MNI152 brain,
 * and is centred elsewhere), else the MNI152 brain, grown as far as exploding pushes the regions out.
 */
import type { Store } from '../store';
import { layerData, MNI_BRAIN_CENTRE, MNI_BRAIN_RADIUS } from './layer-data';
import { surfaceFrame, type ViewFrame } from './surface-data';

export type { ViewFrame };

export const VOLUME_FRAME: ViewFrame = { centre: MNI_BRAIN_CENTRE, radius: MNI_BRAIN_RADIUS };

/** The frame for the view `s` shows; the same object while it stays the same. */
export function viewFrame(s: Pick<Store, 'surfaceView' | 'explode' | 'layers'>): ViewFrame {
  return (s.surfaceView !== 'off' && surfaceFrame(s.surfaceView)) || explodedFrame(s);
}

let exploded: { explode: number; layers: Store['layers']; frame: ViewFrame } | null = null;

/**
 * The brain's frame with its regions exploded: each region moves out by `explode` times its centroid's offset from
 * the centre (model/region-state.ts). The frame grows as the drawn regions' reach does (the farthest corner of a
 * region's bounding box from the centre), exploded against not; a small atlas (the subcortex) has the brain's frame
 * to spread into first.
 */
function explodedFrame(s: Pick<Store, 'explode' | 'layers'>): ViewFrame {
  if (s.explode <= 0) return VOLUME_FRAME;
  if (exploded?.explode !== s.explode || exploded.layers !== s.layers) {
    const still = Math.max(reach(s.layers, 0), MNI_BRAIN_RADIUS);
    const grown = MNI_BRAIN_RADIUS * (reach(s.layers, s.explode) / still);
    const frame = grown > MNI_BRAIN_RADIUS ? { centre: MNI_BRAIN_CENTRE, radius: grown } : VOLUME_FRAME;
    exploded = { explode: s.explode, layers: s.layers, frame };
  }
  return exploded.frame;
}

/** How far from MNI_BRAIN_CENTRE the drawn layers' regions reach, exploded by `explode` (mm; 0 with none loaded). */
function reach(layers: Store['layers'], explode: number): number {
  const [cx, cy, cz] = MNI_BRAIN_CENTRE;
  let far = 0;
  for (const l of layers) {
    for (const r of layerData.get(l?.key)?.regions ?? []) {
      const { min, max } = r.bbox;
      const [ox, oy, oz] = [
        (r.centroid[0] - cx) * explode,
        (r.centroid[1] - cy) * explode,
        (r.centroid[2] - cz) * explode,
      ];
      // The corner farthest from the centre, on each axis the end farther from it.
      const dx = Math.max(Math.abs(min[0] + ox - cx), Math.abs(max[0] + ox - cx));
      const dy = Math.max(Math.abs(min[1] + oy - cy), Math.abs(max[1] + oy - cy));
      const dz = Math.max(Math.abs(min[2] + oz - cz), Math.abs(max[2] + oz - cz));
      far = Math.max(far, Math.hypot(dx, dy, dz));
    }
  }
  return far;
}
