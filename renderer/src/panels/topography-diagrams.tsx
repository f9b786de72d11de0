/** Small drawings beside a topographic map's legend: the visual field and a homunculus. Schematic only. */
import type { Rgb } from '../../../core/io/labels/types';
import type { TopographyMap } from '../../../core/api';
import { useT } from '../i18n/index';

const rgb = (c: Rgb) => `rgb(${c.join(',')})`;

/** A disc split at the horizontal meridian: upper half in the upper-field colour (ventral areas), lower in the lower. */
export function VisualFieldDiagram({ map }: { map: TopographyMap }) {
  const t = useT();
  const colour = (id: string) => rgb(map.groups.find((g) => g.id === id)?.color ?? [128, 128, 128]);
  return (
    <svg
      className="diagram"
      width="72"
      height="72"
      viewBox="-36 -36 72 72"
      role="img"
      aria-label={t('visualFieldDiagram')}
    >
      <path d="M -30 0 A 30 30 0 0 1 30 0 Z" fill={colour('upper')} />
      <path d="M -30 0 A 30 30 0 0 0 30 0 Z" fill={colour('lower')} />
      <circle r="30" fill="none" stroke="#333" strokeWidth="1" />
      <line x1="-34" y1="0" x2="34" y2="0" stroke="#333" strokeWidth="1" />
      <text y="-12" textAnchor="middle" fontSize="9" fill="#fff">
        {t('upperField')}
      </text>
      <text y="19" textAnchor="middle" fontSize="9" fill="#fff">
        {t('lowerField')}
      </text>
    </svg>
  );
}

/** The visual hierarchy in the order of the map's levels: "V1 → V2 → V3 → hV4 / V3A / … → …". */
export function hierarchyLine(map: TopographyMap): string {
  const byLevel = new Map<number, string[]>();
  for (const e of map.entries) {
    if (e.level === undefined) continue;
    const name = e.id.replace(/[vd]$/, '');
    const names = byLevel.get(e.level) ?? [];
    if (!names.includes(name)) names.push(name);
    byLevel.set(e.level, names);
  }
  return [...byLevel]
    .sort((a, b) => a[0] - b[0])
    .map(([, names]) => names.join('/'))
    .join(' → ');
}

/**
 * A homunculus drawn as a strip over a hemisphere's outline, medial (top) to lateral (bottom): each body part a
 * band whose length follows its share of cortex (face and hand large, trunk small), in the legend's colours.
 */
export function Homunculus({ map }: { map: TopographyMap }) {
  const t = useT();
  const parts: [string, number][] = [
    ['lower-limb', 14],
    ['trunk', 8],
    ['upper-limb', 26],
    ['head-face', 24],
    ['tongue-larynx', 14],
  ];
  let y = 6;
  return (
    <svg className="diagram" width="90" height="100" viewBox="0 0 90 100" role="img" aria-label={t('homunculus')}>
      <path d="M 8 4 Q 80 6 84 60 Q 70 96 30 96" fill="none" stroke="#999" strokeWidth="1" strokeDasharray="3 2" />
      {parts.map(([id, h]) => {
        const g = map.groups.find((x) => x.id === id);
        const top = y;
        y += h + 3;
        return (
          <g key={id}>
            <rect x={14 + top / 3} y={top} width="22" height={h} rx="3" fill={g ? rgb(g.color) : '#888'} />
            <circle
              cx={48 + top / 3}
              cy={top + h / 2}
              r={Math.min(h / 2, 7)}
              fill={g ? rgb(g.color) : '#888'}
              opacity="0.6"
            />
          </g>
        );
      })}
    </svg>
  );
}
