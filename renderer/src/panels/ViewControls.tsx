import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { type Axis, CLIP_RANGE, type ColourBy } from '../store/view-slice';
import { SURFACE_VIEWS, type SurfaceView } from '../store/surface-slice';
import { SURFACE_SIDES, surfaceData } from '../model/surface-data';
import type { SurfaceKind } from '../../../core/api/surface-api';
import { MESH_DETAILS, type MeshDetail } from '../../../core/mesh/types';
import { NetworkLegend } from './NetworkLegend';
import { Select } from './Select';
import { useAtlasName } from '../i18n/names';
import { licenceText } from '../i18n/engine-text';

const AXIS_KEY: Record<Axis, MessageKey> = { x: 'axisX', y: 'axisY', z: 'axisZ' };

/** Colouring, network legend, hemispheres, clipping, explode, opacities and the template brain. */
export function ViewControls() {
  const t = useT();
  const colourBy = useStore((s) => s.colourBy);
  const setColourBy = useStore((s) => s.setColourBy);
  return (
    <div className="view-controls">
      <div className="field">
        <label htmlFor="colour-by">{t('colourBy')}</label>
        <Select id="colour-by" value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)}>
          <option value="region">{t('colourRegion')}</option>
          <option value="network">{t('colourNetwork')}</option>
        </Select>
      </div>
      <MeshDetailControl />
      <SurfaceControls />
      <NetworkLegend />
      <HemisphereToggles />
      <ClipControls />
      <Sliders />
      <TemplateControls />
    </div>
  );
}

const MESH_DETAIL_KEY: Record<MeshDetail, MessageKey> = { standard: 'meshStandard', fine: 'meshFine' };

/** How dense the region meshes are, with what fine costs. */
function MeshDetailControl() {
  const t = useT();
  const detail = useStore((s) => s.meshDetail);
  const setDetail = useStore((s) => s.setMeshDetail);
  return (
    <>
      <div className="field">
        <label htmlFor="mesh-detail">{t('meshDetail')}</label>
        <Select id="mesh-detail" value={detail} onChange={(e) => setDetail(e.target.value as MeshDetail)}>
          {MESH_DETAILS.map((d) => (
            <option key={d} value={d}>
              {t(MESH_DETAIL_KEY[d])}
            </option>
          ))}
        </Select>
      </div>
      {detail === 'fine' && <p className="muted small">{t('meshFineNote')}</p>}
    </>
  );
}

const SURFACE_KEY: Record<SurfaceView, MessageKey> = {
  off: 'surfaceOff',
  pial: 'surfacePial',
  white: 'surfaceWhite',
  inflated: 'surfaceInflated',
};

/** The cortical surface view (fsaverage5), with what it is and is not. */
function SurfaceControls() {
  const t = useT();
  const view = useStore((s) => s.surfaceView);
  const setView = useStore((s) => s.setSurfaceView);
  const loading = useStore((s) => s.surfaceLoading);
  const error = useStore((s) => s.surfaceError);
  const lang = useStore((s) => s.lang);
  // The licence arrives with the surface data (read again on every store change: a string, so no re-render).
  const licence = useStore((s) =>
    s.surfaceView === 'off'
      ? undefined
      : SURFACE_SIDES.map((h) => surfaceData.mesh(s.surfaceView as SurfaceKind, h)?.license).find(Boolean),
  );
  return (
    <div className="surface-controls">
      <div className="field">
        <label htmlFor="surface-view">{t('surface')}</label>
        <Select id="surface-view" value={view} onChange={(e) => setView(e.target.value as SurfaceView)}>
          {SURFACE_VIEWS.map((v) => (
            <option key={v} value={v}>
              {t(SURFACE_KEY[v])}
            </option>
          ))}
        </Select>
      </div>
      {view !== 'off' && (
        <>
          {loading && <p className="muted">{t('surfaceLoading')}</p>}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <p className="muted small">{t('surfaceNote')}</p>
          {licence && <p className="muted small">{t('surfaceLicence', { licence: licenceText(licence, lang) })}</p>}
        </>
      )}
    </div>
  );
}

