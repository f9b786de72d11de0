/**
 * Sentences that arrive in English from the engine or the catalog (the CLI prints them as they are), shown in the
 * app's language where their form is known: a few fixed forms, matched whole, their numbers, names and licence
 * identifiers carried over unchanged. Anything else is shown as it came: better English than a guess.
 */
import type { MessageKey } from './en';
import { translate } from './index';
import type { Lang } from './lang';

interface Form {
  pattern: RegExp;
  key: MessageKey;
  /** The slots of `key`, in the order of the pattern's groups. */
  slots: readonly string[];
  /** Slots that are counts (they pick the plural form). */
  counts?: readonly string[];
}

function render(forms: readonly Form[], text: string, lang: Lang): string {
  for (const f of forms) {
    const m = f.pattern.exec(text);
    if (!m) continue;
    const vars: Record<string, string | number> = {};
    f.slots.forEach((slot, i) => {
      vars[slot] = f.counts?.includes(slot) ? Number(m[i + 1]) : m[i + 1];
    });
    return translate(lang, f.key, vars);
  }
  return text;
}

/**
 * core/maps/stat-map.ts toStatMap's and core/io/nifti/decode.ts decodeNifti's warnings on a map (MapInfo.warnings).
 */
const MAP_WARNINGS: readonly Form[] = [
  {
    pattern: /^(\d+) voxels? hold NaN or infinity and are treated as missing$/,
    key: 'mapMissingVoxels',
    slots: ['n'],
    counts: ['n'],
  },
  {
    pattern: /^(.+) is named \.gz but is not compressed; read as a plain \.nii$/,
    key: 'mapGzNotCompressed',
    slots: ['file'],
  },
];

/** A map's warning in `lang`. */
export function mapWarningText(warning: string, lang: Lang): string {
  return render(MAP_WARNINGS, warning, lang);
}

/**
 * Catalog licence lines of a known form (scripts/catalog/*.json `license`): "FreeSurfer data (licence unknown per
 * nilearn); copies from nilearn (BSD-3-Clause) and DPABI (LGPL-2.1)". Names and SPDX identifiers stay as they are.
 */
const LICENCES: readonly Form[] = [
  {
    pattern:
      /^(.+?) data \(licence unknown per ([^)]+)\); copies from ([^()]+?) \(([^)]+)\) and ([^()]+?) \(([^)]+)\)$/,
    key: 'licenceUnknownWithCopies',
    slots: ['owner', 'source', 'copyA', 'licenceA', 'copyB', 'licenceB'],
  },
];

/** A catalog licence line in `lang`. */
export function licenceText(licence: string, lang: Lang): string {
  return render(LICENCES, licence, lang);
}

const SPACE_WHAT: Record<string, MessageKey> = {
  'Talairach space, not MNI': 'spaceTalairach',
  'scanner space, not a standard space': 'spaceScanner',
  'not a standard space': 'spaceNotStandard',
};

const DEGENERATE_WHY: Record<string, MessageKey> = {
  'not finite or not invertible': 'spaceNotFiniteOrInvertible',
  'not finite': 'spaceNotFinite',
  'not invertible': 'spaceNotInvertible',
  'its voxel volume is past any number': 'spaceVolumeTooLarge',
};

/**
 * core/maps/stat-map.ts headerSpaceWarning's sentence (MapInfo.spaceWarning) in `lang`. The header's own terms
 * (sform_code 3 (Talairach), sform, qform) stay as they are.
 */
export function spaceWarningText(warning: string, lang: Lang): string {
  if (warning === translate('en', 'spaceNoTransform')) return translate(lang, 'spaceNoTransform');
  const says = /^the header says (.+?): (.+); coordinates and region names may be wrong$/.exec(warning);
  if (says && SPACE_WHAT[says[1]]) {
    return translate(lang, 'spaceHeaderSays', { what: translate(lang, SPACE_WHAT[says[1]]), codes: says[2] });
  }
  const degenerate = /^(.+): using the voxel sizes instead, so coordinates and region names are not MNI$/.exec(warning);
  if (degenerate) {
    const parts = degenerate[1].split(' and ').map((part) => {
      const m = /^the (sform|qform) \(code (\d+)\) is degenerate \((.+)\)$/.exec(part);
      const why = m && DEGENERATE_WHY[m[3]];
      return m && why
        ? translate(lang, 'spaceDegeneratePart', { which: m[1], code: m[2], why: translate(lang, why) })
        : null;
    });
    if (parts.every((p) => p !== null) && parts.length <= 2) {
      const joined =
        parts.length === 2 ? translate(lang, 'spaceDegenerateAnd', { first: parts[0], second: parts[1] }) : parts[0];
      return translate(lang, 'spaceDegenerate', { parts: joined });
    }
  }
  return warning;
}
