import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { type Store, useStore } from '../store';
import { MNI_BRAIN_CENTRE, layerData, mountedKeys } from '../model/layer-data';
import { anyCut } from './picking';
import { layerVisual, packState, visualInputs } from '../model/region-state';
import type { SceneUniforms } from './shaders';
import { buildLayerObjects } from './build-objects';

/**
 * One atlas layer: its objects are built once; every change of look (colours, hiding, isolation, explode,
 * highlight, opacity) rewrites the layer's state texture from a store subscription and asks for one frame.
 */
export function LayerView({ slot, dataKey, scene }: { slot: number; dataKey: string; scene: SceneUniforms }) {
  const invalidate = useThree((s) => s.invalidate);
  const data = layerData.get(dataKey);
  const objects = useMemo(() => (data ? buildLayerObjects(data, scene) : null), [data, scene]);
  useEffect(() => () => objects?.dispose(), [objects]);

  useLayoutEffect(() => {
    if (!data || !objects) return;
    const tex = objects.uniforms.uState.value;
    const apply = (s: Store) => {
      const layer = s.layers[slot];
      if (!layer || layer.key !== dataKey) return;
      const visual = layerVisual(data, visualInputs(s, MNI_BRAIN_CENTRE));
      packState(data, visual, s.hovered?.key ?? null, s.selected, tex.image.data as Float32Array);
      tex.needsUpdate = true;
      objects.uniforms.uOpacity.value = layer.opacity;
      let anyOpaque = false;
      let anyBlended = false;
      for (const a of visual.alpha) {
        const e = a * layer.opacity;
        if (e >= 0.999) anyOpaque = true;
        else if (e > 0.001) anyBlended = true;
      }
      objects.opaque.visible = anyOpaque;
      // Back faces of fully shown regions can be seen only through a cut.
      objects.cut.visible = anyOpaque && anyCut(s);
      objects.transparent.visible = anyBlended;
      objects.outline.visible = !!s.selected && s.selected.startsWith(`${data.atlasId}:`);
      objects.footprint.visible = objects.outline.visible;
      invalidate();
    };
    apply(useStore.getState());
    mountedKeys.add(dataKey);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.sceneVersion !== prev.sceneVersion || s.layers[slot] !== prev.layers[slot]) apply(s);
    });
    return () => {
      unsubscribe();
      mountedKeys.delete(dataKey);
      invalidate();
    };
  }, [data, objects, slot, dataKey, invalidate]);

  if (!objects) return null;
  return (
    <>
      <primitive object={objects.opaque} />
      <primitive object={objects.cut} />
      <primitive object={objects.transparent} />
      <primitive object={objects.footprint} />
      <primitive object={objects.outline} />
      {objects.markers && <primitive object={objects.markers} />}
    </>
  );
}
