import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import type { CameraPreset } from '../store/view-slice';

/** Each preset with its label, and the short label shown where the view is narrow (styles: .camera-toolbar). */
const PRESETS: [CameraPreset, MessageKey, MessageKey][] = [
  ['left-lateral', 'leftLateral', 'leftLateralShort'],
  ['right-lateral', 'rightLateral', 'rightLateralShort'],
  ['left-medial', 'leftMedial', 'leftMedialShort'],
  ['right-medial', 'rightMedial', 'rightMedialShort'],
  ['superior', 'superior', 'superiorShort'],
  ['inferior', 'inferior', 'inferiorShort'],
  ['anterior', 'anterior', 'anteriorShort'],
  ['posterior', 'posterior', 'posteriorShort'],
  ['reset', 'resetView', 'resetViewShort'],
];

export function CameraToolbar() {
  const t = useT();
  const requestCamera = useStore((s) => s.requestCamera);
  return (
    <div role="toolbar" aria-label={t('cameraViews')} className="camera-toolbar">
      {PRESETS.map(([preset, key, short]) => (
        <button key={preset} type="button" aria-label={t(key)} title={t(key)} onClick={() => requestCamera(preset)}>
          <span className="preset-long">{t(key)}</span>
          <span className="preset-short">{t(short)}</span>
        </button>
      ))}
    </div>
  );
}
