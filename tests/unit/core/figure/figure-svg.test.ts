/**
 * Figure SVG, checked as text (no XML parser): the document header, one image per panel inside its box, colour
 * bars with gradients sampled from the colour maps, tick labels and the threshold as <text>, the legend with its
 * overflow count, escaping, transparency, determinism, Chinese text, and sizes that scale with the layout's unit.
 */
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import { type FigureLayoutName, layoutFigure, panelImageRect } from '../../../../core/figure/figure-layout';
import {
  FIGURE_FONTS,
  type FigureColourBar,
  type FigureLegendItem,
  type FigureSpec,
  composeFigureSvg,
} from '../../../../core/figure/figure-svg';

const HREF = 'data:image/png;base64,iVBORw0KGgo=';

const BAR: FigureColourBar = {
  title: 'z-stat',
  colormap: 'red-yellow',
  threshold: 3.1,
  max: 8,
  showPos: true,
  showNeg: false,
  thresholdLabel: 'threshold',
};

function spec(
  overrides: Partial<FigureSpec> = {},
  size: [number, number] = [3000, 2000],
  layoutName: FigureLayoutName = 'four',
): FigureSpec {
  const colourBars = overrides.colourBars ?? [BAR];
  const legend = overrides.legend ?? [
    { name: 'Precentral_L', colour: [255, 0, 0] },
    { name: 'Precentral_R', colour: [0, 128, 255] },
  ];
  const layout = layoutFigure({
    width: size[0],
    height: size[1],
    layout: layoutName,
    colourBars: colourBars.length,
    legendRows: legend.length,
    panelLetters: true,
  });
  return {
    layout,
    background: '#ffffff',
    panels: layout.panels.map((p) => ({ href: HREF, title: p.view })),
    colourBars,
    legendTitle: 'Regions',
    legend,
    ...overrides,
  };
}

/** The text content of every <text> element, unescaped only for the check's convenience. */
const texts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

const attr = (element: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(element);
  return m ? m[1] : null;
};

const elements = (svg: string, tag: string) => [...svg.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].map((m) => m[0]);

/** Stops of a gradient by id, as [offset %, colour]. */
function stops(svg: string, id: string): [number, string][] {
  const m = new RegExp(`<linearGradient id="${id}"[^>]*>(.*?)</linearGradient>`, 's').exec(svg);
  if (!m) return [];
  return [...m[1].matchAll(/<stop offset="([\d.]+)%" stop-color="(#[0-9a-f]{6})"\/>/g)].map((s) => [
    Number(s[1]),
    s[2],
  ]);
}

