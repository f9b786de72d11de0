import { Canvas } from '@react-three/fiber';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index';
import { FOV_DEG } from './camera-presets';
import { SceneContent } from './SceneContent';
import { CameraToolbar } from './CameraToolbar';
import { HoverTooltip } from './HoverTooltip';
import { RegionLabels } from './RegionLabels';
import { ViewColorbars } from './ViewColorbars';
import { LoadingNotice } from '../panels/LoadingNotice';
import { StatusLine } from '../panels/StatusLine';

/**
 * The 3D view: camera presets, the canvas (rendered on demand), the hover tooltip, the shown maps' colour scales, and
 * the status line. The
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
        {/*
          Laid over its box rather than in it: a canvas in the flow sizes the box that sizes it, so the view could
          grow with the window but never shrink (after a map opened, it kept a taller frame, clipped).
        */}
        <Canvas
          ref={canvas}
          style={{ position: 'absolute', inset: 0 }}
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
        <ViewColorbars />
        <LoadingNotice />
      </div>
      <StatusLine />
    </section>
  );
}
