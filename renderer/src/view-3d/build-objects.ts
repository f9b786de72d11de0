/** three.js objects of a layer, built once per loaded layer (never per state change). */
import {
  BufferAttribute,
  BufferGeometry,
  InstancedBufferAttribute,
  InstancedMesh,
  Matrix4,
  Mesh,
  Points,
  Quaternion,
  SphereGeometry,
  Vector3,
} from 'three';
import type { TemplateData } from '../model/layer-data';
import type { LayerData } from '../model/layer-data';
import type { PackedMeshSet } from '../../../core/mesh/types';
import {
  type LayerUniforms,
  type SceneUniforms,
  createGlassMaterial,
  createRegionMaterial,
  createStateTexture,
} from './shaders';

export interface LayerObjects {
  /** Drawn with depth writes: the front faces of regions fully shown. */
  opaque: Mesh | InstancedMesh;
  /** Their back faces, drawn after them: the cut faces where a clipping plane or a hidden hemisphere opens regions
   *  (shown only then). */
  cut: Mesh | InstancedMesh;
  /** Drawn after, blended: faded regions, or all when the layer's opacity is below 1. */
  transparent: Mesh | InstancedMesh;
  /** The selected region's rim (hidden unless a region of this layer is selected): its footprint in the stencil
   *  buffer, then the rim outside it. */
  footprint: Mesh | InstancedMesh;
  outline: Mesh | InstancedMesh;
  /** Point markers of regions too small to see (labels layers). */
  markers: Points | null;
  uniforms: LayerUniforms;
  /**
   * The geometry that paints the `slot`th map drawn on the regions (RegionMaps.tsx): the regions' own buffers, and
   * the map's values per vertex (aPos, aNeg) of its own; null for an atlas of coordinates. Kept until the layer goes:
   * disposing it would free the buffers it shares.
   */
  mapGeometry(slot: number): BufferGeometry | null;
  dispose(): void;
}

/** A geometry of a mesh set as it is sent (its positions, packed normals and triangles), for a caller to add to. */
export function meshSetGeometry(m: Pick<PackedMeshSet, 'positions' | 'normals' | 'indices'>): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(m.positions, 3));
  // Packed 16-bit normals (core/mesh/codec.ts), read by the GPU as unit components.
  g.setAttribute('normal', new BufferAttribute(m.normals, 3, true));
  g.setIndex(new BufferAttribute(m.indices, 1));
  return g;
}

function surfaceGeometry(data: Extract<LayerData, { kind: 'labels' }>): BufferGeometry {
  const m = data.meshes;
  const g = meshSetGeometry(m);
  const region = new Float32Array(m.positions.length / 3);
  for (const r of m.regions) {
    const idx = data.indexOfValue[r.value];
    region.fill(idx, r.vertexStart, r.vertexStart + r.vertexCount);
  }
  g.setAttribute('aRegion', new BufferAttribute(region, 1));
  g.computeBoundingSphere();
  return g;
}

/** `g` with room for a map's values per vertex (aPos, aNeg: overlay-shaders.ts), zero until a projection fills them. */
export function withMapValues(g: BufferGeometry): BufferGeometry {
  const n = g.getAttribute('position').count;
  g.setAttribute('aPos', new BufferAttribute(new Float32Array(n), 1));
  g.setAttribute('aNeg', new BufferAttribute(new Float32Array(n), 1));
  return g;
}

/** A geometry over `regions`' vertex and index buffers (the same objects, uploaded once) with map values of its own. */
function mapValuesGeometry(regions: BufferGeometry): BufferGeometry {
  const g = new BufferGeometry();
  for (const name of ['position', 'normal', 'aRegion']) g.setAttribute(name, regions.getAttribute(name));
  g.setIndex(regions.index);
  g.boundingSphere = regions.boundingSphere;
  return withMapValues(g);
}

