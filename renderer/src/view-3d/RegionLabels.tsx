import { useFrame, useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import { useStore } from '../store';
import { MNI_BRAIN_CENTRE, findRegion } from '../model/layer-data';
import { useRegionName } from '../i18n/names';

const LABEL_GAP_PX = 4;

/**
 * Region names (a brain system's, a tour step's) as HTML over the canvas, in the app's language as it is now (the
 * region cards' Chinese names, as figures name them); RegionLabelProjector places them.
 */
export function RegionLabels() {
  const keys = useStore((s) => s.regionLabels);
  const layers = useStore((s) => s.layers);
  const regionName = useRegionName();
  // They mark the volume's regions: not placed on the cortical surface view.
  const onSurface = useStore((s) => s.surfaceView !== 'off');
  // L while presenting hides them.
  const hidden = useStore((s) => s.labelsHidden);
  if (keys.length === 0 || onSurface || hidden) return null;
  return (
    <div className="region-labels">
      {keys.map((key) => {
        const found = findRegion(layers, key);
        return (
          <div key={key} className="region-label" data-key={key} style={{ visibility: 'hidden' }}>
            {found ? regionName(found.data.atlasId, found.region) : ''}
          </div>
        );
      })}
    </div>
  );
}

/**
 * Inside the canvas: on every frame, moves each region label to its region's projected centre; a label on the far
 * side of the brain, or overlapping a label placed before it, is hidden.
 */
export function RegionLabelProjector() {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const gl = useThree((s) => s.gl);
  useFrame(() => {
    const host = gl.domElement.closest('.viewer-canvas');
    const els = host ? [...host.querySelectorAll<HTMLElement>('.region-label')] : [];
    if (els.length === 0) return;
    const layers = useStore.getState().layers;
    const placed: DOMRect[] = [];
    const view = camera.getWorldDirection(new Vector3());
    const v = new Vector3();
    for (const el of els) {
      const found = findRegion(layers, el.dataset.key);
      if (!found) {
        el.style.visibility = 'hidden';
        continue;
      }
      const c = found.region.center;
      const out = [c[0] - MNI_BRAIN_CENTRE[0], c[1] - MNI_BRAIN_CENTRE[1], c[2] - MNI_BRAIN_CENTRE[2]];
      // Facing away: clearly on the far side of the brain from the camera.
      const away = (out[0] * view.x + out[1] * view.y + out[2] * view.z) / (Math.hypot(...out) || 1) > 0.35;
      v.set(c[0], c[1], c[2]).project(camera);
      const x = ((v.x + 1) / 2) * size.width;
      const y = ((1 - v.y) / 2) * size.height;
      el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px) translate(-50%, -50%)`;
      const w = el.offsetWidth;
      const h = el.offsetHeight;
      const box = new DOMRect(x - w / 2 - LABEL_GAP_PX, y - h / 2, w + 2 * LABEL_GAP_PX, h);
      const hit = placed.some(
        (p) => p.left < box.right && box.left < p.right && p.top < box.bottom && box.top < p.bottom,
      );
      const show = !away && !hit && v.z < 1;
      el.style.visibility = show ? 'visible' : 'hidden';
      if (show) placed.push(box);
    }
  });
  return null;
}
