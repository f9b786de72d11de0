/**
 * The page `brain-atlas render` drives (opened with `?render=1`): it never reads or writes the user's saved
 * session, and it offers RENDER_HOOK (core/scene/render-contract.ts), which applies a scene file's text and
 * exports its figure with the same code as the window's Export figure.
 */
import { RENDER_HOOK, type RenderHook } from '../../../core/scene/render-contract';
import { parseSceneText } from '../../../core/scene/scene-file';
import { translate } from '../i18n/index';
import { useStore } from '../store';
import { exportFigure } from './export-figure';
import { applyScene } from './scene-io';

export function isRenderMode(): boolean {
  return new URLSearchParams(window.location.search).has('render');
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function installRenderHook(): void {
  // Only the finished scene is exported: atlases are meshed at the scene's detail straight away.
  useStore.setState({ standardFirst: false });
  const hook: RenderHook = async (sceneText, figure) => {
    const scene = parseSceneText(sceneText);
    const problems = await applyScene(scene);
    const options = { ...useStore.getState().figure, ...figure };
    const lang = useStore.getState().lang;
    const t0 = performance.now();
    const file = await exportFigure(options, (key, vars) => translate(lang, key, vars));
    const exportMs = performance.now() - t0;
    return {
      base64: base64(file.bytes),
      width: options.width,
      height: options.height,
      problems,
      notes: file.notes,
      exportMs,
    };
  };
  (window as unknown as Record<string, RenderHook>)[RENDER_HOOK] = hook;
}
