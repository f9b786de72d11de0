/**
 * Drawing a set of atlases at once (a brain system, a network atlas, a topographic map) in the app's layer slots:
 * atlases already drawn stay in their slot, the others fill the free slots in order, slots left over are emptied.
 */

/** What drawing needs of the store (the scene slice): the slots, what each holds or is loading, and choosing. */
export interface LayerSlots {
  layers: readonly ({ atlasId: string } | null)[];
  pending: readonly (string | null)[];
  chooseAtlas(slot: number, atlasId: string | null): Promise<void>;
}

/** Which atlas each slot (one per entry of `current`) should hold: `wanted`, the first ones when too many. */
export function placeAtlases(wanted: readonly string[], current: readonly (string | null)[]): (string | null)[] {
  const want = [...new Set(wanted)].slice(0, current.length);
  const plan: (string | null)[] = Array.from({ length: current.length }, (_, i) =>
    current[i] && want.includes(current[i] as string) ? (current[i] as string) : null,
  );
  for (const id of want) {
    if (plan.includes(id)) continue;
    const free = plan.indexOf(null);
    if (free >= 0) plan[free] = id;
  }
  return plan;
}

/** Atlases ordered by how many of `regions` they hold (most first; ties in first-seen order). */
export function atlasesByCount(regions: readonly { atlas: string; value: number | null }[]): string[] {
  const counts = new Map<string, number>();
  for (const r of regions) if (r.value !== null) counts.set(r.atlas, (counts.get(r.atlas) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

/** Draws `wanted` in the layer slots (see placeAtlases) and resolves once each slot has been asked for. */
export async function drawAtlases(get: () => LayerSlots, wanted: readonly string[]): Promise<void> {
  const current = get().layers.map((l, i) => get().pending[i] ?? l?.atlasId ?? null);
  const plan = placeAtlases(wanted, current);
  await Promise.all(
    plan.map((id, slot) => {
      const drawn = get().layers[slot]?.atlasId ?? null;
      // Drawn already, or drawn and being meshed finer (scene-slice.ts): asked for.
      const pending = get().pending[slot];
      if (id === drawn && (!pending || pending === id)) return Promise.resolve();
      return get().chooseAtlas(slot, id);
    }),
  );
}
