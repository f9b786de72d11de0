import { useEffect, useRef, useState } from 'react';
import type { SettingsInfo } from '../../../core/api/app-api';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';
import { api } from '../api';
import { useStore } from '../store';

/** An absolute folder on any platform: /…, C:\… or C:/…, \\server\…. */
const absolute = (v: string) => v.startsWith('/') || /^[a-z]:[\\/]/i.test(v) || v.startsWith('\\\\');

/** The message key of what is wrong with the values, or null. Mirrors main/services/settings.ts. */
export function settingsProblem(mirror: string, cacheDir: string): MessageKey | null {
  const m = mirror.trim();
  if (m !== '') {
    let ok = false;
    if (/^https?:\/\//i.test(m)) {
      try {
        ok = new URL(m).host !== '';
      } catch {
        ok = false;
      }
    } else ok = /^file:\/\//i.test(m) || absolute(m);
    if (!ok) return 'mirrorInvalid';
  }
  const c = cacheDir.trim();
  if (c !== '' && !absolute(c)) return 'cacheInvalid';
  return null;
}

/**
 * Settings: the download mirror and the cache folder, saved in the user's config folder and applied at once.
 * A value set by an environment variable is shown read-only, with a note that it wins.
 */
export function SettingsDialog() {
  const t = useT();
  const open = useStore((s) => s.settingsOpen);
  const setOpen = useStore((s) => s.setSettingsOpen);
  const loadListings = useStore((s) => s.loadListings);
  const ref = useRef<HTMLDialogElement>(null);
  const [info, setInfo] = useState<SettingsInfo | null>(null);
  const [mirror, setMirror] = useState('');
  const [cacheDir, setCacheDir] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!open) {
      if (dialog.open) dialog.close();
      // Opened again, the fields must start disabled: the values of the last opening are not the saved ones, and
      // what is typed before this opening's values arrive would be overwritten by them.
      setInfo(null);
      return;
    }
    if (!dialog.open) dialog.showModal();
    setProblem(null);
    // The fields stay disabled until the saved values are in, so that typing is never overwritten by them.
    setInfo(null);
    api.getSettings().then(
      (i) => {
        setInfo(i);
        setMirror(i.fromEnv.mirror ?? i.settings.mirror);
        setCacheDir(i.fromEnv.cacheDir ?? i.settings.cacheDir);
        if (i.warning) setProblem(i.warning);
      },
      (e) => setProblem((e as Error).message),
    );
  }, [open]);

  const save = async () => {
    // A value the environment sets is not the user's to change: keep what was saved.
    const next = {
      mirror: info?.fromEnv.mirror !== undefined ? info.settings.mirror : mirror.trim(),
      cacheDir: info?.fromEnv.cacheDir !== undefined ? info.settings.cacheDir : cacheDir.trim(),
    };
    const key = settingsProblem(next.mirror, next.cacheDir);
    if (key) return setProblem(t(key));
    setSaving(true);
    try {
      await api.setSettings(next);
      setOpen(false);
      await loadListings();
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const envNote = (name: string) => <p className="muted setting-note">{t('setByEnv', { name })}</p>;
  return (
    <dialog
      ref={ref}
      className="settings-dialog"
      aria-labelledby="settings-title"
      onCancel={(e) => {
        e.preventDefault();
        setOpen(false);
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="settings-title">{t('settings')}</h2>
        <div className="field setting">
          <label htmlFor="setting-mirror">{t('mirror')}</label>
          <input
            id="setting-mirror"
            type="text"
            spellCheck={false}
            value={mirror}
            disabled={!info}
            readOnly={info?.fromEnv.mirror !== undefined}
            aria-describedby="setting-mirror-help"
            onChange={(e) => setMirror(e.target.value)}
          />
          <p id="setting-mirror-help" className="muted setting-note">
            {t('mirrorHelp')} {info && t('inUse', { value: info.inUse.mirror ?? t('noMirror') })}
          </p>
          {info?.fromEnv.mirror !== undefined && envNote('BRAIN_ATLAS_MIRROR')}
        </div>
        <div className="field setting">
          <label htmlFor="setting-cache">{t('cacheFolder')}</label>
          <input
            id="setting-cache"
            type="text"
            spellCheck={false}
            value={cacheDir}
            disabled={!info}
            readOnly={info?.fromEnv.cacheDir !== undefined}
            aria-describedby="setting-cache-help"
            onChange={(e) => setCacheDir(e.target.value)}
          />
          <p id="setting-cache-help" className="muted setting-note">
            {t('cacheHelp')} {info && t('inUse', { value: info.inUse.cacheDir })}
          </p>
          {info?.fromEnv.cacheDir !== undefined && envNote('BRAIN_ATLAS_CACHE')}
        </div>
        {problem && (
          <p role="alert" className="error setting-problem">
            {problem}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => setOpen(false)}>
            {t('cancel')}
          </button>
          <button type="submit" disabled={saving || !info}>
            {t('save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
