/**
 * What a figure's side strip shows of the store: one colour bar per visible map (its threshold and scale as on
 * screen) and a legend of the networks or regions drawn (networks when coloured by network; else the isolated
 * regions, or the main atlas's regions when few enough to read).
 */
import { networkName } from '../../../core/atlas/network-atlases';
import type { FigureColourBar, FigureLegendItem } from '../../../core/figure/figure-svg';
import { layerData } from '../model/layer-data';
import { legendEntries } from '../model/networks';
import type { Store } from '../store';
import { regionNameIn } from '../model/region-names';

/** Most regions a legend lists by name; beyond that a figure needs labels, not a legend. */
const MAX_REGION_LEGEND = 24;

export function figureColourBars(s: Store, thresholdLabel: string): FigureColourBar[] {
  return s.overlays
    .filter((o) => o.settings.visible)
    .map((o) => ({
      title: o.info.name,
      colormap: o.settings.colormap,
      threshold: o.settings.posThreshold,
      max: o.settings.max,
      showPos: o.settings.show !== 'negative',
      showNeg: o.settings.show !== 'positive',
      thresholdLabel,
    }));
}

export function figureLegend(
  s: Store,
  titles: { networks: string; regions: string },
  lang: 'en' | 'zh' = 'en',
): {
  title: string | null;
  items: FigureLegendItem[];
} {
  const layers = s.layers.map((l) => layerData.get(l?.key));
  if (s.colourBy === 'network') {
    const items = legendEntries(layers)
      .filter((e) => !s.hiddenNetworks[e.network])
      .map((e) => ({ name: networkName(e.network, lang), colour: e.color }));
    return { title: items.length ? titles.networks : null, items };
  }
  const regions = layers.flatMap((l) => l?.regions ?? []).filter((r) => r.record && !s.hidden[r.key]);
  const shown = s.isolated ? regions.filter((r) => s.isolated?.includes(r.key)) : regions;
  if (shown.length === 0 || shown.length > MAX_REGION_LEGEND) return { title: null, items: [] };
  return {
    title: titles.regions,
    items: shown.map((r) => ({
      name: regionNameIn(s.regionInfo, r.key.slice(0, r.key.lastIndexOf(':')), r, lang),
      colour: r.color,
    })),
  };
}
