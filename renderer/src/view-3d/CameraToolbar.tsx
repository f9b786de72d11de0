import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import type { CameraPreset } from '../store/view-slice';

const PRESETS: [CameraPreset, MessageKey][] = [
  ['left-lateral', 'leftLateral'],
  ['right-lateral', 'rightLateral'],
  ['left-medial', 'leftMedial'],
  ['right-medial', 'rightMedial'],
  ['superior', 'superior'],
  ['inferior', 'inferior'],
  ['anterior', 'anterior'],
  ['posterior', 'posterior'],
  ['reset', 'resetView'],
];

export function CameraToolbar() {
  const t = useT();
  const requestCamera = useStore((s) => s.requestCamera);
  return (
    <div role="toolbar" aria-label={t('cameraViews')} className="camera-toolbar">
      {PRESETS.map(([preset, key]) => (
        <button key={preset} type="button" onClick={() => requestCamera(preset)}>
          {t(key)}
        </button>
      ))}
    </div>
  );
}
