/**
 * The material of statistical-map overlays in 3D: on the template's surface, on an atlas's regions (their own
 * vertices, moved as the regions are: shaders.ts's REGION_VERTEX), and on blobs. Each vertex carries the
 * peak positive (aPos) and negative (aNeg) values beneath it; the fragment shader applies the thresholds and the
 * colour tables (256×1 textures) from uniforms, so moving a threshold or changing colours rewrites uniforms only.
 * Lit like the atlas regions (colours as displayed, no colour-space conversion).
 */
import {
  BackSide,
  type Data3DTexture,
  DataTexture,
  DoubleSide,
  FrontSide,
  GreaterDepth,
  type IUniform,
  LessEqualDepth,
  LinearFilter,
  type Matrix4,
  RGBAFormat,
  ShaderMaterial,
  UnsignedByteType,
} from 'three';
import { LUT_SIZE } from '../../../core/maps/colormaps';
import type { DisplayOverlay } from '../model/display-overlay';
import { MAP_VALUE_GLSL } from '../slice-views/shaders';
import {
  CLIP_GLSL,
  type LayerUniforms,
  LIGHT_GLSL,
  PLACE_SURFACE_VERTEX_GLSL,
  REGION_VARYINGS,
  REGION_VERTEX,
  SURFACE_VARYINGS_GLSL,
  type SceneUniforms,
} from './shaders';

export interface OverlayUniforms {
  uPosLut: IUniform<DataTexture>;
  uNegLut: IUniform<DataTexture>;
  /** x threshold, y max, z shown (1/0) — per sign. */
  uPos: IUniform<[number, number, number]>;
  uNeg: IUniform<[number, number, number]>;
  uOpacity: IUniform<number>;
  uOutline: IUniform<number>;
}

const VERTEX = /* glsl */ `
attribute float aPos;
attribute float aNeg;
varying float vPos;
varying float vNeg;
${SURFACE_VARYINGS_GLSL}
void main() {
  vPos = aPos;
  vNeg = -aNeg;
${PLACE_SURFACE_VERTEX_GLSL}
}
`;

/** How strongly the parts of blobs hidden behind solid regions show through them. */
const HIDDEN_BLOB_ALPHA = '0.6';

