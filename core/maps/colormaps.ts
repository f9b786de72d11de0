/**
 * Colour maps for statistical-map overlays, as 256-entry RGBA lookup tables (4 bytes per entry, alpha 255), and
 * how each scheme splits into a table for positive values and one for negative values.
 *
 * Tables follow matplotlib 3.11 exactly where researchers know them from there: viridis and inferno are its
 * listed 256-colour tables (bytes rounded from its floats); hot, gray and RdBu_r are built as its
 * LinearSegmentedColormap does (N = 256, linear between anchors at x = i / 255). Red-yellow and blue-lightblue are
 * FSL's (FSLeyes "Red-Yellow" / "Blue-Lightblue"); cold is hot with red and blue swapped (nilearn's cold_hot pair).
 *
 * A LUT maps |value| from the display threshold (entry 0) to the display maximum (entry 255).
 */

export type ColormapName = 'red-yellow' | 'hot' | 'RdBu_r' | 'viridis' | 'inferno' | 'gray';
/** The single tables behind the schemes (a pair's negative half is one of these too). */
export type LutName = ColormapName | 'blue-lightblue' | 'cold';

export const LUT_SIZE = 256;

/** Schemes offered for an overlay, in menu order. */
export const COLORMAPS: readonly ColormapName[] = ['red-yellow', 'hot', 'RdBu_r', 'viridis', 'inferno', 'gray'];

type Anchor = [x: number, r: number, g: number, b: number];
/** Per channel: [x, value] breakpoints, as matplotlib's segment data (without discontinuities). */
type Segments = [r: [number, number][], g: [number, number][], b: [number, number][]];

const VIRIDIS_HEX =
  '44015444025645045745055946075a46085c460a5d460b5e470d60470e61471063471164471365481467481668481769' +
  '48186a481a6c481b6d481c6e481d6f481f70482071482173482374482475482576482677482878482979472a7a472c7a' +
  '472d7b472e7c472f7d46307e46327e46337f463480453581453781453882443983443a83443b84433d84433e85423f85' +
  '4240864241864142874144874045884046883f47883f48893e49893e4a893e4c8a3d4d8a3d4e8a3c4f8a3c508b3b518b' +
  '3b528b3a538b3a548c39558c39568c38588c38598c375a8c375b8d365c8d365d8d355e8d355f8d34608d34618d33628d' +
  '33638d32648e32658e31668e31678e31688e30698e306a8e2f6b8e2f6c8e2e6d8e2e6e8e2e6f8e2d708e2d718e2c718e' +
  '2c728e2c738e2b748e2b758e2a768e2a778e2a788e29798e297a8e297b8e287c8e287d8e277e8e277f8e27808e26818e' +
  '26828e26828e25838e25848e25858e24868e24878e23888e23898e238a8d228b8d228c8d228d8d218e8d218f8d21908d' +
  '21918c20928c20928c20938c1f948c1f958b1f968b1f978b1f988b1f998a1f9a8a1e9b8a1e9c891e9d891f9e891f9f88' +
  '1fa0881fa1881fa1871fa28720a38620a48621a58521a68522a78522a88423a98324aa8325ab8225ac8226ad8127ad81' +
  '28ae8029af7f2ab07f2cb17e2db27d2eb37c2fb47c31b57b32b67a34b67935b77937b87838b9773aba763bbb753dbc74' +
  '3fbc7340bd7242be7144bf7046c06f48c16e4ac16d4cc26c4ec36b50c46a52c56954c56856c66758c7655ac8645cc863' +
  '5ec96260ca6063cb5f65cb5e67cc5c69cd5b6ccd5a6ece5870cf5773d05675d05477d1537ad1517cd2507fd34e81d34d' +
  '84d44b86d54989d5488bd6468ed64590d74393d74195d84098d83e9bd93c9dd93ba0da39a2da37a5db36a8db34aadc32' +
  'addc30b0dd2fb2dd2db5de2bb8de29bade28bddf26c0df25c2df23c5e021c8e020cae11fcde11dd0e11cd2e21bd5e21a' +
  'd8e219dae319dde318dfe318e2e418e5e419e7e419eae51aece51befe51cf1e51df4e61ef6e620f8e621fbe723fde725';
