import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { type Store, useStore } from '../store';
import { MNI_BRAIN_CENTRE, layerData, mountedKeys } from '../model/layer-data';
import { anyCut } from './picking';
import { type LayerVisual, layerVisual, MUTED_UNDER_MAPS, packState, visualInputs } from '../model/region-state';
import { mapsShownOver } from '../store/scene-slice';
import type { SceneUniforms } from './shaders';
import { buildLayerObjects } from './build-objects';
import { RegionMaps } from './RegionMaps';

/** How long regions take to fade in or out between the steps of a tour being presented. */
const REGION_FADE_MS = 400;

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
    /** Region alphas as last drawn, and the fade running toward new ones (presenting only). */
    let shown: Float32Array | null = null;
    let fade = 0;
    const draw = (s: Store, visual: LayerVisual, opacity: number) => {
      const mute = mapsShownOver(s, s.layers[slot]) ? MUTED_UNDER_MAPS : 0;
      packState(data, visual, s.hovered?.key ?? null, s.selected, tex.image.data as Float32Array, mute);
      tex.needsUpdate = true;
      objects.uniforms.uOpacity.value = opacity;
      let anyOpaque = false;
      let anyBlended = false;
      for (const a of visual.alpha) {
        const e = a * opacity;
        if (e >= 0.999) anyOpaque = true;
        else if (e > 0.001) anyBlended = true;
      }
      objects.opaque.visible = anyOpaque;
      // Back faces of fully shown regions can be seen only through a cut.
      objects.cut.visible = anyOpaque && anyCut(s);
      objects.transparent.visible = anyBlended;
      objects.outline.visible = !!s.selected && s.selected.startsWith(`${data.atlasId}:`);
      objects.footprint.visible = objects.outline.visible;
      shown = visual.alpha.slice();
      invalidate();
    };
    const apply = (s: Store) => {
      const layer = s.layers[slot];
      if (!layer || layer.key !== dataKey) return;
      const visual = layerVisual(data, visualInputs(s, MNI_BRAIN_CENTRE));
      cancelAnimationFrame(fade);
      const from = shown;
      const changed = from && from.length === visual.alpha.length && from.some((a, i) => a !== visual.alpha[i]);
      if (!s.presenting || !from || !changed) return draw(s, visual, layer.opacity);
      // While presenting, regions fade in and out between steps.
      const start = performance.now();
      const step = () => {
        const t = Math.min(1, (performance.now() - start) / REGION_FADE_MS);
        const alpha = visual.alpha.map((a, i) => from[i] + (a - from[i]) * t);
        draw(useStore.getState(), t < 1 ? { ...visual, alpha } : visual, layer.opacity);
        if (t < 1) fade = requestAnimationFrame(step);
      };
      step();
    };
    apply(useStore.getState());
    mountedKeys.add(dataKey);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.sceneVersion !== prev.sceneVersion || s.layers[slot] !== prev.layers[slot]) apply(s);
    });
    return () => {
      cancelAnimationFrame(fade);
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
      {data?.kind === 'labels' && (
        <RegionMaps layerKey={dataKey} meshes={data.meshes} objects={objects} scene={scene} />
      )}
    </>
  );
}
