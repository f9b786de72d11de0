import { useEffect, useState } from 'react';
import type { RegionNetworksResult } from '../../../core/api';
import { api } from '../api';
import { useT } from '../i18n/index';
import { useNetworkName } from '../i18n/names';

/** Which Yeo 7 and 17 networks a region falls in, by overlap: "38 % Somatomotor, 23 % Dorsal Attention". */
export function RegionNetworks({ atlasId, value }: { atlasId: string; value: number }) {
  const t = useT();
  const networkName = useNetworkName();
  const [result, setResult] = useState<RegionNetworksResult | null>(null);
  useEffect(() => {
    let live = true;
    setResult(null);
    api.regionNetworks({ id: atlasId, value }).then(
      (r) => live && setResult(r),
      () => live && setResult(null),
    );
    return () => {
      live = false;
    };
  }, [atlasId, value]);
  if (!result || result.yeo.length === 0) return null;
  return (
    <fieldset className="region-networks">
      <legend>{t('regionNetworks')}</legend>
      {result.yeo.map((y) => (
        <p key={y.atlasId} data-field={`networks-${y.networks}`}>
          <span className="muted">{t('regionNetworksOf', { n: y.networks })}: </span>
          {result.name}:{' '}
          {y.shares
            .filter((s) => s.percent >= 1)
            .slice(0, 4)
            .map((s) => `${Math.round(s.percent)} % ${networkName(s.network)}`)
            .join(', ') || `100 % ${t('unlabelled')}`}
        </p>
      ))}
    </fieldset>
  );
}
