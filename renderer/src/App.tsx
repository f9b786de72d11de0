import { useEffect } from 'react';
import { AtlasDetails } from './components/AtlasDetails';
import { AtlasList } from './components/AtlasList';
import { AtlasPicker } from './components/AtlasPicker';
import { ClusterReport } from './components/ClusterReport';
import { OverlayPanel } from './components/OverlayPanel';
import { RegionBrowser } from './components/RegionBrowser';
import { RegionDetails } from './components/RegionDetails';
import { SliceViews } from './components/SliceViews';
import { ViewControls } from './components/ViewControls';
import { Viewer3D } from './components/Viewer3D';
import { WhatsHere } from './components/WhatsHere';
import { type Lang, useT } from './i18n';
import { useStore } from './store';

export function App() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const setLang = useStore((s) => s.setLang);
  const error = useStore((s) => s.error);
  const dismissError = useStore((s) => s.dismissError);
  const loadListings = useStore((s) => s.loadListings);

  useEffect(() => {
    void loadListings();
  }, [loadListings]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('appTitle');
  }, [lang, t]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('appTitle')}</h1>
        <label>
          {t('language')}{' '}
          <select aria-label={t('language')} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
        </label>
      </header>
      {error && (
        <div role="alert" className="error">
          <strong>{t('errorTitle')}:</strong> {error}{' '}
          <button type="button" onClick={dismissError}>
            {t('dismiss')}
          </button>
        </div>
      )}
      <main className="app-main">
        <aside className="sidebar">
          <section className="explorer-controls" aria-labelledby="explorer-title">
            <h2 id="explorer-title">{t('explorer')}</h2>
            <AtlasPicker />
            <ViewControls />
          </section>
          <RegionBrowser />
          <AtlasList />
        </aside>
        <div className="center-pane">
          <Viewer3D />
          <SliceViews />
        </div>
        <aside className="details-pane">
          <OverlayPanel />
          <RegionDetails />
          <WhatsHere />
          <AtlasDetails />
        </aside>
      </main>
      <ClusterReport />
    </div>
  );
}
