import { useT } from '../i18n/index';
import { useStore } from '../store';
import { CollapsiblePanel } from './CollapsiblePanel';
import { useAtlasName } from '../i18n/names';

/** One button per brain system: draws its atlases, shows only its regions with labels, turns the camera to it. */
export function BrainSystemsPanel() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const systems = useStore((s) => s.systems);
  const active = useStore((s) => s.activeSystem);
  const skipped = useStore((s) => s.systemSkipped);
  const loadSystems = useStore((s) => s.loadSystems);
  const showSystem = useStore((s) => s.showSystem);
  const atlasName = useAtlasName();
  const system = systems?.find((s) => s.id === active);
  return (
    <CollapsiblePanel id="brain-systems-title" title={t('brainSystems')} onOpen={() => void loadSystems()}>
      {!systems && <p className="muted">{t('loadingAtlases')}</p>}
      <div className="system-buttons">
        {systems?.map((s) => (
          <button
            key={s.id}
            type="button"
            aria-pressed={s.id === active}
            onClick={() => void showSystem(s.id === active ? null : s.id)}
          >
            <span className="swatch" aria-hidden="true" style={{ background: `rgb(${s.color.join(',')})` }} />
            {lang === 'zh' ? s.name_zh : s.name}
          </button>
        ))}
      </div>
      {system && (
        <div className="system-caption">
          <p lang={lang === 'zh' ? 'zh-CN' : 'en'}>{system.caption[lang]}</p>
          {skipped.length > 0 && (
            <p className="muted">{t('systemNotDrawn', { atlases: skipped.map((id) => atlasName(id)).join(', ') })}</p>
          )}
          <p className="muted citation">
            {t('citation')}: {system.citation}
          </p>
          <button type="button" onClick={() => void showSystem(null)}>
            {t('showEverything')}
          </button>
        </div>
      )}
    </CollapsiblePanel>
  );
}
