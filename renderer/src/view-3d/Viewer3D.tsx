import { Canvas } from '@react-three/fiber';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index';
import { FOV_DEG } from './camera-presets';
import { SceneContent } from './SceneContent';
import { CameraToolbar } from './CameraToolbar';
import { HoverTooltip } from './HoverTooltip';
import { RegionLabels } from './RegionLabels';
import { LoadingNotice } from '../panels/LoadingNotice';
import { StatusLine } from '../panels/StatusLine';

/**
 * The 3D view: camera presets, the canvas (rendered on demand), the hover tooltip, and the status line. The
 * element carries data-ready / data-frame / data-version / data-drawn-version (see three/FrameProbe.tsx).
 */
export function Viewer3D() {
  const t = useT();
  const [element, setElement] = useState<HTMLElement | null>(null);
  const canvasLabel = t('canvasLabel');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    canvas.current?.setAttribute('role', 'img');
    canvas.current?.setAttribute('aria-label', canvasLabel);
  }, [canvasLabel]);
  return (
    <section className="viewer" aria-label={t('view3d')} ref={setElement}>
      <CameraToolbar />
      <div className="viewer-canvas">
        <Canvas
          ref={canvas}
          frameloop="demand"
          dpr={[1, 2]}
          gl={{ preserveDrawingBuffer: true, antialias: true, stencil: true }}
          camera={{ fov: FOV_DEG, near: 1, far: 5000, up: [0, 0, 1], position: [-420, 0, 0] }}
          onCreated={({ gl }) => gl.setClearColor('#161a22')}
        >
          <SceneContent element={element} />
        </Canvas>
        <RegionLabels />
        <HoverTooltip />
        <LoadingNotice />
      </div>
      <StatusLine />
    </section>
  );
}
