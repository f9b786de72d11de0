/**
 * Loading one catalog atlas variant from its files: a coordinate table, a template image, or a label volume (one
 * file, or one per hemisphere merged) with its table, networks, names from the catalog or another variant, and
 * probability maps. The atlas service finds the files and caches what this returns.
 */
import { identity, mat4 } from '../../core/affine';
import { buildAtlas, namesByOverlap } from '../../core/atlas/atlas';
import { type HemisphereFile, mergeHemispheres, sidedTable } from '../../core/atlas/hemisphere-files';
import { toLabelVolume } from '../../core/atlas/label-volume';
import { nameCodedNetworks } from '../../core/atlas/network-atlases';
import { assignNetworks } from '../../core/atlas/networks';
import { type ProbabilitySet, buildProbabilitySet } from '../../core/atlas/probability';
import type { CatalogAtlas, CatalogFile, CatalogVariant } from '../../core/catalog/types';
import { AtlasError } from '../../core/errors';
import { parseCoordinates } from '../../core/io/coordinates';
import { parseLabelTable } from '../../core/io/labels/detect';
import type { LabelTable } from '../../core/io/labels/types';
import type { Loaded } from './loaded-variant';
import { readBytes, readVolume } from './volume-io';

export interface VariantFiles {
  atlas: CatalogAtlas;
  variant: CatalogVariant;
  /** Where each of the variant's files is on disk (all present). */
  pathOf: (f: CatalogFile) => string;
  maxBytes: number | undefined;
  /** Another variant of the same atlas, loaded (for namesFromVariant). */
  loadVariant: (variantId: string) => Promise<Loaded>;
}

export async function loadVariantFiles(ctx: VariantFiles): Promise<Loaded> {
  const { atlas, variant, pathOf, maxBytes } = ctx;
  const byRole = (role: CatalogFile['role']) => variant.files.filter((f) => f.role === role);

  if (atlas.kind === 'coordinates') {
    const file = byRole('coordinates')[0];
    if (!file) throw new AtlasError('corrupt', `catalog atlas '${atlas.id}' has no coordinates file`);
    const rois = parseCoordinates(await readBytes(pathOf(file)), file.name);
    const table = byRole('labeltable')[0];
    if (table) {
      const names = await readTable(pathOf(table), table.name);
      const byValue = new Map(names.entries.map((e) => [e.value, e]));
      for (const r of rois) {
        const e = byValue.get(r.value);
        if (e && !r.name) r.name = e.name;
        if (e?.network && !r.network) r.network = e.network;
      }
    }
    return { type: 'coordinates', rois };
  }

  if (atlas.kind === 'template' || atlas.kind === 'surface' || byRole('labels').length === 0) {
    const main = byRole('template')[0] ?? byRole('mask')[0];
    if (!main) return { type: 'image', dims: [0, 0, 0], affine: identity(), warnings: [] };
    const img = await readVolume(pathOf(main), { maxBytes: maxBytes, frame: 0 });
    return { type: 'image', dims: img.dims, affine: img.header.affine, warnings: img.warnings };
  }

  const sides: HemisphereFile[] = [];
  const volumeWarnings: string[] = [];
  for (const file of byRole('labels')) {
    const img = await readVolume(pathOf(file), { maxBytes: maxBytes });
    if (variant.affine)
      img.header = { ...img.header, affine: mat4([...variant.affine, 0, 0, 0, 1]), affineSource: 'catalog' };
    volumeWarnings.push(...img.warnings);
    const side = { volume: toLabelVolume(img, file.name), fileName: file.name };
    sides.push({ ...side, hemisphere: file.hemisphere ?? 'left', offset: file.valueOffset ?? 0 });
  }
  const hemisphereFiles = byRole('labels').some((f) => f.hemisphere);
  let volume = sides[0].volume;
  if (hemisphereFiles) {
    const merged = mergeHemispheres(sides);
    volume = merged.volume;
    volumeWarnings.push(...merged.warnings);
  }
  let table: LabelTable | null = null;
  const tableFile = byRole('labeltable')[0];
  if (tableFile) {
    const colorFile = byRole('colortable')[0];
    const lut = colorFile ? await readBytes(pathOf(colorFile)) : undefined;
    table = await readTable(pathOf(tableFile), tableFile.name, lut);
    table = nameCodedNetworks(atlas.id, table); // shen-268: Finn 2015's network codes 1-8 as names
  }
  if (hemisphereFiles) table = sidedTable(table, sides);
  const assignmentFile = byRole('network-assignment')[0];
  const networkNamesFile = byRole('network-names')[0];
  if (table && assignmentFile && networkNamesFile) {
    const assigned = assignNetworks(
      table,
      await readTable(pathOf(assignmentFile), assignmentFile.name),
      await readTable(pathOf(networkNamesFile), networkNamesFile.name),
    );
    table = { ...assigned.table, warnings: [...assigned.table.warnings, ...assigned.warnings] };
  }
  if (variant.labelNames) {
    table = {
      format: 'catalog',
      entries: variant.labelNames.map((n) => ({ value: n.value, name: n.name })),
      warnings: [],
    };
  }
  if (variant.namesFromVariant) {
    const source = await ctx.loadVariant(variant.namesFromVariant);
    if (source.type !== 'labels') {
      throw new AtlasError('corrupt', `catalog atlas '${atlas.id}': names come from a variant without labels`);
    }
    const names = namesByOverlap(volume, source.atlas);
    const sourceRegions = new Map([...source.atlas.regions].map((r) => [r.name, r]));
    table = {
      format: table?.format ?? 'node-list',
      entries: [...names].map(([value, name]) => ({ value, name, color: sourceRegions.get(name)?.color })),
      warnings: [
        `names taken from the ${variant.namesFromVariant} variant by overlap (this file's own label order differs)`,
      ],
    };
  }
  const loaded = buildAtlas({ volume, table, yeoNetworks: yeoNetworksOf(atlas) });
  loaded.warnings.unshift(...volumeWarnings);

  let probabilities: ProbabilitySet | null = null;
  const probFiles = byRole('probability');
  if (probFiles.length > 0) {
    const parts = [];
    // In a set of one map per region, a map without a value has no label to belong to (Wang 2015's left IPS5).
    const perRegion = probFiles.some((f) => f.value !== undefined);
    for (const f of probFiles) {
      if (perRegion && f.value === undefined) continue;
      const pimg = await readVolume(pathOf(f), { maxBytes: maxBytes });
      if (f.value !== undefined) {
        parts.push({ img: pimg, value: f.value, name: loaded.names.get(f.value) ?? null, fileName: f.name });
      } else {
        // One 4D file: frame i holds the region of value i + 1 (FSL's convention).
        for (let frame = 0; frame < pimg.frames; frame++) {
          parts.push({
            img: pimg,
            value: frame + 1,
            name: loaded.names.get(frame + 1) ?? null,
            frame,
            fileName: f.name,
          });
        }
      }
    }
    probabilities = buildProbabilitySet(parts);
  }
  return { type: 'labels', atlas: loaded, probabilities };
}

async function readTable(path: string, name: string, colorLut?: Uint8Array): Promise<LabelTable> {
  return parseLabelTable(await readBytes(path), { fileName: name, colorLut });
}

function yeoNetworksOf(atlas: CatalogAtlas): 7 | 17 | undefined {
  return atlas.id === 'yeo-7' ? 7 : atlas.id === 'yeo-17' ? 17 : undefined;
}
