import { useT } from '../i18n/index';
import { useStore } from '../store';

/** Most regions a figure labels from the isolated ones (more would not fit beside a brain). */
const MAX_LABELS = 24;

/** The regions "Label regions" labels: the isolated ones, else the selected one. */
function candidates(isolated: string[] | null, selected: string | null): string[] {
  if (isolated && isolated.length > 0) return isolated.slice(0, MAX_LABELS);
  return selected ? [selected] : [];
}

/**
 * "Label regions" in the Export figure dialog: when checked, the figure labels the isolated regions (or the
 * selected one) with their names and leader lines, and a saved scene keeps which regions.
 */
export function LabelRegionsField() {
  const t = useT();
  const labels = useStore((s) => s.figure.labels);
  const isolated = useStore((s) => s.isolated);
  const selected = useStore((s) => s.selected);
  const setOpts = useStore((s) => s.setFigureOptions);
  const keys = candidates(isolated, selected);
  const on = labels.length > 0;
  return (
    <div className="label-regions">
      <label className="check">
        <input
          type="checkbox"
          checked={on}
          disabled={!on && keys.length === 0}
          aria-describedby="figure-labels-hint"
          onChange={(e) => setOpts({ labels: e.target.checked ? keys : [] })}
        />
        {t('labelRegions')}
      </label>
      <p id="figure-labels-hint" className="muted">
        {keys.length > 0 || on ? t('labelRegionsHint', { n: on ? labels.length : keys.length }) : t('labelRegionsNone')}
      </p>
    </div>
  );
}