function HemisphereToggles() {
  const t = useT();
  const hemispheres = useStore((s) => s.hemispheres);
  const setHemisphere = useStore((s) => s.setHemisphere);
  return (
    <fieldset>
      <legend>{t('hemispheres')}</legend>
      {(['left', 'right'] as const).map((side) => (
        <label key={side} className="check">
          <input type="checkbox" checked={hemispheres[side]} onChange={(e) => setHemisphere(side, e.target.checked)} />
          {t(side === 'left' ? 'leftHemisphere' : 'rightHemisphere')}
        </label>
      ))}
    </fieldset>
  );
}

function ClipControls() {
  const t = useT();
  const clip = useStore((s) => s.clip);
  const setClip = useStore((s) => s.setClip);
  return (
    <fieldset>
      <legend>{t('clipping')}</legend>
      {(['x', 'y', 'z'] as const).map((axis) => {
        const name = t(AXIS_KEY[axis]);
        const c = clip[axis];
        return (
          <div key={axis} className="clip-axis">
            <label className="check">
              <input type="checkbox" checked={c.on} onChange={(e) => setClip(axis, { on: e.target.checked })} />
              {t('clipAxis', { axis: name })}
            </label>
            <input
              type="range"
              aria-label={t('clipPosition', { axis: name })}
              min={CLIP_RANGE[axis][0]}
              max={CLIP_RANGE[axis][1]}
              step={1}
              value={c.at}
              disabled={!c.on}
              onChange={(e) => setClip(axis, { at: Number(e.target.value) })}
            />
            <output className="mono">{c.at}</output>
            <label className="check small">
              <input
                type="checkbox"
                checked={c.flip}
                disabled={!c.on}
                onChange={(e) => setClip(axis, { flip: e.target.checked })}
              />
              {t('clipFlip', { axis: name })}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function Sliders() {
  const t = useT();
  const nameOf = useAtlasName();
  const explode = useStore((s) => s.explode);
  const setExplode = useStore((s) => s.setExplode);
  const layers = useStore((s) => s.layers);
  const setLayerOpacity = useStore((s) => s.setLayerOpacity);
  return (
    <div className="sliders">
      <label className="slider">
        <span>{t('explode')}</span>
        <input
          type="range"
          min={0}
          max={1.5}
          step={0.05}
          value={explode}
          onChange={(e) => setExplode(Number(e.target.value))}
        />
      </label>
      {layers.map((l, slot) =>
        l ? (
          <label className="slider" key={slot}>
            <span>{t('opacityOf', { atlas: nameOf(l.atlasId, l.name) })}</span>
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={l.opacity}
              onChange={(e) => setLayerOpacity(slot, Number(e.target.value))}
            />
          </label>
        ) : null,
      )}
    </div>
  );
}

function TemplateControls() {
  const t = useT();
  const template = useStore((s) => s.template);
  const setTemplateVisible = useStore((s) => s.setTemplateVisible);
  const setTemplateOpacity = useStore((s) => s.setTemplateOpacity);
  return (
    <fieldset>
      <legend>{t('templateBrain')}</legend>
      <label className="check">
        <input type="checkbox" checked={template.visible} onChange={(e) => setTemplateVisible(e.target.checked)} />
        {t('templateBrain')}
      </label>
      <label className="slider">
        <span>{t('templateOpacity')}</span>
        <input
          type="range"
          min={0}
          max={0.6}
          step={0.02}
          value={template.opacity}
          disabled={!template.visible}
          onChange={(e) => setTemplateOpacity(Number(e.target.value))}
        />
      </label>
      {template.status === 'absent' && <p className="muted">{t('templateAbsent')}</p>}
      {template.status === 'error' && <p className="muted">{t('templateFailed')}</p>}
    </fieldset>
  );
}
