import { useMemo, useState } from 'react';
import type { ClusterSign, Connectivity } from '../../../core/maps/clusters';
import { type ClusterTableFormat, formatTableRows } from '../../../core/maps/cluster-report';
import { mapFileStem } from '../../../core/maps/map-name';
import type { MapClusterReport } from '../../../core/api/map-api';
import { useT } from '../i18n/index';
import { PaneSplitter, usePaneStyle } from '../layout/PaneSplitter';
import { clustersRequest } from '../model/overlay-settings';
import { useStore } from '../store';
import type { OverlayState } from '../store/overlay-slice';
import { lookupAtlases } from './browser-atlases';
import { fmtXyz, peakRegion, subpeaksText, topComposition } from './cluster-text';
import { formatMapValue } from '../model/point-map-values';
import { NumberField } from './NumberField';
import { reportKey, useLatestReport } from './use-latest-report';
import { useAtlasName, useRegionName } from '../i18n/names';

/** How long the controls rest before a report is asked for (a dragged slider asks once it pauses). */
const DEBOUNCE_MS = 60;
/** Rows drawn at most (a low threshold on a noisy map makes thousands); the exports hold every cluster. */
const ROW_LIMIT = 100;
const EXTENSIONS: Record<ClusterTableFormat, string> = { csv: 'csv', tsv: 'tsv', markdown: 'md' };
const MIME: Record<ClusterTableFormat, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  markdown: 'text/markdown',
};

/**
 * The live cluster report of the active overlay: threshold, sign, minimum size and connectivity (which also set
 * what the overlay shows), the table of clusters largest first with each open atlas's peak region and make-up,
 * a click (or Enter) on a row moves the cursor to the peak, and exports as CSV, TSV or Markdown.
 */
export function ClusterReport() {
  const t = useT();
  const overlay = useStore((s) => s.overlays.find((o) => o.mapId === s.activeOverlay) ?? null);
  const [open, setOpen] = useState(true);
  const paneStyle = usePaneStyle('report');
  if (!overlay) return null;
  return (
    <>
      {open && <PaneSplitter pane="report" label={t('resizeReport')} />}
      <section className="cluster-report" aria-labelledby="cluster-report-title" style={open ? paneStyle : undefined}>
        <div className="cluster-report-head">
          <h2 id="cluster-report-title">{t('clusterReportOf', { name: overlay.info.name })}</h2>
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('hideReport') : t('showReport')}
          </button>
        </div>
        {open && <ReportBody key={overlay.mapId} overlay={overlay} />}
      </section>
    </>
  );
}

function ReportBody({ overlay }: { overlay: OverlayState }) {
  const t = useT();
  const layers = useStore((s) => s.layers);
  const listings = useStore((s) => s.listings);
  const nameOf = useAtlasName();
  const setCursor = useStore((s) => s.setCursor);
  const atlases = lookupAtlases(layers, listings);
  const atlasKey = atlases.join(',');
  const s = overlay.settings;
  const request = useMemo(
    () => clustersRequest(overlay.mapId, s, atlasKey ? atlasKey.split(',') : []),
    [overlay.mapId, s, atlasKey],
  );
  // The frame is part of the key: after a frame change the same options give another report.
  const requestKey = reportKey(request, overlay.info.frame);
  const state = useLatestReport(requestKey, DEBOUNCE_MS);

  const current = state?.key === requestKey ? state : null;
  // While a new report is on its way the last one stays (marked busy), so the table does not flicker.
  const shown = state?.report ?? null;

  return (
    <div className="cluster-report-body" aria-busy={!current}>
      <ReportControls overlay={overlay} />
      {state?.error && current ? (
        <p className="field-error">{state.error}</p>
      ) : shown ? (
        <>
          <p className="muted" data-field="cluster-summary" data-ms={Math.round(state?.ms ?? 0)}>
            {shown.clusters.length === 0
              ? t('noClusters', { why: shown.empty ?? '' })
              : t('clusterSummary', { n: shown.clusters.length, voxels: shown.suprathreshold })}
            {!current && ` ${t('computing')}`}
          </p>
          <ClusterTable report={shown} atlasNames={shown.atlasIds.map((id) => nameOf(id))} onPick={setCursor} />
          <ExportControls report={current?.report ?? null} name={overlay.info.name} />
        </>
      ) : (
        <p className="muted">{t('computing')}</p>
      )}
    </div>
  );
}

