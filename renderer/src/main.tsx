import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PresenterView } from './lecture/PresenterView';
import { isPresenterWindow } from './lecture/presenter-channel';
import './styles.css';
import './dialogs.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>{isPresenterWindow(location.search) ? <PresenterView /> : <App />}</StrictMode>,
);
