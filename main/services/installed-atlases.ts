/**
 * Atlases already installed on this machine, listed beside the catalog: FSL's atlases ($FSLDIR/data/atlases/*.xml)
 * and the label volumes and templates of Debian's MRIcron package.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CatalogAtlas, CatalogFile, CatalogVariant } from '../../core/catalog/types';
import { decodeText } from '../../core/io/text';
import { readBytes } from './volume-io';

export interface InstalledAtlas {
  atlas: CatalogAtlas;
  origin: 'fsl' | 'mricron';
  /** Where each file of the atlas's variants lies. */
  paths: Map<CatalogFile, string>;
}

export interface InstalledSearch {
  /** Folders holding FSL atlas XML files. */
  fslAtlasDirs: string[];
  /** Folders holding MRIcron templates (.nii/.nii.gz, with .nii.txt label lists for atlases). */
  mricronDirs: string[];
}

export function installedSearchFromEnv(env: NodeJS.ProcessEnv = process.env): InstalledSearch {
  const fslDirs = [env.FSLDIR, '/usr/local/fsl', '/usr/share/fsl', '/opt/fsl']
    .filter((d): d is string => Boolean(d))
    .map((d) => join(d, 'data', 'atlases'));
  return {
    fslAtlasDirs: [...new Set(fslDirs)],
    mricronDirs: ['/usr/share/mricron/templates', '/usr/lib/mricron/templates', '/usr/share/mricron'],
  };
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function resolutionOf(name: string): number {
  const m = /(\d+(?:\.\d+)?)\s*mm/i.exec(name);
  return m ? Number(m[1]) : 1;
}

function localFile(path: string, role: CatalogFile['role'], bytes: number, folder: string): CatalogFile {
  // Installed files are used where they lie: no checksum to hold them to, no URL to fetch them from.
  return { name: basename(path), folder, role, bytes, sha256: '', url: null };
}

function tag(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'i').exec(xml);
  return m ? m[1].trim() : null;
}

async function niftiPath(base: string): Promise<string | null> {
  for (const ext of ['.nii.gz', '.nii', '']) {
    if ((await sizeOf(base + ext)) !== null) return base + ext;
  }
  return null;
}

/** FSL atlases: one XML per atlas, naming a label or 4D probability image (and a summary image) per resolution. */
export async function findFslAtlases(dirs: string[]): Promise<InstalledAtlas[]> {
  const out: InstalledAtlas[] = [];
  for (const dir of dirs) {
    for (const entry of (await listDir(dir)).filter((f) => f.toLowerCase().endsWith('.xml')).sort()) {
      const xmlPath = join(dir, entry);
      let xml: string;
      try {
        xml = decodeText(await readBytes(xmlPath), entry).text;
      } catch {
        continue; // unreadable: not ours to complain about
      }
      if (!/<atlas[\s>]/i.test(xml)) continue;
      const name = tag(xml, 'name') ?? entry.replace(/\.xml$/i, '');
      const probabilistic = /probabilistic/i.test(tag(xml, 'type') ?? '');
      const xmlBytes = (await sizeOf(xmlPath)) ?? 0;
      const paths = new Map<CatalogFile, string>();
      const variants: CatalogVariant[] = [];
      for (const block of xml.match(/<images>[\s\S]*?<\/images>/gi) ?? []) {
        const image = tag(block, 'imagefile');
        const summary = tag(block, 'summaryimagefile');
        if (!image) continue;
        const imagePath = await niftiPath(join(dir, image.replace(/^\/+/, '')));
        const summaryPath = summary ? await niftiPath(join(dir, summary.replace(/^\/+/, ''))) : null;
        if (!imagePath || (probabilistic && !summaryPath)) continue;
        const folder = basename(dirname(imagePath));
        const files: CatalogFile[] = [];
        const add = (p: string, role: CatalogFile['role'], bytes: number) => {
          const f = localFile(p, role, bytes, folder);
          paths.set(f, p);
          files.push(f);
        };
        if (probabilistic && summaryPath) {
          add(summaryPath, 'labels', (await sizeOf(summaryPath)) ?? 0);
          add(imagePath, 'probability', (await sizeOf(imagePath)) ?? 0);
        } else {
          add(imagePath, 'labels', (await sizeOf(imagePath)) ?? 0);
        }
        add(xmlPath, 'labeltable', xmlBytes);
        const res = resolutionOf(basename(imagePath));
        variants.push({ id: `${res}mm`, resolutionMm: res, files });
      }
      if (variants.length === 0) continue;
      variants.sort((a, b) => a.resolutionMm - b.resolutionMm);
      out.push({
        origin: 'fsl',
        paths,
        atlas: {
          id: `fsl-${slug(entry.replace(/\.xml$/i, ''))}`,
          name: `${name} (FSL)`,
          family: 'fsl',
          year: 0,
          citation: `Installed with FSL: ${xmlPath}`,
          doi: null,
          license: 'FSL licence (see $FSLDIR/LICENCE)',
          space: 'MNI152',
          kind: probabilistic ? 'probabilistic' : 'labels',
          description: `${name}, found in ${dir}.`,
          variants: dedupeVariants(variants),
        },
      });
    }
  }
  return out;
}

function dedupeVariants(variants: CatalogVariant[]): CatalogVariant[] {
  const seen = new Set<string>();
  return variants.filter((v) => (seen.has(v.id) ? false : (seen.add(v.id), true)));
}

/** MRIcron templates: a volume with an .nii.txt label list beside it is a labels atlas, else a template. */
export async function findMricronAtlases(dirs: string[]): Promise<InstalledAtlas[]> {
  const out: InstalledAtlas[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const entries = await listDir(dir);
    for (const entry of entries.filter((f) => /\.nii(\.gz)?$/i.test(f)).sort()) {
      const base = entry.replace(/\.nii(\.gz)?$/i, '');
      const id = `mricron-${slug(base)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const volumePath = join(dir, entry);
      const paths = new Map<CatalogFile, string>();
      const files: CatalogFile[] = [];
      const add = async (name: string, role: CatalogFile['role']) => {
        const p = join(dir, name);
        const bytes = await sizeOf(p);
        if (bytes === null) return false;
        const f = localFile(p, role, bytes, basename(dir));
        paths.set(f, p);
        files.push(f);
        return true;
      };
      const hasTable = entries.includes(`${base}.nii.txt`);
      await add(entry, hasTable ? 'labels' : 'template');
      if (hasTable) {
        await add(`${base}.nii.txt`, 'labeltable');
        await add(`${base}.nii.lut`, 'colortable');
      }
      out.push({
        origin: 'mricron',
        paths,
        atlas: {
          id,
          name: `${base} (MRIcron)`,
          family: 'mricron',
          year: 0,
          citation: `Installed with MRIcron: ${volumePath}`,
          doi: null,
          license: 'see the MRIcron package',
          space: 'MNI',
          kind: hasTable ? 'labels' : 'template',
          description: `${base}, found in ${dir}.`,
          variants: [{ id: `${resolutionOf(entry)}mm`, resolutionMm: resolutionOf(entry), files }],
        },
      });
    }
  }
  return out;
}

export async function findInstalledAtlases(
  search: InstalledSearch = installedSearchFromEnv(),
): Promise<InstalledAtlas[]> {
  return [...(await findFslAtlases(search.fslAtlasDirs)), ...(await findMricronAtlases(search.mricronDirs))];
}