function ReportControls({ overlay }: { overlay: OverlayState }) {
  const t = useT();
  const set = useStore((s) => s.setOverlaySettings);
  const s = overlay.settings;
  const id = overlay.mapId;
  const top = Math.max(s.max, s.posThreshold, 1e-6);
  const step = niceStep(top);
  return (
    <div className="report-controls">
      <label className="field-inline">
        {t('threshold')}
        <NumberField
          label={t('threshold')}
          value={s.sign === 'negative' ? s.negThreshold : s.posThreshold}
          min={0}
          step={step}
          onValue={(v) => set(id, s.sign === 'negative' && !s.linked ? { negThreshold: v } : { posThreshold: v })}
        />
      </label>
      <input
        // A pointer shortcut for the Threshold field, hidden from assistive technology so that exactly one control
        // is named "Threshold" (the field steps with the arrow keys too).
        type="range"
        aria-hidden="true"
        tabIndex={-1}
        min={0}
        max={top}
        step={step}
        value={s.sign === 'negative' ? s.negThreshold : s.posThreshold}
        onChange={(e) =>
          set(
            id,
            s.sign === 'negative' && !s.linked
              ? { negThreshold: Number(e.target.value) }
              : { posThreshold: Number(e.target.value) },
          )
        }
      />
      <label className="field-inline">
        {t('sign')}
        <select
          aria-label={t('sign')}
          value={s.sign}
          onChange={(e) => set(id, { sign: e.target.value as ClusterSign })}
        >
          <option value="positive">{t('signPositive')}</option>
          <option value="negative">{t('signNegative')}</option>
          <option value="both">{t('signBoth')}</option>
        </select>
      </label>
      <label className="field-inline">
        {t('minClusterSize')}
        <NumberField
          label={t('minClusterSize')}
          value={s.minSize}
          min={0}
          step={1}
          onValue={(v) => set(id, { minSize: v })}
        />
      </label>
      <select
        aria-label={t('sizeUnit')}
        value={s.sizeUnit}
        onChange={(e) => set(id, { sizeUnit: e.target.value as 'voxels' | 'mm3' })}
      >
        <option value="voxels">{t('unitVoxels')}</option>
        <option value="mm3">{t('unitMm3')}</option>
      </select>
      <label className="field-inline">
        {t('connectivity')}
        <select
          aria-label={t('connectivity')}
          value={s.connectivity}
          onChange={(e) => set(id, { connectivity: Number(e.target.value) as Connectivity })}
        >
          {[6, 18, 26].map((n) => (
            <option key={n} value={n}>
              {t('neighbours', { n })}
            </option>
          ))}
        </select>
      </label>
      {s.sign === 'both' && !s.linked && s.negThreshold !== s.posThreshold && (
        <p className="muted">{t('reportUsesPositive')}</p>
      )}
    </div>
  );
}

function niceStep(top: number): number {
  return 10 ** (Math.floor(Math.log10(top)) - 2);
}

function ClusterTable({
  report,
  atlasNames,
  onPick,
}: {
  report: MapClusterReport;
  atlasNames: string[];
  onPick: (p: [number, number, number]) => void;
}) {
  const t = useT();
  const regionName = useRegionName();
  const cursor = useStore((s) => s.cursor);
  const at = (p: number[]) => !!cursor && p.every((v, i) => Math.abs(v - cursor[i]) < 1e-6);
  if (report.clusters.length === 0) return null;
  return (
    <div className="table-scroll cluster-table">
      <table aria-label={t('clusters')}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('voxels')}</th>
            <th scope="col">{t('unitMm3')}</th>
            <th scope="col">{t('peakValue')}</th>
            <th scope="col">{t('peakMni')}</th>
            <th scope="col">{t('centreOfMass')}</th>
            <th scope="col">{t('subpeaks')}</th>
            {atlasNames.map((n, i) => (
              <th scope="col" key={report.atlasIds[i]}>
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.clusters.slice(0, ROW_LIMIT).map((c) => (
            <tr
              key={c.id}
              tabIndex={0}
              className={`cluster-row${at(c.peak.xyz) ? ' current' : ''}`}
              aria-current={at(c.peak.xyz) ? 'true' : undefined}
              aria-label={t('clusterRow', { id: c.id, x: c.peak.xyz[0], y: c.peak.xyz[1], z: c.peak.xyz[2] })}
              onClick={() => onPick(c.peak.xyz)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onPick(c.peak.xyz);
                }
              }}
            >
              <td>{c.id}</td>
              <td data-field="voxels">{c.voxels}</td>
              <td>{c.volume_mm3}</td>
              <td data-field="peak-value">{formatMapValue(c.peak.value)}</td>
              <td data-field="peak" className="mono">
                {fmtXyz(c.peak.xyz, 2)}
              </td>
              <td className="mono">{fmtXyz(c.center_of_mass)}</td>
              <td className="subpeaks">{subpeaksText(c) || '—'}</td>
              {report.atlasIds.map((id) => {
                const nameOf = (name: string) => regionName(id, { name });
                return (
                  <td key={id} data-atlas={id}>
                    <div data-field="peak-region">{peakRegion(c.atlases[id], nameOf)}</div>
                    <div className="muted">{topComposition(c.atlases[id], 3, nameOf)}</div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {report.clusters.length > ROW_LIMIT && (
        <p className="muted">{t('clustersCapped', { shown: ROW_LIMIT, n: report.clusters.length })}</p>
      )}
    </div>
  );
}

function ExportControls({ report, name }: { report: MapClusterReport | null; name: string }) {
  const t = useT();
  const [format, setFormat] = useState<ClusterTableFormat>('csv');
  const save = () => {
    if (!report) return;
    const blob = new Blob([formatTableRows(report.table, format)], { type: MIME[format] });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${mapFileStem(name)}_clusters.${EXTENSIONS[format]}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  return (
    <div className="button-row">
      <select
        aria-label={t('exportFormat')}
        value={format}
        onChange={(e) => setFormat(e.target.value as ClusterTableFormat)}
      >
        <option value="csv">CSV</option>
        <option value="tsv">TSV</option>
        <option value="markdown">Markdown</option>
      </select>
      <button type="button" onClick={save} disabled={!report}>
        {t('exportClusters')}
      </button>
    </div>
  );
}