const FRAGMENT = /* glsl */ `
uniform sampler2D uPosLut;
uniform sampler2D uNegLut;
uniform vec3 uPos;
uniform vec3 uNeg;
uniform float uOpacity;
uniform float uOutline;
#ifdef REGIONS
${REGION_VARYINGS}
#else
${SURFACE_VARYINGS_GLSL}
#endif
${CLIP_GLSL}${LIGHT_GLSL}
#ifdef CUT
${MAP_VALUE_GLSL}
uniform float uLayerOpacity;
/**
 * Where the view ray through a cut face's fragment (on the region's inside, world point w) enters what the cuts
 * keep: the farthest of the clipping planes (and, for a region across the midline, the midline of a hidden
 * hemisphere) that the camera is beyond. That point lies on the cut face the eye sees; false when no cut is between.
 */
bool cutPoint(vec3 w, vec3 offset, out vec3 p) {
  vec3 d = w - cameraPosition;
  float t = -1.0;
  for (int a = 0; a < 3; a++) {
    float side = uClipSide[a];
    if (side != 0.0 && (cameraPosition[a] - uClipAt[a]) * side > 0.0 && d[a] != 0.0)
      t = max(t, (uClipAt[a] - cameraPosition[a]) / d[a]);
  }
  if (vBilateral > 0.5 && (uHemiHidden.x > 0.5) != (uHemiHidden.y > 0.5)) {
    // The midline in the anatomy, moved with the region: x = offset.x; cut away the hidden side.
    float side = uHemiHidden.x > 0.5 ? -1.0 : 1.0;
    if ((cameraPosition.x - offset.x) * side > 0.0 && d.x != 0.0) t = max(t, (offset.x - cameraPosition.x) / d.x);
  }
  p = cameraPosition + t * d;
  return t > 0.0;
}
#else
varying float vPos;
varying float vNeg;
#endif
vec3 lutColour(sampler2D lut, float v, vec3 range) {
  float t = clamp((v - range.x) / max(range.y - range.x, 1e-6), 0.0, 1.0);
  return texture2D(lut, vec2((t * ${LUT_SIZE - 1}.0 + 0.5) / ${LUT_SIZE}.0, 0.5)).rgb;
}
void main() {
#ifdef REGIONS
  // As the regions are cut: a region lying across the midline loses the half of a hidden hemisphere.
  if (clippedAt(vWorld) || (vBilateral > 0.5 && midlineCut(vAnat.x))) discard;
#else
  if (clippedAt(vWorld) || midlineCut(vWorld.x)) discard;
#endif
#ifdef CUT
  // The map where the cut face is, in the anatomy (an exploded region is moved by vWorld - vAnat): solid regions only,
  // as their cut faces are drawn.
  if (vAlpha * uLayerOpacity < 0.999) discard;
  vec3 offset = vWorld - vAnat;
  vec3 at;
  bool ok = cutPoint(vWorld, offset, at);
  float value = ok ? valueAt(at - offset, ok) : 0.0;
  if (!ok) discard;
  float vPos = value;
  float vNeg = -value;
#endif
#ifdef BLOBS
  // The mesh is the threshold's isosurface: every fragment is shown, coloured by the value beneath it.
  bool pos = vPos >= vNeg;
  bool show = pos ? uPos.z > 0.5 : uNeg.z > 0.5;
#else
  bool showP = uPos.z > 0.5 && vPos >= uPos.x && vPos > 0.0;
  bool showN = uNeg.z > 0.5 && vNeg >= uNeg.x && vNeg > 0.0;
  bool pos = showP && (!showN || (vPos - uPos.x) / max(uPos.y - uPos.x, 1e-6) >= (vNeg - uNeg.x) / max(uNeg.y - uNeg.x, 1e-6));
  bool show = showP || showN;
#endif
  if (!show) discard;
  vec3 col = pos ? lutColour(uPosLut, vPos, uPos) : lutColour(uNegLut, vNeg, uNeg);
#ifndef BLOBS
  if (uOutline > 0.5) {
    // A line where the value crosses the threshold: within about 1.5 px of it on screen.
    float v = pos ? vPos - uPos.x : vNeg - uNeg.x;
    float w = fwidth(pos ? vPos : vNeg);
    if (v < 1.5 * w) col = vec3(1.0);
  }
#endif
#ifdef CUT
  // Flat, as the cut face beneath (shaders.ts's CUT_FACES).
  col *= 0.9;
#else
  col *= surfaceLight(vNormalV, vViewPos, 0.45, 0.4, 0.2);
#endif
#ifdef HIDDEN
  // The part of a blob behind solid regions: faint and paler, so it reads as seen through them. Only in the
  // hemisphere on the camera's side: seen from the right, a left cluster drawn through the right hemisphere would
  // read as a right one.
  if (vWorld.x * cameraPosition.x < 0.0) discard;
  gl_FragColor = vec4(mix(col, vec3(1.0), 0.2), uOpacity * ${HIDDEN_BLOB_ALPHA});
#else
  gl_FragColor = vec4(col, uOpacity);
#endif
}
`;

export function lutTexture(lut: Uint8Array | null): DataTexture {
  const tex = new DataTexture(lut ?? new Uint8Array(LUT_SIZE * 4), LUT_SIZE, 1, RGBAFormat, UnsignedByteType);
  tex.minFilter = LinearFilter;
  tex.magFilter = LinearFilter;
  tex.generateMipmaps = false;
  tex.needsUpdate = true;
  return tex;
}

export function createOverlayUniforms(): OverlayUniforms {
  return {
    uPosLut: { value: lutTexture(null) },
    uNegLut: { value: lutTexture(null) },
    uPos: { value: [0, 1, 0] },
    uNeg: { value: [0, 1, 0] },
    uOpacity: { value: 1 },
    uOutline: { value: 0 },
  };
}

