import { NETWORK_ATLASES, networkName } from '../../../core/atlas/network-atlases';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { CollapsiblePanel } from './CollapsiblePanel';
import { Select } from './Select';

/** A network atlas drawn by network: each network a checkbox with its canonical colour, and "Only this network". */
export function NetworksPanel() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const atlas = useStore((s) => s.networkAtlas);
  const networks = useStore((s) => s.networks);
  const shown = useStore((s) => s.shownNetworks);
  const choose = useStore((s) => s.chooseNetworkAtlas);
  const setShown = useStore((s) => s.setNetworkShown);
  const only = useStore((s) => s.onlyNetwork);
  const showAllNetworks = useStore((s) => s.showAllNetworks);
  return (
    <CollapsiblePanel id="networks-title" title={t('networksPanel')}>
      <div className="field">
        <label htmlFor="network-atlas">{t('networkAtlas')}</label>
        <Select id="network-atlas" value={atlas ?? ''} onChange={(e) => void choose(e.target.value || null)}>
          <option value="">{t('none')}</option>
          {NETWORK_ATLASES.map((n) => (
            <option key={n.id} value={n.id}>
              {n.label[lang]}
            </option>
          ))}
        </Select>
      </div>
      {networks?.note && <p className="muted">{networks.note}</p>}
      {networks && networks.networks.length > 0 && (
        <ul className="network-list" aria-label={t('networksPanel')}>
          {networks.networks.map((n) => (
            <li key={n.network} className="network-row">
              <label className="check">
                <input
                  type="checkbox"
                  checked={!shown || shown.includes(n.network)}
                  onChange={(e) => setShown(n.network, e.target.checked)}
                />
                <span className="swatch" aria-hidden="true" style={{ background: `rgb(${n.color.join(',')})` }} />
                {networkName(n.network, lang)}
                <span className="muted"> ({t('networkRegionCount', { n: n.regions.length })})</span>
              </label>
              <button
                type="button"
                className="small"
                aria-label={`${t('onlyThisNetwork')}: ${networkName(n.network, lang)}`}
                title={t('onlyThisNetwork')}
                onClick={() => only(n.network)}
              >
                {t('onlyThisNetwork')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {networks && shown && (
        <button type="button" onClick={showAllNetworks}>
          {t('allNetworks')}
        </button>
      )}
      {networks && networks.unassigned > 0 && networks.networks.length > 0 && (
        <p className="muted">{t('unassignedRegions', { n: networks.unassigned })}</p>
      )}
    </CollapsiblePanel>
  );
}
