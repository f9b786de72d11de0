/** Short texts of a cluster's atlas facts for the report table (the exports hold the full rows of the engine). */
import { formatMapValue } from '../model/point-map-values';
import type { Vec3 } from '../../../core/api';
import { type ClusterJson, peakRegionText } from '../../../core/maps/cluster-report';

type AtlasFacts = ClusterJson['atlases'][string];

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d || 0;

export const fmtXyz = (p: Vec3, digits = 1) => p.map((v) => String(round(v, digits))).join(', ');

/** How a region's name is written: as the atlas has it, or in the app's language (i18n/names.ts useRegionName). */
type NameOf = (name: string) => string;
const asIs: NameOf = (name) => name;

/** "Precentral_L", "~Precentral_L (3.2 mm)" for the nearest region to a peak outside every region, else "–". */
export const peakRegion = (a: AtlasFacts | undefined, nameOf: NameOf = asIs): string =>
  a ? peakRegionText(a, '–', nameOf) : '–';

/** The largest `limit` shares: "61.25% Precentral_L; 20% Postcentral_L". */
export function topComposition(a: AtlasFacts | undefined, limit = 3, nameOf: NameOf = asIs): string {
  if (!a) return '';
  const parts = a.composition.slice(0, limit).map((s) => `${s.percent}% ${s.name ? nameOf(s.name) : s.value}`);
  if (a.composition.length > limit) parts.push(`+${a.composition.length - limit}`);
  return parts.join('; ');
}

/**
 * A cluster's sub-peaks: "4.823 (-38, -20, 54); 3.1 (-30, -24, 60)", values as people read them (formatMapValue:
 * the report keeps float32's seven digits, 5.000001, which the table need not show).
 */
export function subpeaksText(c: ClusterJson): string {
  return c.subpeaks.map((s) => `${formatMapValue(s.value)} (${fmtXyz(s.xyz)})`).join('; ');
}