function markerGeometry(data: LayerData): BufferGeometry | null {
  const small = data.regions.map((r, i) => [r, i] as const).filter(([r]) => r.small);
  if (small.length === 0) return null;
  const pos = new Float32Array(small.length * 3);
  const region = new Float32Array(small.length);
  small.forEach(([r, i], k) => {
    pos.set(r.center, k * 3);
    region[k] = i;
  });
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(pos, 3));
  g.setAttribute('aRegion', new BufferAttribute(region, 1));
  return g;
}

/** The region passes of a layer, in the order they are built; each gets its own material over one geometry. */
const PASSES = ['opaque', 'cut', 'transparent', 'footprint', 'outline'] as const;
type Pass = (typeof PASSES)[number];
/** Draw order of each pass (three.js renderOrder). */
const RENDER_ORDER: Record<Pass, number> = {
  opaque: 0,
  cut: 0.5, // after every layer's front faces
  transparent: 1,
  // After every opaque region (renderOrder 0), before the blended ones (drawn after all opaque objects anyway).
  footprint: 3,
  outline: 4,
};

export function buildLayerObjects(data: LayerData, scene: SceneUniforms): LayerObjects {
  const uniforms: LayerUniforms = {
    uState: { value: createStateTexture(data.regions.length) },
    uOpacity: { value: 1 },
  };
  const kind = data.kind === 'labels' ? 'surface' : 'instanced';
  const materials = PASSES.map((pass) => createRegionMaterial(kind, pass, scene, uniforms));
  let geometry: BufferGeometry;
  let make: (material: (typeof materials)[number]) => Mesh | InstancedMesh;
  if (data.kind === 'labels') {
    geometry = surfaceGeometry(data);
    make = (material) => new Mesh(geometry, material);
  } else {
    // Coordinate atlases: one sphere per region, every pass sharing the instance matrices.
    const n = data.regions.length;
    const sphere = new SphereGeometry(1, 20, 14);
    sphere.setAttribute(
      'aRegion',
      new InstancedBufferAttribute(
        Float32Array.from({ length: n }, (_, i) => i),
        1,
      ),
    );
    geometry = sphere;
    const matrices = new InstancedBufferAttribute(new Float32Array(n * 16), 16);
    const m = new Matrix4();
    const q = new Quaternion();
    data.regions.forEach((r, i) => {
      m.compose(new Vector3(...r.centroid), q, new Vector3(r.radius, r.radius, r.radius));
      m.toArray(matrices.array, i * 16);
    });
    make = (material) => {
      const mesh = new InstancedMesh(sphere, material, n);
      mesh.instanceMatrix = matrices;
      return mesh;
    };
  }
  const [opaque, cut, transparent, footprint, outline] = PASSES.map((pass, i) => {
    const mesh = make(materials[i]);
    mesh.renderOrder = RENDER_ORDER[pass];
    return mesh;
  });
  const mg = markerGeometry(data);
  const markerMat = mg ? createRegionMaterial('points', 'opaque', scene, uniforms) : null;
  const markers = mg && markerMat ? new Points(mg, markerMat) : null;
  for (const o of [opaque, cut, transparent, footprint, outline, markers]) if (o) o.frustumCulled = false; // the shader moves vertices
  const mapGeometries: BufferGeometry[] = [];
  return {
    opaque,
    cut,
    transparent,
    footprint,
    outline,
    markers,
    uniforms,
    mapGeometry(slot) {
      if (data.kind !== 'labels') return null;
      while (mapGeometries.length <= slot) mapGeometries.push(mapValuesGeometry(geometry));
      return mapGeometries[slot];
    },
    dispose() {
      geometry.dispose();
      for (const g of mapGeometries) g.dispose();
      mg?.dispose();
      for (const material of materials) material.dispose();
      markerMat?.dispose();
      uniforms.uState.value.dispose();
    },
  };
}

export function buildGlass(data: TemplateData, scene: SceneUniforms) {
  const g = meshSetGeometry(data.meshes);
  g.computeBoundingSphere();
  const opacity = { value: 0.2 };
  const mat = createGlassMaterial(scene, opacity);
  const mesh = new Mesh(g, mat);
  mesh.renderOrder = 2;
  return {
    mesh,
    opacity,
    dispose() {
      g.dispose();
      mat.dispose();
    },
  };
}
