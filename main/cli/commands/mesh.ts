/** `brain-atlas mesh`: writes an atlas's region surfaces as .glb, .obj (+ .mtl) or .stl. */
import { basename, extname } from 'node:path';
import type { AtlasSummary } from '../../../core/api';
import { AtlasError, formatCount } from '../../../core/errors';
import { type GlbLayout, glbChunks, glbLayout } from '../../../core/mesh/export-gltf';
import { exportObj } from '../../../core/mesh/export-obj';
import { formatValueRanges, regionMeshesOf, selectRegions, selectionSize } from '../../../core/mesh/export-regions';
import { exportStl } from '../../../core/mesh/export-stl';
import {
  DEFAULT_MESH_DETAIL,
  MESH_DETAILS,
  type MeshDetail,
  type RegionMeshes,
  type RegionSpan,
  meshDetailOf,
} from '../../../core/mesh/types';
import { bundledWorker } from '../../workers/session-worker';
import { TwoThreadMesher } from '../../workers/two-thread-mesher';
import { startMeshHelper, takePrestartedMeshing } from '../mesh-prestart';
import { UsageError, parseRes } from '../args';
import type { CliCommand, CliIo } from '../command';
import { splitList } from '../options';
import { type ByteChunks, checkOutputPaths, writeFilesAtomically } from '../write-files';

export const meshCommand: CliCommand = {
  options: ['res', 'variant', 'regions', 'out', 'smooth', 'detail'],
  async run({ io, rest, args, makeService }) {
    // The helper thread the command line's entry started for this command (mesh-prestart.ts), if it did.
    const started = takePrestartedMeshing();
    const script = bundledWorker('mesh-helper');
    let mesher: TwoThreadMesher | null = started && new TwoThreadMesher(script, started);
    const close = async () => {
      const closing = mesher;
      mesher = null;
      await closing?.close();
    };
    try {
      return await meshOrCached(
        { io, rest, args, makeService },
        {
          // Else the helper thread starts loading now, and touches the meshing memory's pages while the atlas is read.
          mesher: () => (mesher ??= new TwoThreadMesher(script, startMeshHelper(script))),
          // A cached mesh needs none: a helper started ahead stops touching pages now.
          notNeeded: close,
        },
      );
    } finally {
      await close();
    }
  },
};

/**
 * The command: with the two-thread mesher `meshing.mesher()` gives, asked for only when the mesh is not cached, else
 * `meshing.notNeeded()` first.
 */
async function meshOrCached(
  { io, rest, args, makeService }: Parameters<CliCommand['run']>[0],
  meshing: { mesher: () => TwoThreadMesher; notNeeded: () => Promise<void> },
): Promise<number> {
  if (rest.length !== 1) throw new UsageError('mesh needs one atlas id');
  const out = args.values.get('out');
  if (!out) throw new UsageError('mesh needs --out FILE ending in .glb, .obj or .stl');
  const format = meshFormat(out);
  if (!format) throw new UsageError(`--out must end in .glb, .obj or .stl, got "${basename(out)}"`);
  const a: MeshArgs = {
    id: rest[0],
    out,
    format,
    res: parseRes(args.values.get('res')),
    variant: args.values.get('variant'),
    regions: parseRegionValues(args.values.get('regions')),
    smooth: parseSmooth(args.values.get('smooth')),
    detail: parseDetail(args.values.get('detail')),
  };
  // Before the atlas is read and meshed: a folder that is not there would otherwise be found only at the end.
  await checkOutputPaths(format === 'obj' ? [mtlPathOf(out), out] : [out]);
  const service = await makeService();
  const req = { id: a.id, res: a.res, variant: a.variant };
  const settings = {
    ...service.meshSettings,
    ...(a.smooth === undefined ? {} : { smoothIterations: a.smooth }),
    detail: a.detail ?? exportDetail(a.smooth),
  };
  // A mesh the app has cached is used as it is (known from the catalog, before the atlas is read).
  const cached = await service.cachedMeshSet(req, settings);
  if (cached) {
    await meshing.notNeeded();
    return writeMesh(await service.openAtlas(req), regionMeshesOf(cached), io, a);
  }
  const mesher = meshing.mesher();
  const summary = await service.openAtlas(req);
  // Meshed here (this thread and a helper), not in the session's worker: this process waits for the mesh anyway;
  // and not cached (encoding and writing it would cost this process more than half the meshing again). The whole
  // mesh set (141 MB for AAL3 at fine detail, whose fresh pages cost this process about 0.4 s) is never made: a
  // .glb's regions are written straight to their places in the file by both threads, the others' one at a time.
  const { volume } = await service.labelVolume(req);
  if (a.format === 'glb') {
    let layout: GlbLayout | null = null;
    await writeFilesAtomically([
      {
        path: a.out,
        write: (fd) => {
          layout = mesher.writeGlb(volume, settings, (regions) => glbLayoutFor(summary, regions, a), fd);
        },
      },
    ]);
    const written = layout as GlbLayout | null;
    return reportWritten(io, a, written?.parts ?? [], written?.byteLength ?? 0);
  }
  return await writeMesh(summary, mesher.meshRegions(volume, settings), io, a);
}

