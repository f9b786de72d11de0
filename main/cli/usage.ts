/** The usage text of `brain-atlas` (--help), and a command's own lines of it (after a usage error). */
import { DEFAULT_MESH_SETTINGS } from '../../core/mesh/types';

export const USAGE = `brain-atlas — human brain atlases on the command line

Usage:
  brain-atlas list [--json]
  brain-atlas fetch ID... [--res N]
  brain-atlas regions ID [--res N] [--variant V] [--json|--csv]
  brain-atlas regions --file VOLUME [--labels TABLE] [--json|--csv]
  brain-atlas query X Y Z [--atlas ID,...] [--res N] [--variant V] [--json]
  brain-atlas query --coords FILE [--atlas ID,...] [--res N]
  brain-atlas overlap ID REGION [--with ID,...] [--res N] [--json]   (REGION: value or name)
  brain-atlas inspect FILE
  brain-atlas mesh ID --out FILE.glb|.obj|.stl [--res N] [--variant V] [--regions V,...] [--smooth K]
                 [--detail fine|standard]
  brain-atlas clusters MAP [--threshold T] [--two-sided | --sign positive|negative|both]
                       [--min-voxels K | --min-mm3 V] [--connectivity 6|18|26] [--frame N]
                       [--atlas ID,...] [--json|--csv]
  brain-atlas sample MAP (--coords FILE | X Y Z) [--frame N] [--interp nearest|linear] [--json]
  brain-atlas project MAP --hemi left|right [--surface fsaverage5] [--frame N] [--json|--out F.gii]
  brain-atlas quiz --atlas ID --seed S [--count N] [--res N] [--json]
                   [--pool all|left|right|network:NAME|lobe:LOBE|tour:ID]
  brain-atlas systems [NAME] [--json]
  brain-atlas networks ID [REGION] [--res N] [--variant V] [--json]
  brain-atlas scene new --out S.brainscene.json [--atlas ID,...] [--res N] [--map FILE,...]
                        [--threshold T] [--view VIEW] [--layout current|four|six|slices|lightbox]
                        [--slices N] [--slice-orientation axial|coronal|sagittal] [--label KEY,...]
                        [--format png|svg|pdf] [--width W] [--height H] [--dpi D] [--transparent]
                        [--lang en|zh]   (VIEW: left-|right-lateral, left-|right-medial,
                        superior, inferior, anterior, posterior)
  brain-atlas scene check S.brainscene.json
  brain-atlas render S.brainscene.json --out FIG.png|.svg|.pdf [--width W] [--height H] [--dpi D]
                     [--transparent]

Atlas files are looked for in BRAIN_ATLAS_CACHE, then each folder of BRAIN_ATLAS_PATH,
then downloaded (from BRAIN_ATLAS_MIRROR when set). --res picks a variant by voxel size
(default: the finest); --variant picks one by id where two share a size (see list --json).
mesh writes region surfaces: .glb (glTF, metres, one named node per region), .obj with a
.mtl beside it (mm), .stl (mm, no names or colours); --regions takes label values and
--smooth the number of smoothing iterations (default ${DEFAULT_MESH_SETTINGS.smoothIterations}, 0 for no smoothing);
--detail fine (the default, except with --smooth 0) splits each quad in four once more (Catmull-Clark):
smoother, 4× the triangles; --detail standard is as dense as the file, like the app's view.
clusters finds the clusters of a statistical map on its own grid (voxels with v > T, or v < -T
with --sign negative; default T 0, 26-connectivity) and names the regions at each peak and what
each cluster covers in every labels atlas on this machine (or those of --atlas). sample prints
the map's value at points (MNI mm; nearest voxel, or trilinear with --interp linear).
project gives a map's values on the fsaverage5 cortical surface (--hemi lh and rh work too): at each vertex
the mean of 10 trilinear samples from the white to the pial surface (missing where a voxel is NaN or off the grid;
null when all are), as a JSON array in vertex order (--json), a GIFTI file (--out) or a summary. fsaverage is not MNI152:
projecting an MNI volume onto it is an approximation (registration fusion, Wu et al. 2018, is the precise method).
quiz prints the questions of a region quiz (the region asked and four names to choose from) in the order the
window's Quiz asks them for the same atlas variant, pool and seed (--count, default 10).
systems lists the brain systems (visual, auditory, …) and their regions; networks lists the
functional networks of an atlas (yeo-7, schaefer-400-7, gordon-333, shen-268) and their regions,
or, given a REGION, how it is shared among the Yeo 7 and 17 networks.
scene new writes a scene file for figures: atlases on this machine (the finest variant, or --res),
maps named relative to the scene file with their sha256 (shown from |value| T, default 3.1), the
camera view and the figure's size and layout (slices: the 3D view with the axial, coronal and sagittal
slices through the cursor; lightbox: --slices N slices of --slice-orientation, default 12 axial) and
the regions to label in the 3D views (--label aal3:1,aal3:69: names with leader lines);
scene check lists what a scene file names that is missing or has
changed since it was saved (exit 1 when anything is). render draws a scene file's figure without a
window, in a Chromium or Chrome found on this machine (or BRAIN_ATLAS_CHROMIUM) with software WebGL,
by the same code as the window's Export figure.
See README.md.`;

/** The line that points to the full usage, after a usage error. */
export const HELP_HINT = 'run brain-atlas --help for every command and option';

/**
 * The lines of the usage's synopsis for `command` (its entries and their continuation lines), with "usage:" before
 * the first; for `scene` only the entries of the subcommand `sub` when it names one. Empty for an unknown command.
 */
export function commandUsage(command: string, sub?: string): string[] {
  const entries: string[][] = [];
  const synopsis = USAGE.slice(USAGE.indexOf('Usage:\n') + 7, USAGE.indexOf('\n\n', USAGE.indexOf('Usage:')));
  for (const line of synopsis.split('\n')) {
    if (line.startsWith('  brain-atlas ')) entries.push([line]);
    else if (entries.length > 0) entries[entries.length - 1].push(line);
  }
  const words = (e: string[]) => e[0].trim().split(/\s+/);
  let mine = entries.filter((e) => words(e)[1] === command);
  const bySub = mine.filter((e) => words(e)[2] === sub);
  if (bySub.length > 0) mine = bySub;
  // "  brain-atlas …" becomes "usage: brain-atlas …" (5 more columns) the first time, "       brain-atlas …" after.
  return mine.flat().map((line, i) => (i === 0 ? `usage:${line.slice(1)}` : `     ${line}`));
}
