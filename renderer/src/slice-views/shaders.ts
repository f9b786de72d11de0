/**
 * GLSL (WebGL2) for the slice views. Every pass draws one full-view quad; each fragment works out its world point
 * from gl_FragCoord and the view's uniforms, so sampling is exact at any zoom: the template trilinear (hardware),
 * labels nearest (texelFetch of the rounded voxel), maps trilinear by hand (NaN-aware). Outlines compare the
 * fragment with its four neighbouring screen pixels, so they are one pixel wide at any zoom.
 */

/** Uniforms every pass shares (one object per view render, referenced by every material). */
export const VIEW_UNIFORMS_GLSL = /* glsl */ `
out highp vec4 outColor;
uniform vec3 uOrigin;   // world point at the view's centre (on the slice)
uniform vec3 uRight;    // world direction of +x on screen
uniform vec3 uUp;       // world direction of +y on screen
uniform float uMmPerPx; // mm per device pixel
uniform vec4 uViewport; // view rectangle in device pixels (GL: from the bottom left)

vec3 worldAtOffset(vec2 offsetPx) {
  vec2 p = gl_FragCoord.xy + offsetPx - uViewport.xy - 0.5 * uViewport.zw;
  return uOrigin + (p.x * uMmPerPx) * uRight + (p.y * uMmPerPx) * uUp;
}
`;

export const QUAD_VERTEX = /* glsl */ `
void main() {
  gl_Position = vec4(position.xy, 0.0, 1.0);
}
`;

export const TEMPLATE_FRAGMENT = /* glsl */ `
${VIEW_UNIFORMS_GLSL}
uniform sampler3D uTemplate;
uniform mat4 uInverse; // world -> voxel
uniform vec3 uDims;

void main() {
  vec3 vox = (uInverse * vec4(worldAtOffset(vec2(0.0)), 1.0)).xyz;
  vec3 tc = (vox + 0.5) / uDims;
  float g = 0.0;
  if (all(greaterThanEqual(tc, vec3(0.0))) && all(lessThanEqual(tc, vec3(1.0)))) g = texture(uTemplate, tc).r;
  outColor = vec4(g, g, g, 1.0);
}
`;

/**
 * Atlas labels: the label texture holds each voxel's label value as stored; the table texture maps a value to its
 * region's index (-1 for none); the state texture is the 3D view's (scene/region-state.ts packState): per region
 * rgb + alpha, then explode offset + highlight flags.
 */
export const LABELS_FRAGMENT = /* glsl */ `
${VIEW_UNIFORMS_GLSL}
uniform highp usampler3D uLabels;
uniform highp isampler2D uTable;
uniform int uValues;        // entries in the table
uniform sampler2D uState;
uniform mat4 uInverse;
uniform ivec3 uDims;
uniform float uOpacity;     // the layer's opacity
uniform float uFill;        // fill opacity; 0 in Outline mode
uniform float uOutline;     // opacity of region boundaries

const int TEXELS_PER_REGION = 3;

int regionAt(vec3 world) {
  vec3 v = (uInverse * vec4(world, 1.0)).xyz;
  ivec3 i = ivec3(floor(v + 0.5));
  if (any(lessThan(i, ivec3(0))) || any(greaterThanEqual(i, uDims))) return -1;
  uint value = texelFetch(uLabels, i, 0).r;
  if (value == 0u || value >= uint(uValues)) return -1;
  int n = int(value);
  int w = textureSize(uTable, 0).x;
  return texelFetch(uTable, ivec2(n % w, n / w), 0).r;
}

vec4 stateTexel(int region, int k) {
  int t = region * TEXELS_PER_REGION + k;
  int w = textureSize(uState, 0).x;
  return texelFetch(uState, ivec2(t % w, t / w), 0);
}

void main() {
  int r = regionAt(worldAtOffset(vec2(0.0)));
  if (r < 0) discard;
  vec4 c = stateTexel(r, 0);
  float alpha = c.a * uOpacity;
  if (alpha <= 0.001) discard;
  float flags = floor(stateTexel(r, 1).a + 0.5);
  bool selected = flags >= 1.5;
  bool hovered = mod(flags, 2.0) > 0.5;
  bool edge = regionAt(worldAtOffset(vec2(1.0, 0.0))) != r || regionAt(worldAtOffset(vec2(-1.0, 0.0))) != r
    || regionAt(worldAtOffset(vec2(0.0, 1.0))) != r || regionAt(worldAtOffset(vec2(0.0, -1.0))) != r;
  if (edge && selected) {
    outColor = vec4(1.0, 1.0, 1.0, 1.0);
    return;
  }
  float a = (edge ? max(uFill, uOutline) : uFill) * alpha;
  if (selected && !edge) a = min(1.0, a * 1.25);
  // The region under the pointer in the 3D view: lighter, as it is there, and filled even when outlined.
  if (hovered && !edge) a = max(a, 0.35 * alpha);
  if (a <= 0.001) discard;
  outColor = vec4(hovered ? mix(c.rgb, vec3(1.0), 0.35) : c.rgb, a);
}
`;