const INFERNO_HEX =
  '00000401000501010601010802010a02020c02020e03021004031204031405041706041907051b08051d09061f0a0722' +
  '0b07240c08260d08290e092b10092d110a30120a32140b34150b37160b39180c3c190c3e1b0c411c0c431e0c451f0c48' +
  '210c4a230c4c240c4f260c51280b53290b552b0b572d0b592f0a5b310a5c320a5e340a5f3609613809623909633b0964' +
  '3d09653e0966400a67420a68440a68450a69470b6a490b6a4a0c6b4c0c6b4d0d6c4f0d6c510e6c520e6d540f6d550f6d' +
  '57106e59106e5a116e5c126e5d126e5f136e61136e62146e64156e65156e67166e69166e6a176e6c186e6d186e6f196e' +
  '71196e721a6e741a6e751b6e771c6d781c6d7a1d6d7c1d6d7d1e6d7f1e6c801f6c82206c84206b85216b87216b88226a' +
  '8a226a8c23698d23698f24699025689225689326679526679727669827669a28659b29649d29649f2a63a02a63a22b62' +
  'a32c61a52c60a62d60a82e5fa92e5eab2f5ead305dae305cb0315bb1325ab3325ab43359b63458b73557b93556ba3655' +
  'bc3754bd3853bf3952c03a51c13a50c33b4fc43c4ec63d4dc73e4cc83f4bca404acb4149cc4248ce4347cf4446d04545' +
  'd24644d34743d44842d54a41d74b3fd84c3ed94d3dda4e3cdb503bdd513ade5238df5337e05536e15635e25734e35933' +
  'e45a31e55c30e65d2fe75e2ee8602de9612bea632aeb6429eb6628ec6726ed6925ee6a24ef6c23ef6e21f06f20f1711f' +
  'f1731df2741cf3761bf37819f47918f57b17f57d15f67e14f68013f78212f78410f8850ff8870ef8890cf98b0bf98c0a' +
  'f98e09fa9008fa9207fa9407fb9606fb9706fb9906fb9b06fb9d07fc9f07fca108fca309fca50afca60cfca80dfcaa0f' +
  'fcac11fcae12fcb014fcb216fcb418fbb61afbb81dfbba1ffbbc21fbbe23fac026fac228fac42afac62df9c72ff9c932' +
  'f9cb35f8cd37f8cf3af7d13df7d340f6d543f6d746f5d949f5db4cf4dd4ff4df53f4e156f3e35af3e55df2e661f2e865' +
  'f2ea69f1ec6df1ed71f1ef75f1f179f2f27df2f482f3f586f3f68af4f88ef5f992f6fa96f8fb9af9fc9dfafda1fcffa4';

const HOT: Segments = [
  [
    [0, 0.0416],
    [0.365079, 1],
    [1, 1],
  ],
  [
    [0, 0],
    [0.365079, 0],
    [0.746032, 1],
    [1, 1],
  ],
  [
    [0, 0],
    [0.746032, 0],
    [1, 1],
  ],
];

/** ColorBrewer RdBu (matplotlib _RdBu_data), reversed: dark blue -> near white -> dark red. */
const RDBU_R: [number, number, number][] = [
  [0.40392156862745099, 0.0, 0.12156862745098039],
  [0.69803921568627447, 0.09411764705882353, 0.16862745098039217],
  [0.83921568627450982, 0.37647058823529411, 0.30196078431372547],
  [0.95686274509803926, 0.6470588235294118, 0.50980392156862742],
  [0.99215686274509807, 0.85882352941176465, 0.7803921568627451],
  [0.96862745098039216, 0.96862745098039216, 0.96862745098039216],
  [0.81960784313725488, 0.89803921568627454, 0.94117647058823528],
  [0.5725490196078431, 0.77254901960784317, 0.87058823529411766],
  [0.2627450980392157, 0.57647058823529407, 0.76470588235294112],
  [0.12941176470588237, 0.4, 0.67450980392156867],
  [0.0196078431372549, 0.18823529411764706, 0.38039215686274508],
].reverse() as [number, number, number][];

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = parseInt(hex.slice(i * 6 + c * 2, i * 6 + c * 2 + 2), 16);
    out[i * 4 + 3] = 255;
  }
  return out;
}

