/**
 * What the 3D view's camera frames, for the camera presets (view-3d/CameraRig.tsx) and figure export
 * (figure/render-view.ts): the cortical surfaces shown (an inflated fsaverage5 reaches well past the MNI152 brain,
 * and is centred elsewhere), else the MNI152 brain.
 */
import type { Store } from '../store';
import { MNI_BRAIN_CENTRE, MNI_BRAIN_RADIUS } from './layer-data';
import { surfaceFrame, type ViewFrame } from './surface-data';

export type { ViewFrame };

export const VOLUME_FRAME: ViewFrame = { centre: MNI_BRAIN_CENTRE, radius: MNI_BRAIN_RADIUS };

/** The frame for the view `s` shows; the same object while it stays the same. */
export function viewFrame(s: Pick<Store, 'surfaceView'>): ViewFrame {
  return (s.surfaceView !== 'off' && surfaceFrame(s.surfaceView)) || VOLUME_FRAME;
}