/** Points the uniforms at a DisplayOverlay's settings (tables re-uploaded only when they changed). */
export function applyOverlay(u: OverlayUniforms, d: DisplayOverlay): void {
  for (const [key, lut] of [
    ['uPosLut', d.posLut],
    ['uNegLut', d.negLut],
  ] as const) {
    const tex = u[key].value;
    if (lut && tex.image.data !== lut) {
      tex.image.data = lut;
      tex.needsUpdate = true;
    }
  }
  u.uPos.value = [d.posThreshold, d.posMax, d.posLut ? 1 : 0];
  u.uNeg.value = [d.negThreshold, d.negMax, d.negLut ? 1 : 0];
  u.uOpacity.value = d.opacity;
  u.uOutline.value = d.outline ? 1 : 0;
}

/**
 * Where a map is drawn in 3D: projected on the template's surface or on an atlas's regions, or as blobs; the parts
 * of blobs that solid regions hide, drawn faintly through them ('hidden-blobs'); and on the regions' cut faces, where
 * a clipping plane or a hidden hemisphere opens them ('cut': sampled from the map's volume where the eye meets the
 * cut, as the slice views sample it).
 */
export type OverlayKind = 'surface' | 'regions' | 'blobs' | 'hidden-blobs' | 'cut';

/** A map's values as a volume texture, for its cut faces: slice-views/textures.ts's valuesTexture and worldToVoxel. */
export interface MapVolumeUniforms {
  uValues: IUniform<Data3DTexture>;
  uInverse: IUniform<Matrix4>;
  uDims: IUniform<number[]>;
}

/**
 * Projected overlays lie on the triangles of the surface they colour (the glass brain, the regions): a polygon offset
 * per layer keeps them in front of it and the upper layers in front of the lower ones. On regions, `regions` is the
 * atlas layer's uniforms (its state texture: which regions are shown, and where exploded).
 */
export function createOverlayMaterial(
  kind: OverlayKind,
  scene: SceneUniforms,
  u: OverlayUniforms,
  layer: number,
  opacity: number,
  regions?: LayerUniforms,
  volume?: MapVolumeUniforms,
): ShaderMaterial {
  if ((kind === 'regions' || kind === 'cut') && !regions) throw new Error('a map on regions needs their layer');
  if (kind === 'cut' && !volume) throw new Error('a map on cut faces needs its volume');
  const cut = kind === 'cut';
  const onRegions = (kind === 'regions' || cut) && regions;
  const hidden = kind === 'hidden-blobs';
  const blobs = kind === 'blobs' || hidden;
  const defines: Record<string, number> = blobs
    ? { BLOBS: 1, ...(hidden ? { HIDDEN: 1 } : {}) }
    : onRegions
      ? { REGIONS: 1, ...(cut ? { CUT: 1 } : { MAP_VALUES: 1 }) }
      : {};
  const m = new ShaderMaterial({
    defines,
    uniforms: onRegions
      ? { ...scene, ...u, ...volume, uState: regions.uState, uLayerOpacity: regions.uOpacity }
      : { ...scene, ...u },
    vertexShader: onRegions ? REGION_VERTEX : VERTEX,
    fragmentShader: FRAGMENT,
    transparent: hidden || opacity < 0.999,
    depthWrite: !hidden && opacity >= 0.999,
    // Hidden parts: only where something nearer was drawn first (the solid regions).
    depthFunc: hidden ? GreaterDepth : LessEqualDepth,
    // Regions: their outsides, or for cut faces their insides, as the layer draws them (shaders.ts).
    side: kind === 'surface' ? DoubleSide : cut ? BackSide : FrontSide,
  });
  if (!blobs) {
    // On cut faces: in front of the faces themselves (pulled 4 units nearer by the layer's cut pass).
    m.polygonOffset = true;
    m.polygonOffsetFactor = -1;
    m.polygonOffsetUnits = (cut ? -8 : -4) - 4 * layer;
  }
  return m;
}
