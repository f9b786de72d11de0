import { LUT_SIZE, lutCss } from '../../../core/maps/colormaps';
import { useT } from '../i18n/index';
import type { DisplayOverlay } from '../model/display-overlay';

const STOPS = 12;
const fmt = (v: number) => String(Number(v.toPrecision(3)));

function gradient(lut: Uint8Array, reverse: boolean): string {
  const stops = Array.from({ length: STOPS }, (_, i) => {
    const k = reverse ? STOPS - 1 - i : i;
    return `${lutCss(lut, (k * (LUT_SIZE - 1)) / (STOPS - 1))} ${((i * 100) / (STOPS - 1)).toFixed(1)}%`;
  });
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/**
 * The colour scale of one overlay: negative values on the left (−max to −threshold), a gap for the values that
 * are not shown, positive values on the right (threshold to max); the thresholds are marked and labelled.
 */
export function Colorbar({ overlay, name }: { overlay: DisplayOverlay; name: string }) {
  const t = useT();
  const parts: string[] = [];
  if (overlay.negLut) parts.push(`${fmt(-overlay.negMax)} … ${fmt(-overlay.negThreshold)}`);
  if (overlay.posLut) parts.push(`${fmt(overlay.posThreshold)} … ${fmt(overlay.posMax)}`);
  return (
    <div className="colorbar" role="img" aria-label={t('colorbarOf', { name, ranges: parts.join(', ') })}>
      {overlay.negLut && (
        <div className="colorbar-part">
          <div className="colorbar-ramp" style={{ background: gradient(overlay.negLut, true) }} />
          <div className="colorbar-ticks">
            <span>{fmt(-overlay.negMax)}</span>
            <span className="threshold-mark" data-field="neg-threshold">
              {fmt(-overlay.negThreshold)}
            </span>
          </div>
        </div>
      )}
      {overlay.negLut && overlay.posLut && <div className="colorbar-gap" title={t('belowThreshold')} />}
      {overlay.posLut && (
        <div className="colorbar-part">
          <div className="colorbar-ramp" style={{ background: gradient(overlay.posLut, false) }} />
          <div className="colorbar-ticks">
            <span className="threshold-mark" data-field="pos-threshold">
              {fmt(overlay.posThreshold)}
            </span>
            <span>{fmt(overlay.posMax)}</span>
          </div>
        </div>
      )}
    </div>
  );
}
