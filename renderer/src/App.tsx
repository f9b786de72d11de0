import { useEffect } from 'react';
import { AtlasDetails } from './panels/AtlasDetails';
import { AtlasList } from './panels/AtlasList';
import { AtlasPicker } from './panels/AtlasPicker';
import { BrainSystemsPanel } from './panels/BrainSystemsPanel';
import { ClusterReport } from './panels/ClusterReport';
import { DownloadProgress } from './panels/DownloadProgress';
import { ExportFigureDialog } from './figure/ExportFigureDialog';
import { installRenderHook, isRenderMode } from './figure/render-mode';
import { SceneButtons } from './figure/SceneButtons';
import { NetworksPanel } from './panels/NetworksPanel';
import { OverlayPanel } from './panels/OverlayPanel';
import { QuizPanel } from './panels/QuizPanel';
import { LecturePanel } from './lecture/LecturePanel';
import { Presentation } from './lecture/Presentation';
import { linkPresenterViews } from './lecture/presenter-link';
import { RegionBrowser } from './panels/RegionBrowser';
import { RegionDetails } from './panels/RegionDetails';
import { RestorePrompt } from './panels/RestorePrompt';
import { SettingsDialog } from './panels/SettingsDialog';
import { SliceViews } from './slice-views/SliceViews';
import { TopographyPanel } from './panels/TopographyPanel';
import { ViewControls } from './panels/ViewControls';
import { Viewer3D } from './view-3d/Viewer3D';
import { PaneSplitter } from './layout/PaneSplitter';
import { WhatsHere } from './panels/WhatsHere';
import { type Lang, useT } from './i18n/index';
import { useStore } from './store';
import { startApp } from './store/session-sync';

export function App() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const setLang = useStore((s) => s.setLang);
  const error = useStore((s) => s.error);
  const dismissError = useStore((s) => s.dismissError);
  const setSettingsOpen = useStore((s) => s.setSettingsOpen);
  const setFigureOpen = useStore((s) => s.setFigureOpen);
  const presenting = useStore((s) => s.presenting);

  useEffect(() => {
    const render = isRenderMode();
    void startApp({ render }).then(() => render && installRenderHook());
    if (!render) linkPresenterViews();
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('appTitle');
  }, [lang, t]);

  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <header className="app-header">
        <h1>{t('appTitle')}</h1>
        <div className="header-controls">
          <label>
            {t('language')}{' '}
            <select aria-label={t('language')} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              <option value="en">English</option>
              <option value="zh">中文</option>
            </select>
          </label>
          <SceneButtons />
          <button type="button" onClick={() => setFigureOpen(true)}>
            {t('exportFigure')}
          </button>
          <button type="button" onClick={() => setSettingsOpen(true)}>
            {t('settings')}
          </button>
        </div>
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
            <DownloadProgress />
            <ViewControls />
          </section>
          <BrainSystemsPanel />
          <NetworksPanel />
          <TopographyPanel />
          <LecturePanel />
          <QuizPanel />
          <RegionBrowser />
          <AtlasList />
        </aside>
        <div className="center-pane">
          <Viewer3D />
          <PaneSplitter pane="slices" label={t('resizeSlices')} />
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
      <SettingsDialog />
      <ExportFigureDialog />
      <RestorePrompt />
      <Presentation />
    </div>
  );
}
