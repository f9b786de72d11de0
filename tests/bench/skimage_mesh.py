"""Reference for `npm run bench:mesh`: per-region meshes of a label volume with scikit-image.

Loads the NIfTI with nibabel, finds each label's bounding box (scipy.ndimage.find_objects), runs
skimage.measure.marching_cubes on the region's binary mask padded by one voxel (no smoothing), maps the
vertices to world mm with the affine, and writes all regions to an uncompressed .npz (the counterpart of the
.glb the CLI writes). Prints one JSON line with its own phase times and counts.

Usage: python3 skimage_mesh.py VOLUME.nii.gz OUT.npz
Needs Debian's python3-skimage and python3-nibabel (apt-get install -y python3-skimage python3-nibabel).
"""
import json
import sys
import time

t0 = time.perf_counter()
import nibabel as nib  # noqa: E402
import numpy as np  # noqa: E402
from scipy import ndimage  # noqa: E402
from skimage import measure  # noqa: E402

t_import = time.perf_counter()
img = nib.load(sys.argv[1])
labels = np.asarray(img.dataobj).astype(np.int32)
affine = img.affine
t_load = time.perf_counter()

arrays = {}
triangles = 0
vertices = 0
regions = 0
for index, box in enumerate(ndimage.find_objects(labels)):
    if box is None:
        continue
    value = index + 1
    lo = [max(s.start - 1, 0) for s in box]
    hi = [min(s.stop + 1, n) for s, n in zip(box, labels.shape)]
    sub = labels[lo[0]:hi[0], lo[1]:hi[1], lo[2]:hi[2]] == value
    # Pad so regions touching the grid's edge are closed too.
    mask = np.pad(sub, 1).astype(np.float32)
    verts, faces, _normals, _values = measure.marching_cubes(mask, 0.5)
    verts += np.array(lo, dtype=verts.dtype) - 1
    world = verts @ affine[:3, :3].T + affine[:3, 3]
    arrays[f"v{value}"] = world.astype(np.float32)
    arrays[f"f{value}"] = faces.astype(np.uint32)
    triangles += len(faces)
    vertices += len(verts)
    regions += 1
t_mesh = time.perf_counter()
np.savez(sys.argv[2], **arrays)
t_write = time.perf_counter()

print(json.dumps({
    "import_ms": round((t_import - t0) * 1000, 1),
    "load_ms": round((t_load - t_import) * 1000, 1),
    "marching_cubes_ms": round((t_mesh - t_load) * 1000, 1),
    "write_ms": round((t_write - t_mesh) * 1000, 1),
    "regions": regions,
    "triangles": triangles,
    "vertices": vertices,
    "skimage": __import__("skimage").__version__,
}))