/**
 * A statistical map's value at a world point (MNI mm), as the slice views and the 3D view's cut faces show it:
 * trilinear by hand over the finite ones of the 8 voxels around (NaN marks no value), from a float volume texture
 * (textures.ts's valuesTexture) and the grid's world -> voxel matrix (worldToVoxel).
 */
export const MAP_VALUE_GLSL = /* glsl */ `
uniform highp sampler3D uValues;
uniform mat4 uInverse;
uniform ivec3 uDims;

// The map's value at a world point; NaN-free: ok = false where nothing can be said.
float valueAt(vec3 world, out bool ok) {
  vec3 v = (uInverse * vec4(world, 1.0)).xyz;
  vec3 hi = vec3(uDims) - 1.0;
  ok = false;
  if (any(lessThan(v, vec3(-0.5))) || any(greaterThan(v, hi + 0.5))) return 0.0;
  v = clamp(v, vec3(0.0), hi);
  ivec3 i0 = ivec3(floor(v));
  vec3 t = v - vec3(i0);
  float sum = 0.0;
  float wsum = 0.0;
  for (int c = 0; c < 8; c++) {
    ivec3 o = ivec3(c & 1, (c >> 1) & 1, (c >> 2) & 1);
    ivec3 i = min(i0 + o, uDims - 1);
    vec3 w3 = mix(1.0 - t, t, vec3(o));
    float w = w3.x * w3.y * w3.z;
    float x = texelFetch(uValues, i, 0).r;
    if (w > 0.0 && !isnan(x) && !isinf(x)) {
      sum += w * x;
      wsum += w;
    }
  }
  if (wsum < 0.5) return 0.0;
  ok = true;
  return sum / wsum;
}
`;

/** A statistical map (scene/display-overlay.ts): trilinear by hand over finite neighbours, LUT by sign. */
export const OVERLAY_FRAGMENT = /* glsl */ `
${VIEW_UNIFORMS_GLSL}
${MAP_VALUE_GLSL}
uniform sampler2D uPosLut;
uniform sampler2D uNegLut;
uniform float uPosThreshold;
uniform float uPosMax;
uniform float uNegThreshold;
uniform float uNegMax;
uniform float uHasPos;
uniform float uHasNeg;
uniform float uOpacity;
uniform float uOutline;

// 1 positive suprathreshold, -1 negative, 0 neither.
float side(float x, bool ok) {
  if (!ok) return 0.0;
  if (uHasPos > 0.5 && x >= uPosThreshold) return 1.0;
  if (uHasNeg > 0.5 && x <= -uNegThreshold) return -1.0;
  return 0.0;
}

void main() {
  bool ok;
  float x = valueAt(worldAtOffset(vec2(0.0)), ok);
  float s = side(x, ok);
  if (s == 0.0) discard;
  vec4 c;
  if (s > 0.0) {
    float f = uPosMax > uPosThreshold ? clamp((x - uPosThreshold) / (uPosMax - uPosThreshold), 0.0, 1.0) : 1.0;
    c = texture(uPosLut, vec2((f * 255.0 + 0.5) / 256.0, 0.5));
  } else {
    float f = uNegMax > uNegThreshold ? clamp((-x - uNegThreshold) / (uNegMax - uNegThreshold), 0.0, 1.0) : 1.0;
    c = texture(uNegLut, vec2((f * 255.0 + 0.5) / 256.0, 0.5));
  }
  float a = c.a * uOpacity;
  if (uOutline > 0.5) {
    bool o1, o2, o3, o4;
    float n1 = side(valueAt(worldAtOffset(vec2(1.0, 0.0)), o1), o1);
    float n2 = side(valueAt(worldAtOffset(vec2(-1.0, 0.0)), o2), o2);
    float n3 = side(valueAt(worldAtOffset(vec2(0.0, 1.0)), o3), o3);
    float n4 = side(valueAt(worldAtOffset(vec2(0.0, -1.0)), o4), o4);
    if (n1 != s || n2 != s || n3 != s || n4 != s) a = 1.0;
  }
  if (a <= 0.001) discard;
  outColor = vec4(c.rgb, a);
}
`;
