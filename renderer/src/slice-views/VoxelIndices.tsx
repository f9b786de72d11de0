import type { Vec3 } from '../../../core/api';
import { useT } from '../i18n/index';
import { useSliceStore } from './slice-store';
import { sliceTemplate, voxelOf } from './template-source';

/** A point's voxel indices (i, j, k) on the template grid the slices show: the nearest voxel, as lookups round. */
export function VoxelIndices({ point }: { point: Vec3 | null }) {
  const t = useT();
  const template = sliceTemplate.get(useSliceStore((s) => s.template.key));
  if (!point || !template) return null;
  const ijk = voxelOf({ dims: template.image.dims, inverse: template.inverse }, point);
  return (
    <p className="muted voxel-indices">
      {t('voxelIndices')}: <span data-field="voxel">{ijk ? ijk.join(', ') : t('outsideGrid')}</span>
    </p>
  );
}
