import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useStore } from '../store';
import { mountedKeys, templateData } from '../model/layer-data';
import type { SceneUniforms } from './shaders';
import { buildGlass } from './build-objects';

/** The MNI152 brain as a glass surface for context; visibility and opacity follow the store. */
export function TemplateBrain({ scene }: { scene: SceneUniforms }) {
  const invalidate = useThree((s) => s.invalidate);
  const key = useStore((s) => s.template.key);
  const data = templateData.get(key);
  const glass = useMemo(() => (data ? buildGlass(data, scene) : null), [data, scene]);
  useEffect(() => () => glass?.dispose(), [glass]);

  useLayoutEffect(() => {
    if (!glass || !key) return;
    const apply = () => {
      const t = useStore.getState().template;
      glass.mesh.visible = t.visible && t.opacity > 0;
      glass.opacity.value = t.opacity;
      invalidate();
    };
    apply();
    mountedKeys.add(`template:${key}`);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.template !== prev.template) apply();
    });
    return () => {
      unsubscribe();
      mountedKeys.delete(`template:${key}`);
    };
  }, [glass, key, invalidate]);

  return glass ? <primitive object={glass.mesh} /> : null;
}