function interp(points: [number, number][], x: number): number {
  for (let p = 1; p < points.length; p++) {
    const [x1, y1] = points[p];
    if (x <= x1) {
      const [x0, y0] = points[p - 1];
      return x1 === x0 ? y1 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return points[points.length - 1][1];
}

function fromSegments(seg: Segments): Uint8Array {
  const out = new Uint8Array(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    const x = i / (LUT_SIZE - 1);
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(255 * Math.min(1, Math.max(0, interp(seg[c], x))));
    out[i * 4 + 3] = 255;
  }
  return out;
}

function fromAnchors(anchors: Anchor[]): Uint8Array {
  return fromSegments([0, 1, 2].map((c) => anchors.map((a) => [a[0], a[c + 1]] as [number, number])) as Segments);
}

/** Evenly spaced colours (matplotlib's LinearSegmentedColormap.from_list). */
const evenly = (colours: [number, number, number][]): Anchor[] =>
  colours.map((c, i) => [i / (colours.length - 1), c[0], c[1], c[2]]);

const builders: Record<LutName, () => Uint8Array> = {
  'red-yellow': () =>
    fromAnchors([
      [0, 1, 0, 0],
      [1, 1, 1, 0],
    ]),
  'blue-lightblue': () =>
    fromAnchors([
      [0, 0, 0, 1],
      [1, 0, 1, 1],
    ]),
  hot: () => fromSegments(HOT),
  cold: () => fromSegments([HOT[2], HOT[1], HOT[0]]),
  RdBu_r: () => fromAnchors(evenly(RDBU_R)),
  viridis: () => fromHex(VIRIDIS_HEX),
  inferno: () => fromHex(INFERNO_HEX),
  gray: () =>
    fromAnchors([
      [0, 0, 0, 0],
      [1, 1, 1, 1],
    ]),
};

const cache = new Map<LutName, Uint8Array>();

/** The full 256-entry RGBA table of a map (shared: do not modify it). */
export function lut(name: LutName): Uint8Array {
  let t = cache.get(name);
  if (!t) {
    const build = builders[name];
    if (!build) throw new RangeError(`unknown colour map '${name}'`);
    cache.set(name, (t = build()));
  }
  return t;
}

/** Entries `from`..`to` of a table (either way round), resampled linearly to 256 entries. */
export function resampleLut(src: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    const x = from + ((to - from) * i) / (LUT_SIZE - 1);
    const a = Math.floor(x),
      b = Math.min(LUT_SIZE - 1, a + 1),
      t = x - a;
    for (let c = 0; c < 4; c++) out[i * 4 + c] = Math.round(src[a * 4 + c] * (1 - t) + src[b * 4 + c] * t);
  }
  return out;
}

/** A scheme's paired table for negative values (hot/cold, red-yellow/blue-lightblue), or null for single maps. */
export const NEGATIVE_PAIR: Partial<Record<ColormapName, LutName>> = { hot: 'cold', 'red-yellow': 'blue-lightblue' };

/** Maps whose middle is neutral: always split at the middle, whichever signs are shown. */
const DIVERGING = new Set<ColormapName>(['RdBu_r']);

export interface SplitLuts {
  /** |v| from the threshold (entry 0) to the maximum (entry 255), for v > 0 and v < 0; null: that sign hidden. */
  pos: Uint8Array | null;
  neg: Uint8Array | null;
}

/**
 * The tables an overlay draws with. A pair gives each sign its own map. A single map shown with both signs spans
 * the symmetric range −max..max, as nilearn draws it: positive values take its upper half from the middle up,
 * negative values its lower half from the middle down (RdBu_r: white to red, white to blue). A sequential map
 * (viridis, inferno, gray) shown with one sign uses all of it; a diverging one (RdBu_r) is always split.
 */
export function splitLuts(name: ColormapName, showPos: boolean, showNeg: boolean): SplitLuts {
  const full = lut(name);
  const pair = NEGATIVE_PAIR[name];
  if (pair) return { pos: showPos ? full : null, neg: showNeg ? lut(pair) : null };
  const mid = (LUT_SIZE - 1) / 2;
  if ((showPos && showNeg) || DIVERGING.has(name)) {
    return {
      pos: showPos ? resampleLut(full, mid, LUT_SIZE - 1) : null,
      neg: showNeg ? resampleLut(full, mid, 0) : null,
    };
  }
  return { pos: showPos ? full : null, neg: showNeg ? full : null };
}

/** CSS colour of entry i of a table. */
export function lutCss(table: Uint8Array, i: number): string {
  const o = Math.max(0, Math.min(LUT_SIZE - 1, Math.round(i))) * 4;
  return `rgb(${table[o]}, ${table[o + 1]}, ${table[o + 2]})`;
}
