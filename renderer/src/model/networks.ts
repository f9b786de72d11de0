/** Network colours: Yeo 7/17 and Gordon canonical colours by name or code, a stable palette colour otherwise. */
import type { Rgb } from '../../../core/io/labels/types';
import { GORDON13, YEO17, YEO7 } from '../../../core/atlas/networks';
import { labelColor } from '../../../core/atlas/palette';
import type { LayerData } from './layer-data';

const KNOWN = new Map<string, { color: Rgb; order: number }>();
[...YEO7, ...YEO17, ...GORDON13].forEach((n, i) => {
  for (const k of [n.name, n.code])
    if (!KNOWN.has(k.toLowerCase())) KNOWN.set(k.toLowerCase(), { color: n.color, order: i });
});

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) % 997;
}

/** Grey for regions that belong to no network, when colouring by network. */
export const NO_NETWORK_COLOR: Rgb = [170, 170, 170];

export function networkColor(network: string | null): Rgb {
  if (!network) return NO_NETWORK_COLOR;
  return KNOWN.get(network.toLowerCase())?.color ?? labelColor(hash(network.toLowerCase()) + 1);
}

export interface LegendEntry {
  network: string;
  color: Rgb;
  regions: number;
}

/** The networks of the drawn layers, canonical Yeo order first, then by name. */
export function legendEntries(layers: (LayerData | undefined)[]): LegendEntry[] {
  const counts = new Map<string, number>();
  for (const l of layers)
    for (const r of l?.regions ?? []) if (r.network) counts.set(r.network, (counts.get(r.network) ?? 0) + 1);
  const order = (n: string) => KNOWN.get(n.toLowerCase())?.order ?? 1e6;
  return [...counts]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([network, regions]) => ({ network, color: networkColor(network), regions }));
}
