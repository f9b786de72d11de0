import { useEffect } from 'react';
import { MENU_COMMAND_DOM, type MenuCommand, SCENE_OPEN_DOM, asOpenSceneMessage } from '../../../core/api/app-api';
import { parseSceneText } from '../../../core/scene/scene-file';
import { translate, useT } from '../i18n/index';
import { FileButton } from '../panels/FileButton';
import { useStore } from '../store';
import { saveBytes } from './save-file';
import { applyScene, openSceneFiles, sceneFromStore } from './scene-io';

/** Opens dropped or chosen files as a scene (with its maps); says what could not be shown. */
export async function openSceneFromFiles(files: File[], t: ReturnType<typeof useT>): Promise<void> {
  const note = useStore.getState().setSceneNote;
  note(null);
  try {
    const problems = await openSceneFiles(files);
    if (problems.length) note(t('sceneOpenedWithProblems', { problems: problems.join('; ') }));
  } catch (e) {
    note((e as Error).message);
  }
}

/**
 * Puts back a scene the Electron main process opened (File > Open scene…: the event's detail is the message's
 * JSON text); says what could not be shown, the main process's problems first.
 */
export async function openSceneFromMenu(detail: unknown, t: ReturnType<typeof useT>): Promise<void> {
  const note = useStore.getState().setSceneNote;
  note(null);
  try {
    const m = typeof detail === 'string' ? asOpenSceneMessage(JSON.parse(detail)) : null;
    if (!m) throw new Error('the scene from the menu did not arrive whole; open it again');
    const problems = [...m.problems, ...(await applyScene(parseSceneText(m.sceneText)))];
    if (problems.length) note(t('sceneOpenedWithProblems', { problems: [...new Set(problems)].join('; ') }));
  } catch (e) {
    note((e as Error).message);
  }
}

export const isSceneFile = (f: File) => f.name.endsWith('.brainscene.json');

/** Saves what the window shows as scene.brainscene.json (a download, or Electron's save dialog). */
export function saveScene(): void {
  const text = `${JSON.stringify(sceneFromStore(), null, 2)}\n`;
  saveBytes(new TextEncoder().encode(text), 'application/json', 'scene.brainscene.json');
}

/** Save scene / Open scene in the header, and the note an opened scene leaves; the menu's commands too. */
export function SceneButtons() {
  const t = useT();
  const note = useStore((s) => s.sceneNote);
  const setNote = useStore((s) => s.setSceneNote);
  const setFigureOpen = useStore((s) => s.setFigureOpen);
  useEffect(() => {
    const onCommand = (e: Event) => {
      const command = (e as CustomEvent<MenuCommand>).detail;
      if (command === 'save-scene') saveScene();
      else if (command === 'export-figure') setFigureOpen(true);
    };
    // The language when the scene arrives (useT's function is new at every render).
    const onScene = (e: Event) =>
      void openSceneFromMenu((e as CustomEvent<unknown>).detail, (key, vars) =>
        translate(useStore.getState().lang, key, vars),
      );
    window.addEventListener(MENU_COMMAND_DOM, onCommand);
    window.addEventListener(SCENE_OPEN_DOM, onScene);
    return () => {
      window.removeEventListener(MENU_COMMAND_DOM, onCommand);
      window.removeEventListener(SCENE_OPEN_DOM, onScene);
    };
  }, [setFigureOpen]);
  return (
    <>
      <button type="button" onClick={saveScene}>
        {t('saveScene')}
      </button>
      <FileButton
        label={t('openScene')}
        multiple
        accept=".json,.nii,.gz"
        onFiles={(files) => void openSceneFromFiles(files, t)}
      />
      {note && (
        <p role="status" className="scene-note">
          {note}{' '}
          <button type="button" onClick={() => setNote(null)}>
            {t('dismiss')}
          </button>
        </p>
      )}
    </>
  );
}
