/** Which hemisphere a region is in, from the naming conventions atlases use, else from where its voxels lie. */
import type { Hemisphere } from '../io/labels/types';

const LEFT = new Set(['l', 'lh', 'left', 'lhemi', 'sinister', 'gauche']);
const RIGHT = new Set(['r', 'rh', 'right', 'rhemi', 'dexter', 'droit', 'droite']);

/**
 * Reads the hemisphere out of a region name, or null when the name does not say. Handles the conventions of the
 * common atlases: "Precentral_L" (AAL), "7Networks_LH_Vis_1" (Schaefer), "L_V1_ROI" (Glasser), "Left-Hippocampus"
 * and "ctx-lh-precentral" (FreeSurfer), "HIP-rh" (Tian), "A8m_L" (Brainnetome), "Right Cerebral Cortex"
 * (Harvard-Oxford), "lh.precentral", "Frontal_Sup (L)".
 */
export function hemisphereFromName(name: string): Hemisphere | null {
  const tokens = name.split(/[\s_\-.,()[\]/]+/).filter(Boolean);
  let left = false;
  let right = false;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const lower = token.toLowerCase();
    // Single letters only count in the first or last position ("Precentral_L", "L_V1_ROI"), where atlases put them.
    if (lower.length === 1 && t !== 0 && t !== tokens.length - 1) continue;
    if (LEFT.has(lower)) left = true;
    else if (RIGHT.has(lower)) right = true;
  }
  if (left === right) return null;
  return left ? 'left' : 'right';
}

/** The hemisphere from where a region's voxels lie in MNI space: left or right when 95% or more lie on one side. */
export function hemisphereFromVoxels(leftVoxels: number, rightVoxels: number, totalVoxels: number): Hemisphere {
  if (totalVoxels > 0 && leftVoxels / totalVoxels >= 0.95) return 'left';
  if (totalVoxels > 0 && rightVoxels / totalVoxels >= 0.95) return 'right';
  return 'bilateral';
}
