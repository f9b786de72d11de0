/**
 * Shaders of the region layers: one geometry per atlas, a per-vertex (or per-instance, or per-point) region index,
 * and a float texture of per-region state (colour, visibility, explode offset, highlight, midline flag), so that
 * hiding, fading, colouring and exploding change a texture, never the geometry or the React tree.
 *
 * Colours are atlas colours as displayed (sRGB bytes / 255) scaled by the lighting; no colour-space conversion or
 * tone mapping, so a lit region keeps its atlas hue on screen.
 */
import {
  type IUniform,
  AlwaysStencilFunc,
  BackSide,
  DataTexture,
  DoubleSide,
  NotEqualStencilFunc,
  ReplaceStencilOp,
  FloatType,
  FrontSide,
  NearestFilter,
  RGBAFormat,
  ShaderMaterial,
  Vector2,
  Vector3,
} from 'three';
import { STATE_TEXTURE_WIDTH, TEXELS_PER_REGION, stateTextureSize } from '../model/region-state';

export type DrawKind = 'surface' | 'instanced' | 'points';
/**
 * opaque: the front faces of regions fully shown (depth-written); cut: their back faces, drawn after, which show
 * only where a clipping plane or a hidden hemisphere has cut a region open, as its cut face; transparent: faded or
 * translucent regions, blended after; footprint + outline: the selected region's rim, an inverted hull drawn only
 * outside the region's own screen footprint (marked in the stencil buffer first), so that it is a clean ring around
 * the region's silhouette.
 */
export type Pass = 'opaque' | 'cut' | 'transparent' | 'footprint' | 'outline';

/** Uniforms every layer (and the template) share: clipping and hemispheres. */
export interface SceneUniforms {
  uClipAt: IUniform<Vector3>;
  /** Per axis: 0 off, 1 cut the part above, -1 cut the part below. */
  uClipSide: IUniform<Vector3>;
  /** x: left hemisphere hidden, y: right hidden (1 or 0). */
  uHemiHidden: IUniform<Vector2>;
  /** Device pixels per CSS pixel (point markers keep their size on screen). */
  uPixelRatio: IUniform<number>;
}

export function createSceneUniforms(): SceneUniforms {
  return {
    uClipAt: { value: new Vector3() },
    uClipSide: { value: new Vector3() },
    uHemiHidden: { value: new Vector2() },
    uPixelRatio: { value: 1 },
  };
}

export interface LayerUniforms {
  uState: IUniform<DataTexture>;
  uOpacity: IUniform<number>;
}

export function createStateTexture(regions: number): DataTexture {
  const { width, height } = stateTextureSize(regions);
  const tex = new DataTexture(new Float32Array(width * height * 4), width, height, RGBAFormat, FloatType);
  tex.minFilter = NearestFilter;
  tex.magFilter = NearestFilter;
  tex.generateMipmaps = false;
  tex.needsUpdate = true;
  return tex;
}

/** Head-light shading of a surface seen from either side: ambient + facing * n·v + key * n·(a fixed key light). */
export const LIGHT_GLSL = /* glsl */ `
float surfaceLight(vec3 normalV, vec3 viewPos, float ambient, float facing, float key) {
  vec3 n = normalize(normalV);
  if (!gl_FrontFacing) n = -n;
  float ndv = max(dot(n, normalize(-viewPos)), 0.0);
  float nk = max(dot(n, normalize(vec3(-0.35, 0.55, 0.75))), 0.0);
  return min(ambient + facing * ndv + key * nk, 1.0);
}
`;

export const CLIP_GLSL = /* glsl */ `
uniform vec3 uClipAt;
uniform vec3 uClipSide;
uniform vec2 uHemiHidden;
bool clippedAt(vec3 w) {
  return (uClipSide.x != 0.0 && (w.x - uClipAt.x) * uClipSide.x > 0.0)
      || (uClipSide.y != 0.0 && (w.y - uClipAt.y) * uClipSide.y > 0.0)
      || (uClipSide.z != 0.0 && (w.z - uClipAt.z) * uClipSide.z > 0.0);
}
bool midlineCut(float x) {
  return (uHemiHidden.x > 0.5 && x < 0.0) || (uHemiHidden.y > 0.5 && x >= 0.0);
}
`;

/** What the region vertex shader hands to the fragment shader (declared identically in both). */
export const REGION_VARYINGS = /* glsl */ `
varying vec3 vColor;
varying float vAlpha;
varying float vFlags;
varying float vBilateral;
varying vec3 vWorld;
varying vec3 vAnat;
varying vec3 vNormalV;
varying vec3 vViewPos;
`;