type MeshFormat = 'glb' | 'obj' | 'stl';

function meshFormat(file: string): MeshFormat | null {
  const ext = extname(file).toLowerCase();
  return ext === '.glb' ? 'glb' : ext === '.obj' ? 'obj' : ext === '.stl' ? 'stl' : null;
}

/** The material library written beside an .obj: its name with .mtl for .obj. */
function mtlPathOf(objPath: string): string {
  return objPath.slice(0, objPath.length - extname(objPath).length) + '.mtl';
}

function parseRegionValues(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = splitList(value);
  if (parts.length === 0 || !parts.every((p) => /^\d+$/.test(p))) {
    throw new UsageError(`--regions needs label values such as 1,2,41, got "${value}"`);
  }
  return parts.map(Number);
}

function parseSmooth(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 1000)
    throw new UsageError(`--smooth needs a number of iterations from 0 to 1000, got "${value}"`);
  return Number(value);
}

/**
 * The detail a file is written at unless --detail says: the app's (fine: smooth surfaces); standard for the raw
 * surface (--smooth 0), which subdividing would only make denser.
 */
function exportDetail(smooth: number | undefined): MeshDetail {
  return smooth === 0 ? 'standard' : DEFAULT_MESH_DETAIL;
}

function parseDetail(value: string | undefined): MeshDetail | undefined {
  if (value === undefined) return undefined;
  const detail = meshDetailOf(value);
  if (!detail) throw new UsageError(`--detail needs ${MESH_DETAILS.join(' or ')}, got "${value}"`);
  return detail;
}

interface MeshArgs {
  id: string;
  out: string;
  format: MeshFormat;
  res?: number;
  variant?: string;
  regions?: number[];
  smooth?: number;
  detail?: MeshDetail;
}

/** Refuses --regions values that are not among the meshed regions. */
function checkRegions(a: MeshArgs, regions: readonly RegionSpan[]): void {
  if (!a.regions) return;
  const have = new Set(regions.map((r) => r.value));
  const unknown = [...new Set(a.regions)].filter((v) => !have.has(v));
  if (unknown.length > 0)
    throw new AtlasError(
      'not-found',
      `${a.id} has no region with value ${unknown.join(', ')}; valid values: ${formatValueRanges([...have])}`,
    );
}

/** The scene's (.glb) or file's (.obj) title. */
function fileTitle(summary: AtlasSummary, a: MeshArgs): string {
  return `${summary.name} (${a.id}, ${summary.variant})`;
}

/** The .glb's layout for the regions meshed (those --regions names). */
function glbLayoutFor(summary: AtlasSummary, regions: RegionSpan[], a: MeshArgs): GlbLayout {
  checkRegions(a, regions);
  return glbLayout(regions, summary.regions, { regions: a.regions, name: fileTitle(summary, a) });
}

/** Writes the mesh's regions (all, or those --regions names) to the file(s) asked for. */
async function writeMesh(summary: AtlasSummary, meshes: RegionMeshes, io: CliIo, a: MeshArgs): Promise<number> {
  checkRegions(a, meshes.regions);
  const selection = selectRegions(meshes.regions, summary.regions, a.regions);
  const files: { path: string; bytes: Uint8Array | ByteChunks }[] = [];
  if (a.format === 'glb') {
    // Written as it is made, region by region.
    files.push({
      path: a.out,
      bytes: glbChunks(meshes, summary.regions, { regions: a.regions, name: fileTitle(summary, a) }),
    });
  } else if (a.format === 'stl') {
    files.push({ path: a.out, bytes: exportStl(meshes, summary.regions, { regions: a.regions, title: a.id }) });
  } else {
    const mtlPath = mtlPathOf(a.out);
    const { obj, mtl } = exportObj(meshes, summary.regions, {
      regions: a.regions,
      mtlFileName: basename(mtlPath),
      title: fileTitle(summary, a),
    });
    // The material library first, so an .obj never points at a missing one.
    files.push({ path: mtlPath, bytes: mtl }, { path: a.out, bytes: obj });
  }
  await writeFilesAtomically(files);
  const extra = files.length > 1 ? ` (+ ${files[0].path})` : '';
  return reportWritten(io, a, selection, files[files.length - 1].bytes.byteLength, extra);
}

/** The line that says what was written. */
function reportWritten(
  io: CliIo,
  a: MeshArgs,
  selection: readonly { range: RegionSpan }[],
  bytes: number,
  extra = '',
): number {
  const { triangles, vertices } = selectionSize(selection);
  io.out(
    `${a.id}: ${selection.length} region${selection.length === 1 ? '' : 's'}, ${formatCount(triangles)} triangles, ${formatCount(vertices)} vertices, ` +
      `${formatCount(bytes)} bytes -> ${a.out}${extra}`,
  );
  return 0;
}