describe('composeFigureSvg', () => {
  it('writes a standalone SVG 1.1 document of the layout size', () => {
    const svg = composeFigureSvg(spec());
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    const root = elements(svg, 'svg')[0];
    expect(attr(root, 'xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(attr(root, 'xmlns:xlink')).toBe('http://www.w3.org/1999/xlink');
    expect(attr(root, 'width')).toBe('3000');
    expect(attr(root, 'height')).toBe('2000');
    expect(attr(root, 'viewBox')).toBe('0 0 3000 2000');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // tags balance
    for (const tag of ['svg', 'g', 'defs', 'linearGradient', 'text']) {
      expect(svg.split(`<${tag}`).length, tag).toBe(svg.split(`</${tag}>`).length);
    }
    expect(svg).toContain(`font-family="${FIGURE_FONTS.replace(/'/g, '&apos;')}"`);
  });

  it('places each panel image inside its panel box, meet-fitted, with href and xlink:href', () => {
    const s = spec();
    const images = elements(composeFigureSvg(s), 'image');
    expect(images).toHaveLength(4);
    images.forEach((image, i) => {
      const box = s.layout.panels[i];
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(attr(image, a)));
      expect(x).toBeGreaterThanOrEqual(box.x);
      expect(y).toBeGreaterThanOrEqual(box.y);
      expect(x + w).toBeLessThanOrEqual(box.x + box.width);
      expect(y + h).toBeLessThanOrEqual(box.y + box.height);
      expect(attr(image, 'href')).toBe(HREF);
      expect(attr(image, 'xlink:href')).toBe(HREF);
      expect(attr(image, 'preserveAspectRatio')).toBe('xMidYMid meet');
    });
  });

  it('leaves a panel image out when its href is empty (a PNG export draws the render itself)', () => {
    const s = spec();
    s.panels = s.panels.map((p, i) => (i === 1 ? { ...p, href: '' } : p));
    const svg = composeFigureSvg(s);
    expect(elements(svg, 'image')).toHaveLength(3);
    expect(svg).not.toContain('href=""');
  });

  it('writes panel titles and bold letters', () => {
    const svg = composeFigureSvg(spec());
    const t = texts(svg);
    for (const title of ['left-lateral', 'right-lateral', 'left-medial', 'right-medial']) expect(t).toContain(title);
    for (const letter of ['A', 'B', 'C', 'D'])
      expect(svg).toMatch(new RegExp(`<text [^>]*font-weight="bold"[^>]*>${letter}</text>`));
    const noLetters = spec();
    noLetters.layout.panels.forEach((p) => (p.letter = null));
    expect(texts(composeFigureSvg(noLetters))).not.toContain('A');
  });

  it('labels a positive bar 3.1..8 with ticks 4 5 6 7 8 and "threshold 3.1" as text', () => {
    const t = texts(composeFigureSvg(spec()));
    // smallest 1/2/2.5/5 step with at most 6 ticks in 3.1..8 is 1: 4, 5, 6, 7, 8
    for (const label of ['4', '5', '6', '7', '8']) expect(t).toContain(label);
    expect(t).not.toContain('3');
    expect(t).toContain('threshold 3.1');
    expect(t).toContain('z-stat');
  });

  it('spans -max..max with both signs: ticks -5 0 5, a gradient per sign, threshold lines at +-3.1', () => {
    const svg = composeFigureSvg(spec({ colourBars: [{ ...BAR, showNeg: true }] }));
    const t = texts(svg);
    for (const label of ['-5', '0', '5']) expect(t).toContain(label);
    expect(t).toContain('threshold 3.1');
    expect(svg).toContain('fill="url(#figure-bar-0-pos)"');
    expect(svg).toContain('fill="url(#figure-bar-0-neg)"');
  });

  it('samples 32 stops per sign from the colour map, low values first', () => {
    const svg = composeFigureSvg(spec({ colourBars: [{ ...BAR, showNeg: true }] }));
    // red-yellow runs red (threshold) to yellow (max); its negative pair blue-lightblue runs blue to cyan, so the
    // negative bar, drawn from -max up to -threshold, starts cyan and ends blue.
    const pos = stops(svg, 'figure-bar-0-pos');
    const neg = stops(svg, 'figure-bar-0-neg');
    expect(pos).toHaveLength(32);
    expect(neg).toHaveLength(32);
    expect(pos[0]).toEqual([0, '#ff0000']);
    expect(pos[31]).toEqual([100, '#ffff00']);
    expect(neg[0]).toEqual([0, '#00ffff']);
    expect(neg[31]).toEqual([100, '#0000ff']);
    for (let i = 1; i < 32; i++) expect(pos[i][0]).toBeGreaterThan(pos[i - 1][0]);
    // grey: entry k is (k, k, k); stop 16 of 32 samples entry round(16 / 31 * 255) = 132 = 0x84
    const grey = stops(composeFigureSvg(spec({ colourBars: [{ ...BAR, colormap: 'gray' }] })), 'figure-bar-0-pos');
    expect(grey[16][1]).toBe('#848484');
  });

  it('writes numbers without float noise', () => {
    const t = texts(composeFigureSvg(spec({ colourBars: [{ ...BAR, threshold: 0.1 + 0.2, max: 1 }] })));
    expect(t).toContain('threshold 0.3');
    for (const label of t) expect(label).not.toMatch(/\d\.\d*(0000|9999)\d/);
    // 0.3..1: step 0.2 (0.1 would give 8 ticks) -> 0.4 0.6 0.8 1
    for (const label of ['0.4', '0.6', '0.8', '1']) expect(t).toContain(label);
  });

  it('escapes &, <, >, " and \' in all text and attributes', () => {
    const svg = composeFigureSvg(
      spec({
        legend: [{ name: 'A & <B>', colour: [1, 2, 3] }],
        legendTitle: 'He said "hi" & \'bye\'',
        colourBars: [{ ...BAR, title: 'x < y > z' }],
        background: 'rgb(1, 2, 3)"/><script>',
      }),
    );
    expect(svg).toContain('>A &amp; &lt;B&gt;</text>');
    expect(svg).not.toContain('A & <B>');
    expect(svg).toContain('He said &quot;hi&quot; &amp; &apos;bye&apos;');
    expect(svg).toContain('x &lt; y &gt; z');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('fill="#010203"');
  });

  it('has a background rect only when the background is not transparent, and picks readable text colours', () => {
    const transparent = composeFigureSvg(spec({ background: null }));
    expect(transparent).not.toContain('figure-background');
    expect(elements(transparent, 'rect').some((r) => attr(r, 'width') === '3000' && attr(r, 'height') === '2000')).toBe(
      false,
    );
    const black = composeFigureSvg(spec({ background: '#000000' }));
    expect(black).toMatch(/<rect id="figure-background" x="0" y="0" width="3000" height="2000" fill="#000000"\/>/);
    expect(black).toContain('<g fill="#ffffff"');
    expect(composeFigureSvg(spec({ background: 'white' }))).toContain('<g fill="#000000"');
  });

  it('gives the same string for the same spec, with unique ids', () => {
    const s = spec({ colourBars: [BAR, { ...BAR, colormap: 'hot', showNeg: true }] });
    const svg = composeFigureSvg(s);
    expect(composeFigureSvg(structuredClone(s))).toBe(svg);
    const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
    // every url(#id) points at a defined id
    for (const m of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
  });

  it('passes Chinese text through unchanged', () => {
    const svg = composeFigureSvg(
      spec({
        legend: [{ name: '左侧额中回', colour: [10, 20, 30] }],
        legendTitle: '脑区',
        colourBars: [{ ...BAR, title: '统计图', thresholdLabel: '阈值' }],
        panels: spec().panels.map((p) => ({ ...p, title: '左外侧' })),
      }),
    );
    const t = texts(svg);
    expect(t).toContain('左侧额中回');
    expect(t).toContain('脑区');
    expect(t).toContain('统计图');
    expect(t).toContain('阈值 3.1');
    expect(t.filter((x) => x === '左外侧')).toHaveLength(4);
  });

  it('leaves out legend rows that do not fit and says how many more there are', () => {
    const legend: FigureLegendItem[] = Array.from({ length: 500 }, (_, i) => ({
      name: `Region ${i}`,
      colour: [i % 256, 0, 0],
    }));
    const t = texts(composeFigureSvg(spec({ legend })));
    const shown = t.filter((x) => /^Region \d+$/.test(x)).length;
    const more = t.map((x) => /^\+ (\d+) more$/.exec(x)).find(Boolean);
    expect(more).toBeTruthy();
    expect(shown).toBeGreaterThan(5);
    expect(shown + Number(more![1])).toBe(500);
    // the rows shown are the first ones, in order
    expect(t.filter((x) => /^Region \d+$/.test(x))).toEqual(legend.slice(0, shown).map((it) => it.name));
    // a legend that fits has no count
    expect(texts(composeFigureSvg(spec())).some((x) => x.includes('more'))).toBe(false);
  });

  it('draws colour bars and the legend only inside the side strip (right or bottom)', () => {
    for (const size of [
      [3000, 2000],
      [2000, 3000],
      [1000, 1000],
    ] as [number, number][]) {
      const legend: FigureLegendItem[] = Array.from({ length: 60 }, (_, i) => ({
        name: `Area ${i}`,
        colour: [0, i, 0],
      }));
      const s = spec({ legend, colourBars: [BAR, { ...BAR, showNeg: true }] }, size, 'six');
      const side = s.layout.side!;
      const svg = composeFigureSvg(s);
      const drawn = elements(svg, 'rect').filter((r) => attr(r, 'id') !== 'figure-background');
      expect(drawn.length).toBeGreaterThan(10);
      for (const r of drawn) {
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(attr(r, a)));
        expect(x, `${size} ${r}`).toBeGreaterThanOrEqual(side.x);
        expect(y, `${size} ${r}`).toBeGreaterThanOrEqual(side.y);
        expect(x + w, `${size} ${r}`).toBeLessThanOrEqual(side.x + side.width);
        expect(y + h, `${size} ${r}`).toBeLessThanOrEqual(side.y + side.height);
      }
      for (const line of elements(svg, 'line')) {
        for (const [ax, ay] of [
          ['x1', 'y1'],
          ['x2', 'y2'],
        ]) {
          expect(Number(attr(line, ax))).toBeGreaterThanOrEqual(side.x);
          expect(Number(attr(line, ay))).toBeGreaterThanOrEqual(side.y);
        }
      }
      const panelTexts = new Set([...s.panels.map((p) => p.title), 'A', 'B', 'C', 'D', 'E', 'F']);
      const sideTexts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].filter((m) => !panelTexts.has(m[1]));
      expect(sideTexts.length).toBeGreaterThan(10);
      for (const [element] of sideTexts) {
        const [x, y] = ['x', 'y'].map((a) => Number(attr(element, a)));
        expect(x >= side.x && x <= side.x + side.width && y >= side.y && y <= side.y + side.height, element).toBe(true);
      }
    }
  });

  it('sizes text and strokes in units: a 4x larger figure has 4x larger text and lines', () => {
    const small = spec({}, [1200, 900]); // unit 15
    const large = spec({}, [4800, 3600]); // unit 60
    expect(large.layout.unit).toBe(4 * small.layout.unit);
    const sizes = (svg: string, name: string) =>
      [...svg.matchAll(new RegExp(`${name}="([\\d.]+)"`, 'g'))].map((m) => Number(m[1])).sort((a, b) => a - b);
    for (const name of ['font-size', 'stroke-width']) {
      const a = sizes(composeFigureSvg(small), name);
      const b = sizes(composeFigureSvg(large), name);
      expect(a.length, name).toBeGreaterThan(0);
      expect(b).toHaveLength(a.length);
      a.forEach((v, i) => expect(b[i] / v, `${name} ${v}`).toBeCloseTo(4, 1));
      // nothing thinner than a twentieth of the unit: no hairlines
      for (const v of a) expect(v).toBeGreaterThanOrEqual(0.05 * small.layout.unit);
    }
  });

  it('never writes NaN or negative sizes, even for tiny figures with many bars', () => {
    const legendOf = (n: number): FigureLegendItem[] =>
      Array.from({ length: n }, (_, i) => ({ name: `R${i}`, colour: [i, i, i] }));
    for (const size of [
      [16, 16],
      [16, 300],
      [300, 16],
      [64, 48],
      [16384, 16384],
    ] as [number, number][]) {
      for (const bars of [0, 1, 3]) {
        for (const rows of [0, 1, 50]) {
          const colourBars = Array.from({ length: bars }, (_, i) => ({ ...BAR, showNeg: i % 2 === 1 }));
          const legendTitle = rows > 0 ? 'Regions' : null;
          const svg = composeFigureSvg(spec({ colourBars, legend: legendOf(rows), legendTitle }, size, 'six'));
          expect(svg, `${size} ${bars} ${rows}`).not.toMatch(/NaN|Infinity/);
          expect(svg, `${size} ${bars} ${rows}`).not.toMatch(/\s(width|height|font-size|stroke-width)="-/);
        }
      }
    }
  });

  it('leaves the side strip out of a figure without colour bars or legend', () => {
    const s = spec({ colourBars: [], legend: [], legendTitle: null });
    expect(s.layout.side).toBeNull();
    const svg = composeFigureSvg(s);
    expect(svg).not.toContain('<defs>');
    expect(elements(svg, 'image')).toHaveLength(4);
  });

  it('rejects a spec that does not match its layout or has an impossible colour bar', () => {
    const s = spec();
    expect(() => composeFigureSvg({ ...s, panels: s.panels.slice(1) })).toThrow(AtlasError);
    expect(() => composeFigureSvg({ ...s, colourBars: [{ ...BAR, threshold: 9 }] })).toThrow(AtlasError);
    expect(() => composeFigureSvg({ ...s, colourBars: [{ ...BAR, max: Number.NaN }] })).toThrow(AtlasError);
    expect(() => composeFigureSvg({ ...s, colourBars: [{ ...BAR, showPos: false }] })).toThrow(AtlasError);
    const bare = spec({ colourBars: [], legend: [], legendTitle: null });
    expect(() => composeFigureSvg({ ...bare, colourBars: [BAR] })).toThrow(AtlasError);
  });
});

describe('slice panels in the figure', () => {
  it('draws orientation letters in white inside the slice image, over the images, and splits under/over', () => {
    const base = spec({}, [2000, 1400], 'slices');
    const edges = { left: 'L', right: 'R', top: 'A', bottom: 'P' };
    const s: FigureSpec = { ...base, panels: base.panels.map((p, i) => (i === 1 ? { ...p, edges } : p)) };
    const all = composeFigureSvg(s);
    const group = /<g fill="#ffffff" class="slice-orientation">(.*?)<\/g>/.exec(all);
    expect(group).not.toBeNull();
    expect(texts(group?.[1] ?? '')).toEqual(['L', 'R', 'A', 'P']);
    // After every image: drawn over them.
    expect(all.lastIndexOf('<image ')).toBeLessThan(all.indexOf('slice-orientation'));
    // Inside the axial panel's image area.
    const image = panelImageRect(s.layout.panels[1], s.layout.unit);
    for (const m of (group?.[1] ?? '').matchAll(/x="([\d.]+)" y="([\d.]+)"/g)) {
      const [x, y] = [Number(m[1]), Number(m[2])];
      expect(x).toBeGreaterThan(image.x);
      expect(x).toBeLessThan(image.x + image.width);
      expect(y).toBeGreaterThan(image.y);
      expect(y).toBeLessThan(image.y + image.height);
    }
    const under = composeFigureSvg(s, 'under');
    const over = composeFigureSvg(s, 'over');
    expect(under).not.toContain('slice-orientation');
    expect(under).toContain('figure-background');
    expect(over).toContain('slice-orientation');
    expect(over).not.toContain('figure-background');
    expect(over).not.toContain('<image ');
    expect(texts(over)).toEqual(['L', 'R', 'A', 'P']);
  });
});

describe('region labels in the figure', () => {
  it('draws each label as text with a leader line from its anchor to its box, over the images only', () => {
    const base = spec({}, [2000, 1400], 'current');
    const label = {
      text: '左侧中央前回 & co',
      box: { x: 100, y: 200, width: 160, height: 30 },
      anchor: [400, 260] as [number, number],
      end: [260, 215] as [number, number],
      align: 'end' as const,
      fontSize: 20,
    };
    const s: FigureSpec = { ...base, labels: [label] };
    const all = composeFigureSvg(s);
    const group = /<g class="region-label">(.*?)<\/g>/.exec(all)?.[1] ?? '';
    expect(texts(group)).toEqual(['左侧中央前回 &amp; co']);
    // Right-aligned at the box's right edge, centred on its middle line.
    expect(group).toMatch(/<text x="260" y="222" font-size="20" text-anchor="end">/);
    const lines = [...group.matchAll(/<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"/g)];
    expect(lines.length).toBe(2);
    for (const l of lines) expect(l.slice(1).map(Number)).toEqual([400, 260, 260, 215]);
    expect(all.lastIndexOf('<image ')).toBeLessThan(all.indexOf('region-label'));
    expect(composeFigureSvg(s, 'under')).not.toContain('region-label');
    expect(composeFigureSvg(s, 'over')).toContain('region-label');
  });
});
