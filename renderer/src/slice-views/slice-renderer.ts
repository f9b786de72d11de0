/**
 * Draws the three slice views into one WebGL2 canvas (one context: every volume is uploaded once), each view in
 * its own viewport. Passes, bottom to top: template, atlas layers, statistical-map overlays; all are one quad per
 * view with a fragment shader sampling 3D textures. Called on demand only (no loop).
 */
import {
  type Data3DTexture,
  DataTexture,
  FloatType,
  GLSL3,
  type IUniform,
  LinearSRGBColorSpace,
  Mesh,
  NormalBlending,
  OrthographicCamera,
  PlaneGeometry,
  RGBAFormat,
  Scene,
  ShaderMaterial,
  Vector3,
  Vector4,
  WebGLRenderer,
} from 'three';
import type { DisplayOverlay } from '../model/display-overlay';
import type { LabelsLayerData } from '../model/layer-data';
import { MNI_BRAIN_CENTRE } from '../model/layer-data';
import { layerVisual, packState, stateTextureSize, visualInputs } from '../model/region-state';
import type { Store } from '../store';
import { PLANE_AXES, type ViewMapping } from './geometry';
import { LABELS_FRAGMENT, OVERLAY_FRAGMENT, QUAD_VERTEX, TEMPLATE_FRAGMENT } from './shaders';
import type { AtlasDisplay } from './slice-store';
import type { SliceTemplate } from './template-source';
import { labelsTextures, lutTexture, templateTexture, valuesTexture, worldToVoxel } from './textures';

export interface ViewFrame {
  mapping: ViewMapping;
  /** The view's rectangle in CSS px, relative to the canvas's top-left corner. */
  rect: { x: number; y: number; width: number; height: number };
}

export interface SliceContent {
  template: SliceTemplate | null;
  layers: { data: LabelsLayerData; opacity: number }[];
  overlays: DisplayOverlay[];
  store: Store;
  display: AtlasDisplay;
  fillOpacity: number;
}

const AXIS = [new Vector3(1, 0, 0), new Vector3(0, 1, 0), new Vector3(0, 0, 1)];

interface LabelsPass {
  mesh: Mesh<PlaneGeometry, ShaderMaterial>;
  texture: Data3DTexture;
  table: DataTexture;
  state: DataTexture;
}

interface OverlayPass {
  mesh: Mesh<PlaneGeometry, ShaderMaterial>;
  dataKey: string;
  values: Data3DTexture;
  pos: DataTexture;
  neg: DataTexture;
}

export class SliceRenderer {
  private readonly gl: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new OrthographicCamera();
  private readonly quad = new PlaneGeometry(2, 2);
  private readonly view: Record<string, IUniform> = {
    uOrigin: { value: new Vector3() },
    uRight: { value: new Vector3() },
    uUp: { value: new Vector3() },
    uMmPerPx: { value: 1 },
    uViewport: { value: new Vector4() },
  };
  private template: { key: string; mesh: Mesh<PlaneGeometry, ShaderMaterial>; texture: Data3DTexture } | null = null;
  private readonly labels = new Map<LabelsLayerData, LabelsPass>();
  private readonly overlays = new Map<DisplayOverlay, OverlayPass>();

  constructor(canvas: HTMLCanvasElement) {
    this.gl = new WebGLRenderer({
      canvas,
      antialias: false,
      alpha: false,
      preserveDrawingBuffer: true,
      depth: false,
      stencil: false,
    });
    this.gl.outputColorSpace = LinearSRGBColorSpace;
    this.gl.autoClear = false;
    this.gl.setClearColor(0x000000, 1);
  }

  setSize(width: number, height: number, dpr: number): void {
    this.gl.setPixelRatio(dpr);
    this.gl.setSize(width, height, false);
  }

  private material(fragmentShader: string, uniforms: Record<string, IUniform>, blended: boolean): ShaderMaterial {
    return new ShaderMaterial({
      glslVersion: GLSL3,
      vertexShader: QUAD_VERTEX,
      fragmentShader,
      uniforms: { ...this.view, ...uniforms },
      transparent: blended,
      blending: NormalBlending,
      depthTest: false,
      depthWrite: false,
    });
  }

  private quadMesh(material: ShaderMaterial, order: number): Mesh<PlaneGeometry, ShaderMaterial> {
    const m = new Mesh(this.quad, material);
    m.frustumCulled = false;
    m.renderOrder = order;
    return m;
  }

  private syncTemplate(t: SliceTemplate | null): void {
    if (this.template && this.template.key !== t?.key) {
      this.template.texture.dispose();
      this.template.mesh.material.dispose();
      this.template = null;
    }
    if (!t || this.template) return;
    const texture = templateTexture(t.image);
    const material = this.material(
      TEMPLATE_FRAGMENT,
      {
        uTemplate: { value: texture },
        uInverse: { value: worldToVoxel(t.image.affine) },
        uDims: { value: new Vector3(...t.image.dims) },
      },
      false,
    );
    this.template = { key: t.key, mesh: this.quadMesh(material, 0), texture };
  }

