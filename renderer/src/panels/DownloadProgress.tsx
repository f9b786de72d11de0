import { useT } from '../i18n/index';
import { useStore } from '../store';
import { sizeText } from './size-text';
import { useAtlasName } from '../i18n/names';

/**
 * The atlas being downloaded: a progress bar named "Downloading <atlas>", megabytes and percent, and Cancel; when
 * it failed, an alert with the reason in one sentence and Retry; when cancelled, a short note.
 */
export function DownloadProgress() {
  const t = useT();
  const d = useStore((s) => s.download);
  const cancel = useStore((s) => s.cancelDownload);
  const retry = useStore((s) => s.retryDownload);
  const dismiss = useStore((s) => s.dismissDownload);
  const nameOf = useAtlasName();
  if (!d) return null;
  const name = nameOf(d.atlasId, d.name);

  if (d.status === 'failed') {
    return (
      <div role="alert" className="download-box download-failed">
        <p>{t('downloadFailed', { name, message: d.message ?? '' })}</p>
        <div className="download-actions">
          <button type="button" onClick={() => void retry()}>
            {t('retry')}
          </button>
          <button type="button" onClick={dismiss}>
            {t('dismiss')}
          </button>
        </div>
      </div>
    );
  }
  if (d.status === 'cancelled') {
    return (
      <div role="status" className="download-box">
        <p>{t('downloadCancelled', { name })}</p>
        <div className="download-actions">
          <button type="button" onClick={dismiss}>
            {t('dismiss')}
          </button>
        </div>
      </div>
    );
  }
  const percent = d.total > 0 ? Math.min(100, Math.round((d.received / d.total) * 100)) : 0;
  const label = t('downloadingAtlas', { name });
  return (
    <div className="download-box">
      <div className="download-label">{label}</div>
      <div
        className="download-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
      >
        <div className="download-fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="download-actions">
        <span className="muted">
          {t('downloadAmount', {
            received: sizeText(d.received, d.total),
            total: sizeText(d.total),
            percent,
          })}
        </span>
        <button type="button" onClick={() => void cancel()}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
