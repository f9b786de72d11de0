import { useMemo } from 'react';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { layerData } from '../model/layer-data';
import { legendEntries } from '../model/networks';
import { useNetworkName } from '../i18n/names';

/** The networks of the drawn atlases, each a checkbox that shows or hides its regions. */
export function NetworkLegend() {
  const t = useT();
  const networkName = useNetworkName();
  const layers = useStore((s) => s.layers);
  const hiddenNetworks = useStore((s) => s.hiddenNetworks);
  const setNetworkVisible = useStore((s) => s.setNetworkVisible);
  const entries = useMemo(() => legendEntries(layers.map((l) => layerData.get(l?.key))), [layers]);
  if (entries.length === 0) return null;
  return (
    <fieldset className="legend">
      <legend>{t('networks')}</legend>
      {entries.map((e) => (
        <label key={e.network} className="check legend-entry">
          <input
            type="checkbox"
            checked={!hiddenNetworks[e.network]}
            onChange={(ev) => setNetworkVisible(e.network, ev.target.checked)}
          />
          <span className="swatch" aria-hidden="true" style={{ background: `rgb(${e.color.join(',')})` }} />
          {networkName(e.network)}
          <span className="muted"> ({e.regions})</span>
        </label>
      ))}
    </fieldset>
  );
}
