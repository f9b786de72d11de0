/**
 * The atlas list and the open atlas's facts, rendered to markup in Chinese: atlas kinds in Chinese (the same word
 * in both panels), and a surface atlas (fsaverage5) described by its vertices and the Surface control instead of
 * an empty label grid and region table.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AtlasListing, AtlasSummary } from '../../../../../core/api';
import { AtlasDetails } from '../../../../../renderer/src/panels/AtlasDetails';
import { AtlasList } from '../../../../../renderer/src/panels/AtlasList';
import { surfaceData } from '../../../../../renderer/src/model/surface-data';
import { useStore } from '../../../../../renderer/src/store';

const listing = (id: string, kind: AtlasListing['kind'], resolutionMm: number): AtlasListing =>
  ({
    id,
    name: id,
    kind,
    year: 2020,
    space: 'MNI152',
    status: 'present',
    origin: 'catalog',
    variants: [{ id: 'v', resolutionMm, status: 'present' }],
  }) as AtlasListing;

const surfaceSummary: AtlasSummary = {
  id: 'fsaverage5',
  name: 'FreeSurfer fsaverage5 surfaces',
  kind: 'surface',
  variant: 'fsaverage5',
  dims: [0, 0, 0],
  voxelSizeMm: [1, 1, 1],
  affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
  orientation: 'RAS',
  regions: [],
  report: { inVolumeNotInTable: [], inTableNotInVolume: [] },
  warnings: [],
};

/** The visible text of markup, tags dropped. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/**
 * Server rendering reads the store's initial state (useSyncExternalStore's server snapshot), not its current one:
 * the tests set that object's fields, and put them back after each test.
 */
const initial = useStore.getInitialState();
const saved = { ...initial };
const setState = (patch: Partial<ReturnType<typeof useStore.getState>>) => Object.assign(initial, patch);

describe('atlas panels in Chinese', () => {
  beforeEach(() => setState({ lang: 'zh' }));
  afterEach(() => Object.assign(initial, saved));

  it('the atlas list gives each kind in Chinese', () => {
    setState({
      listings: [
        listing('fsaverage5', 'surface', 0),
        listing('mni152', 'template', 1),
        listing('power-264', 'coordinates', 0),
        listing('aal', 'labels', 2),
        listing('julich', 'probabilistic', 1),
      ],
    });
    const shown = text(renderToStaticMarkup(createElement(AtlasList)));
    for (const row of [
      'fsaverage5 · 皮层表面',
      'mni152 · 模板 · 1 mm',
      'power-264 · 坐标',
      'aal · 标签 · 2 mm',
      'julich · 概率',
    ])
      expect(shown).toContain(row);
    expect(shown).not.toMatch(/surface|template|coordinates|labels|probabilistic/);
  });

  it("a surface atlas's facts: its kind in Chinese, vertices per hemisphere and the Surface control, no regions", () => {
    setState({ opened: surfaceSummary });
    let shown = text(renderToStaticMarkup(createElement(AtlasDetails)));
    expect(shown).toContain('类型 皮层表面');
    expect(shown).toContain('每半球顶点数 —');
    expect(shown).toContain('用“皮层表面”控件显示');
    expect(shown).not.toContain('脑区'); // no "Regions 0", no region table
    expect(shown).not.toContain('网格 —'); // no "Grid —"

    const n = 10242;
    surfaceData.putMesh('pial', 'left', {
      vertexCount: n,
      positions: new Float32Array(3 * n),
      mid: new Float32Array(3 * n),
      triangles: new Uint32Array(0),
      sulc: new Float32Array(n),
      license: '',
      citation: '',
    });
    shown = text(renderToStaticMarkup(createElement(AtlasDetails)));
    expect(shown).toContain('每半球顶点数 10 242');
  });

  it("a labels atlas's facts keep its grid and regions", () => {
    setState({ opened: { ...surfaceSummary, id: 'aal', kind: 'labels', dims: [91, 109, 91] } });
    const shown = text(renderToStaticMarkup(createElement(AtlasDetails)));
    expect(shown).toContain('类型 标签');
    expect(shown).toContain('网格 91 × 109 × 91');
    expect(shown).not.toContain('每半球顶点数');
  });
});
