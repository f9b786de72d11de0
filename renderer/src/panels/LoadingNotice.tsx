import { useT } from '../i18n/index';
import { useStore } from '../store';
import { useAtlasName } from '../i18n/names';

/**
 * Which atlases are loading (meshing a 1 mm atlas takes a second or two the first time), or drawn and having their
 * meshes made again (at fine detail after the standard ones drawn first, or at another detail).
 */
export function LoadingNotice() {
  const t = useT();
  const pending = useStore((s) => s.pending);
  const layers = useStore((s) => s.layers);
  const nameOf = useAtlasName();
  const lines = pending.flatMap((id, slot) => {
    if (!id) return [];
    const key = layers[slot]?.atlasId === id ? 'updatingLayer' : 'loadingLayer';
    return [{ id, text: t(key, { atlas: nameOf(id) }) }];
  });
  if (lines.length === 0) return null;
  return (
    <div role="status" className="loading-notice">
      {lines.map((l) => (
        <div key={l.id}>{l.text}</div>
      ))}
    </div>
  );
}