/**
 * The region vertex shader. With MAP_VALUES it places a statistical map's colours on the regions (overlay-shaders.ts):
 * it passes each vertex's map values on, and draws only regions fully shown (a map is not painted on see-through
 * ones).
 */
export const REGION_VERTEX = /* glsl */ `
attribute float aRegion;
uniform highp sampler2D uState;
uniform float uPixelRatio;
#ifdef MAP_VALUES
attribute float aPos;
attribute float aNeg;
uniform float uLayerOpacity;
varying float vPos;
varying float vNeg;
#endif
${REGION_VARYINGS}
vec4 stateTexel(int i) {
  return texelFetch(uState, ivec2(i % ${STATE_TEXTURE_WIDTH}, i / ${STATE_TEXTURE_WIDTH}), 0);
}

void main() {
  int r = int(aRegion + 0.5) * ${TEXELS_PER_REGION};
  vec4 c = stateTexel(r);
  vec4 o = stateTexel(r + 1);
  vec4 f = stateTexel(r + 2);
  vColor = c.rgb;
  vAlpha = c.a;
  vFlags = o.w;
  vBilateral = f.x;
  vec3 p = position;
#ifndef POINTS
  vec3 n = normal;
#endif
#ifdef USE_INSTANCING
  p = (instanceMatrix * vec4(p, 1.0)).xyz;
  n = mat3(instanceMatrix) * n;
#endif
  vAnat = (modelMatrix * vec4(p, 1.0)).xyz;
  vWorld = vAnat + o.xyz;
#ifdef OUTLINE_MM
  // Inverted hull: the selected region's back faces, pushed out a little, show as a rim around it.
  vWorld += normalize(mat3(modelMatrix) * n) * OUTLINE_MM;
#endif
  vec4 mv = viewMatrix * vec4(vWorld, 1.0);
#ifdef POINTS
  // A marker sits at the centre of its own (tiny) surface: lift it towards the camera so that surface does not
  // hide it, while larger regions in front still do.
  mv.xyz += normalize(-mv.xyz) * 4.0;
#endif
  vViewPos = mv.xyz;
#ifndef POINTS
  vNormalV = normalize(mat3(viewMatrix) * mat3(modelMatrix) * n);
#else
  vNormalV = vec3(0.0, 0.0, 1.0);
  gl_PointSize = POINT_SIZE * uPixelRatio;
#endif
  gl_Position = projectionMatrix * mv;
  // Hidden regions: put every vertex beyond the far plane so nothing of them is rasterised.
  if (c.a <= 0.0) gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
#ifdef MAP_VALUES
  vPos = aPos;
  vNeg = -aNeg;
  if (c.a * uLayerOpacity < 0.999) gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
#endif
#ifdef OUTLINE
  if (o.w < 1.5) gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
#endif
}
`;

const REGION_FRAGMENT = /* glsl */ `
uniform float uOpacity;
${REGION_VARYINGS}${CLIP_GLSL}${LIGHT_GLSL}
void main() {
  if (clippedAt(vWorld)) discard;
  if (vBilateral > 0.5 && midlineCut(vAnat.x)) discard;
  float a = vAlpha * uOpacity;
#ifdef OUTLINE
  gl_FragColor = vec4(1.0, 1.0, 1.0, 1.0);
  return;
#endif
#ifdef OPAQUE_PASS
  if (a < 0.999) discard;
#else
  if (a >= 0.999 || a <= 0.001) discard;
#endif
  // Varyings are interpolated even when constant over a triangle: round before reading bits.
  float flags = floor(vFlags + 0.5);
  bool hovered = mod(flags, 2.0) > 0.5;
  bool selected = flags > 1.5;
#ifdef POINTS
  vec2 d = gl_PointCoord - 0.5;
  float r2 = dot(d, d);
  if (r2 > 0.25) discard;
  // A light ring makes the dot stand out on dark surfaces and background alike.
  vec3 col = r2 > 0.12 ? vec3(0.92) : vColor;
#elif defined(CUT_FACES)
  // Seen through a cut: the region's inside, shown flat in its colour as a solid cross-section.
  vec3 col = vColor * 0.8;
#else
  vec3 col = vColor * surfaceLight(vNormalV, vViewPos, 0.3, 0.5, 0.25);
  if (!gl_FrontFacing) col *= 0.55;
#endif
  if (hovered) col = mix(col, vec3(1.0), 0.35);
  gl_FragColor = vec4(col, a);
}
`;