  private syncLabels(c: SliceContent): LabelsPass[] {
    const keep = new Set(c.layers.map((l) => l.data));
    for (const [data, pass] of this.labels) {
      if (keep.has(data)) continue;
      pass.texture.dispose();
      pass.table.dispose();
      pass.state.dispose();
      pass.mesh.material.dispose();
      this.labels.delete(data);
    }
    const fill = c.display === 'filled' ? c.fillOpacity : 0;
    const outline = c.display === 'filled' ? Math.min(1, c.fillOpacity + 0.3) : 1;
    return c.layers.map(({ data, opacity }, i) => {
      let pass = this.labels.get(data);
      if (!pass) {
        const { labels: texture, table, values } = labelsTextures(data);
        const { width, height } = stateTextureSize(data.regions.length);
        const state = new DataTexture(new Float32Array(width * height * 4), width, height, RGBAFormat, FloatType);
        const material = this.material(
          LABELS_FRAGMENT,
          {
            uLabels: { value: texture },
            uTable: { value: table },
            uValues: { value: values },
            uState: { value: state },
            uInverse: { value: worldToVoxel(data.grid.affine) },
            uDims: { value: data.grid.dims.slice() },
            uOpacity: { value: 1 },
            uFill: { value: 0 },
            uOutline: { value: 1 },
          },
          true,
        );
        pass = { mesh: this.quadMesh(material, 0), texture, table, state };
        this.labels.set(data, pass);
      }
      const visual = layerVisual(data, visualInputs(c.store, MNI_BRAIN_CENTRE));
      packState(data, visual, c.store.hovered?.key ?? null, c.store.selected, pass.state.image.data as Float32Array);
      pass.state.needsUpdate = true;
      const u = pass.mesh.material.uniforms;
      u.uOpacity.value = opacity;
      u.uFill.value = fill;
      u.uOutline.value = outline;
      pass.mesh.renderOrder = 1 + i;
      return pass;
    });
  }

  private syncOverlays(list: DisplayOverlay[]): OverlayPass[] {
    const keep = new Set(list);
    // Volumes by data key: a newer object of the same data (settings changed) reuses the uploaded volume.
    const volumes = new Map<string, Data3DTexture>();
    for (const pass of this.overlays.values()) volumes.set(pass.dataKey, pass.values);
    for (const [o, pass] of this.overlays) {
      if (keep.has(o)) continue;
      pass.pos.dispose();
      pass.neg.dispose();
      pass.mesh.material.dispose();
      this.overlays.delete(o);
    }
    for (const [key, texture] of volumes) {
      if (!list.some((x) => x.dataKey === key)) {
        texture.dispose();
        volumes.delete(key);
      }
    }
    return list.map((o, i) => {
      let pass = this.overlays.get(o);
      if (!pass) {
        const values = volumes.get(o.dataKey) ?? valuesTexture(o.values, o.dims);
        volumes.set(o.dataKey, values);
        const pos = lutTexture(o.posLut);
        const neg = lutTexture(o.negLut);
        const material = this.material(
          OVERLAY_FRAGMENT,
          {
            uValues: { value: values },
            uPosLut: { value: pos },
            uNegLut: { value: neg },
            uInverse: { value: worldToVoxel(o.affine) },
            uDims: { value: o.dims.slice() },
            uPosThreshold: { value: o.posThreshold },
            uPosMax: { value: o.posMax },
            uNegThreshold: { value: o.negThreshold },
            uNegMax: { value: o.negMax },
            uHasPos: { value: o.posLut ? 1 : 0 },
            uHasNeg: { value: o.negLut ? 1 : 0 },
            uOpacity: { value: o.opacity },
            uOutline: { value: o.outline ? 1 : 0 },
          },
          true,
        );
        pass = { mesh: this.quadMesh(material, 0), dataKey: o.dataKey, values, pos, neg };
        this.overlays.set(o, pass);
      }
      pass.mesh.renderOrder = 100 + i;
      return pass;
    });
  }

  /** Draws every view; returns the milliseconds spent submitting the work (the GPU finishes it asynchronously). */
  render(frames: ViewFrame[], c: SliceContent, canvasHeight: number): number {
    const t0 = performance.now();
    this.syncTemplate(c.template);
    const labels = this.syncLabels(c);
    const overlays = this.syncOverlays(c.overlays);
    this.scene.clear();
    if (this.template) this.scene.add(this.template.mesh);
    for (const p of labels) this.scene.add(p.mesh);
    for (const p of overlays) this.scene.add(p.mesh);

    const dpr = this.gl.getPixelRatio();
    this.gl.setScissorTest(false);
    this.gl.clear();
    this.gl.setScissorTest(true);
    for (const { mapping: m, rect } of frames) {
      if (rect.width < 1 || rect.height < 1) continue;
      const { h, v, n } = PLANE_AXES[m.plane];
      const yGl = canvasHeight - rect.y - rect.height;
      this.gl.setViewport(rect.x, yGl, rect.width, rect.height);
      this.gl.setScissor(rect.x, yGl, rect.width, rect.height);
      const origin = this.view.uOrigin.value as Vector3;
      origin.set(0, 0, 0).setComponent(h, m.centreH).setComponent(v, m.centreV).setComponent(n, m.slice);
      (this.view.uRight.value as Vector3).copy(AXIS[h]);
      (this.view.uUp.value as Vector3).copy(AXIS[v]);
      this.view.uMmPerPx.value = m.mmPerPx / dpr;
      (this.view.uViewport.value as Vector4).set(rect.x * dpr, yGl * dpr, rect.width * dpr, rect.height * dpr);
      this.gl.render(this.scene, this.camera);
    }
    this.gl.setScissorTest(false);
    // No wait for the GPU here: that would block the page while it also draws the 3D view.
    return performance.now() - t0;
  }

  dispose(): void {
    this.syncTemplate(null);
    this.syncLabels({
      template: null,
      layers: [],
      overlays: [],
      store: null as unknown as Store,
      display: 'filled',
      fillOpacity: 0,
    });
    this.syncOverlays([]);
    this.quad.dispose();
    this.gl.dispose();
  }
}
