import { useT } from '../i18n/index';
import { useStore } from '../store';
import { Colorbar } from '../panels/Colorbar';

/** At most this many scales are laid over the view (the top maps); the side panel has every map's own. */
const MOST = 3;

/**
 * The colour scales of the maps the 3D view draws, laid over its top right corner, the top map first: a screen shown
 * in a lecture or copied into a slide carries its scale with it; the picture moves aside from them (LegendRoom). None
 * while the view draws no map (maps off in 3D and no cortical surface, which always shows the maps).
 */
export function ViewColorbars() {
  const t = useT();
  const shown = useStore((s) => s.overlay3d !== 'off' || s.surfaceView !== 'off');
  const display = useStore((s) => s.displayOverlays);
  const overlays = useStore((s) => s.overlays);
  if (!shown || display.length === 0) return null;
  const scales = display
    .slice(-MOST)
    .reverse()
    .map((d) => ({ d, name: overlays.find((o) => o.dataKey === d.dataKey)?.info.name ?? '' }));
  return (
    <section className="view-colorbars" aria-label={t('viewColourScales')}>
      {scales.map(({ d, name }) => (
        <div key={d.dataKey} className="view-colorbar">
          <div className="view-colorbar-name" title={name}>
            {name}
          </div>
          <Colorbar overlay={d} name={name} />
        </div>
      ))}
    </section>
  );
}
