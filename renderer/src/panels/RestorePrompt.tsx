import { useEffect, useRef } from 'react';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { answerRestore } from '../store/session-sync';

/** After a run that did not end cleanly: "Restore the last session?" with Restore and Start fresh. */
export function RestorePrompt() {
  const t = useT();
  const offer = useStore((s) => s.restoreOffer);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (offer && !dialog.open) dialog.showModal();
    if (!offer && dialog.open) dialog.close();
  }, [offer]);

  return (
    <dialog
      ref={ref}
      className="restore-dialog"
      aria-labelledby="restore-title"
      aria-describedby="restore-text"
      onCancel={(e) => e.preventDefault()}
    >
      <h2 id="restore-title">{t('restoreTitle')}</h2>
      <p id="restore-text">{t('restoreText')}</p>
      {offer && offer.maps.length > 0 && <p className="muted">{t('restoreMaps', { names: offer.maps.join(', ') })}</p>}
      <div className="dialog-buttons">
        <button type="button" onClick={() => void answerRestore(false)}>
          {t('startFresh')}
        </button>
        <button type="button" onClick={() => void answerRestore(true)}>
          {t('restore')}
        </button>
      </div>
    </dialog>
  );
}
