import { OrbitControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type Store, useStore } from '../store';
import { createSceneUniforms } from './shaders';
import { CameraRig } from './CameraRig';
import { CursorMarker } from './CursorMarker';
import { FrameProbe } from './FrameProbe';
import { FigureBridge } from '../figure/figure-bridge';
import { LayerView } from './LayerView';
import { LegendRoom } from './LegendRoom';
import { OverlayLayers } from './OverlayLayers';
import { Picker } from './Picker';
import { RegionLabelProjector } from './RegionLabels';
import { TemplateBrain } from './TemplateBrain';
import { CorticalSurface } from './CorticalSurface';

/** Everything inside the canvas. React renders which layers exist; how they look comes from store subscriptions. */
export function SceneContent({ element }: { element: HTMLElement | null }) {
  const invalidate = useThree((s) => s.invalidate);
  const keys = useStore(useShallow((s) => s.layers.map((l) => l?.key ?? null)));
  // The cortical surface view replaces the volume's meshes (kept mounted, so that turning it off is instant).
  const onSurface = useStore((s) => s.surfaceView !== 'off');
  const scene = useMemo(createSceneUniforms, []);
  const dpr = useThree((s) => s.viewport.dpr);
  useEffect(() => {
    scene.uPixelRatio.value = dpr;
    invalidate();
  }, [scene, dpr, invalidate]);

  useEffect(() => {
    const apply = (s: Store) => {
      const axes = ['x', 'y', 'z'] as const;
      scene.uClipAt.value.set(s.clip.x.at, s.clip.y.at, s.clip.z.at);
      scene.uClipSide.value.set(
        ...(axes.map((a) => (s.clip[a].on ? (s.clip[a].flip ? -1 : 1) : 0)) as [number, number, number]),
      );
      scene.uHemiHidden.value.set(s.hemispheres.left ? 0 : 1, s.hemispheres.right ? 0 : 1);
      invalidate();
    };
    apply(useStore.getState());
    return useStore.subscribe((s, prev) => {
      if (s.clip !== prev.clip || s.hemispheres !== prev.hemispheres) apply(s);
    });
  }, [scene, invalidate]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a group shown or hidden needs a new frame
  useEffect(() => invalidate(), [onSurface, invalidate]);

  return (
    <>
      <group visible={!onSurface}>
        {keys.map((key, slot) =>
          key ? <LayerView key={`${slot}:${key}`} slot={slot} dataKey={key} scene={scene} /> : null,
        )}
        <TemplateBrain scene={scene} />
        <OverlayLayers scene={scene} />
      </group>
      <CorticalSurface />
      <CursorMarker />
      {!onSurface && <RegionLabelProjector />}
      <OrbitControls makeDefault enableDamping={false} minDistance={40} maxDistance={2500} />
      <CameraRig />
      <LegendRoom />
      <Picker />
      <FrameProbe element={element} />
      <FigureBridge />
    </>
  );
}