export function createRegionMaterial(
  kind: DrawKind,
  pass: Pass,
  scene: SceneUniforms,
  layer: LayerUniforms,
): ShaderMaterial {
  const defines: Record<string, string | number> = {};
  if (pass === 'opaque' || pass === 'cut') defines.OPAQUE_PASS = 1;
  if (pass === 'cut') defines.CUT_FACES = 1;
  if (pass === 'outline' || pass === 'footprint') defines.OUTLINE = 1;
  if (pass === 'outline') defines.OUTLINE_MM = '0.9';
  if (kind === 'points') {
    defines.POINTS = 1;
    defines.POINT_SIZE = '10.0';
  }
  const m = new ShaderMaterial({
    defines,
    uniforms: { ...scene, ...layer },
    vertexShader: REGION_VERTEX,
    fragmentShader: REGION_FRAGMENT,
    transparent: pass === 'transparent',
    depthWrite: pass === 'opaque' || pass === 'cut',
    side:
      kind === 'points' || pass === 'opaque' ? FrontSide : pass === 'outline' || pass === 'cut' ? BackSide : DoubleSide,
  });
  if (pass === 'cut') {
    // Regions share their boundaries: behind a cut, a region's inside lies exactly on its neighbour's front face.
    // Pulled a few depth steps nearer, the cut face wins there, so a cut shows the region it cuts, not its neighbour.
    m.polygonOffset = true;
    m.polygonOffsetUnits = -4;
  } else if (pass === 'footprint') {
    m.colorWrite = false;
    m.depthTest = false;
    m.stencilWrite = true;
    m.stencilFunc = AlwaysStencilFunc;
    m.stencilRef = 1;
    m.stencilZPass = ReplaceStencilOp;
  } else if (pass === 'outline') {
    // Drawn over whatever is in front (neighbouring parcels abut the region at the same depth), so the whole
    // silhouette shows, also where the region is behind others.
    m.depthTest = false;
    m.stencilWrite = true; // enables the stencil test; the mask keeps the buffer as it is
    m.stencilWriteMask = 0;
    m.stencilFunc = NotEqualStencilFunc;
    m.stencilRef = 1;
  }
  return m;
}

/** Varyings of unmoved surfaces (the glass brain, map overlays), declared once for both stages, and the vertex
 *  lines that fill them. */
export const SURFACE_VARYINGS_GLSL = /* glsl */ `
varying vec3 vWorld;
varying vec3 vNormalV;
varying vec3 vViewPos;
`;
export const PLACE_SURFACE_VERTEX_GLSL = /* glsl */ `
  vWorld = (modelMatrix * vec4(position, 1.0)).xyz;
  vec4 mv = viewMatrix * vec4(vWorld, 1.0);
  vViewPos = mv.xyz;
  vNormalV = normalize(mat3(viewMatrix) * mat3(modelMatrix) * normal);
  gl_Position = projectionMatrix * mv;
`;

const GLASS_VERTEX = /* glsl */ `
${SURFACE_VARYINGS_GLSL}
void main() {
${PLACE_SURFACE_VERTEX_GLSL}
}
`;

const GLASS_FRAGMENT = /* glsl */ `
uniform float uOpacity;
uniform vec3 uColor;
${SURFACE_VARYINGS_GLSL}${CLIP_GLSL}
void main() {
  if (clippedAt(vWorld) || midlineCut(vWorld.x)) discard;
  vec3 n = normalize(vNormalV);
  vec3 v = normalize(-vViewPos);
  float ndv = abs(dot(n, v));
  // Glass: nearly clear where the surface faces the viewer, denser at grazing angles (the silhouette).
  float fres = pow(1.0 - ndv, 2.5);
  float a = clamp(uOpacity * (0.35 + 2.2 * fres), 0.0, 0.95);
  vec3 col = uColor * (0.75 + 0.25 * ndv) + vec3(0.25) * fres;
  gl_FragColor = vec4(col, a);
}
`;

export function createGlassMaterial(scene: SceneUniforms, opacity: IUniform<number>): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: { ...scene, uOpacity: opacity, uColor: { value: new Vector3(0.72, 0.77, 0.86) } },
    vertexShader: GLASS_VERTEX,
    fragmentShader: GLASS_FRAGMENT,
    transparent: true,
    depthWrite: false,
    side: FrontSide,
  });
}
