import { useT } from '../i18n/index';
import { useStore } from '../store';
import { useAtlasName } from '../i18n/names';

/** Which atlases are loading (meshing a 1 mm atlas takes a second or two the first time). */
export function LoadingNotice() {
  const t = useT();
  const pending = useStore((s) => s.pending);
  const nameOf = useAtlasName();
  const names = pending.filter((p): p is string => !!p).map((id) => nameOf(id));
  if (names.length === 0) return null;
  return (
    <div role="status" className="loading-notice">
      {names.map((n) => (
        <div key={n}>{t('loadingLayer', { atlas: n })}</div>
      ))}
    </div>
  );
}
