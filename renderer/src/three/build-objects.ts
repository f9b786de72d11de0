/** three.js objects of a layer, built once per loaded layer (never per state change). */
import {
  BufferAttribute, BufferGeometry, InstancedBufferAttribute, InstancedMesh, Matrix4, Mesh, Points, Quaternion,
  SphereGeometry, Vector3,
} from 'three';
import type { TemplateData } from '../scene/layer-data';
import type { LayerData } from '../scene/layer-data';
import {
  type LayerUniforms, type SceneUniforms, createGlassMaterial, createRegionMaterial, createStateTexture,
} from '../scene/shaders';

export interface LayerObjects {
  /** Drawn with depth writes: regions fully shown. */
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
  dispose(): void;
}

function surfaceGeometry(data: Extract<LayerData, { kind: 'labels' }>): BufferGeometry {
  const m = data.meshes;
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(m.positions, 3));
  g.setAttribute('normal', new BufferAttribute(m.normals, 3));
  g.setIndex(new BufferAttribute(m.indices, 1));
  const region = new Float32Array(m.positions.length / 3);
  for (const r of m.regions) {
    const idx = data.indexOfValue[r.value];
    region.fill(idx, r.vertexStart, r.vertexStart + r.vertexCount);
  }
  g.setAttribute('aRegion', new BufferAttribute(region, 1));
  g.computeBoundingSphere();
  return g;
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

export function buildLayerObjects(data: LayerData, scene: SceneUniforms): LayerObjects {
  const uniforms: LayerUniforms = { uState: { value: createStateTexture(data.regions.length) }, uOpacity: { value: 1 } };
  const kind = data.kind === 'labels' ? 'surface' : 'instanced';
  const opaqueMat = createRegionMaterial(kind, 'opaque', scene, uniforms);
  const cutMat = createRegionMaterial(kind, 'cut', scene, uniforms);
  const transMat = createRegionMaterial(kind, 'transparent', scene, uniforms);
  const outlineMat = createRegionMaterial(kind, 'outline', scene, uniforms);
  const footprintMat = createRegionMaterial(kind, 'footprint', scene, uniforms);
  let geometry: BufferGeometry;
  let opaque: Mesh | InstancedMesh;
  let cut: Mesh | InstancedMesh;
  let transparent: Mesh | InstancedMesh;
  let outline: Mesh | InstancedMesh;
  let footprint: Mesh | InstancedMesh;
  if (data.kind === 'labels') {
    geometry = surfaceGeometry(data);
    opaque = new Mesh(geometry, opaqueMat);
    cut = new Mesh(geometry, cutMat);
    transparent = new Mesh(geometry, transMat);
    outline = new Mesh(geometry, outlineMat);
    footprint = new Mesh(geometry, footprintMat);
  } else {
    const n = data.regions.length;
    geometry = new SphereGeometry(1, 20, 14);
    geometry.setAttribute('aRegion', new InstancedBufferAttribute(Float32Array.from({ length: n }, (_, i) => i), 1));
    const a = new InstancedMesh(geometry, opaqueMat, n);
    const b = new InstancedMesh(geometry, transMat, n);
    const m = new Matrix4();
    const q = new Quaternion();
    data.regions.forEach((r, i) => {
      m.compose(new Vector3(...r.centroid), q, new Vector3(r.radius, r.radius, r.radius));
      a.setMatrixAt(i, m);
    });
    b.instanceMatrix = a.instanceMatrix;
    const k = new InstancedMesh(geometry, cutMat, n);
    k.instanceMatrix = a.instanceMatrix;
    cut = k;
    const c = new InstancedMesh(geometry, outlineMat, n);
    c.instanceMatrix = a.instanceMatrix;
    const f = new InstancedMesh(geometry, footprintMat, n);
    f.instanceMatrix = a.instanceMatrix;
    footprint = f;
    opaque = a;
    transparent = b;
    outline = c;
  }
  cut.renderOrder = 0.5; // after every layer's front faces
  transparent.renderOrder = 1;
  // After every opaque region (renderOrder 0), before the blended ones (drawn after all opaque objects anyway).
  footprint.renderOrder = 3;
  outline.renderOrder = 4;
  const mg = markerGeometry(data);
  const markerMat = mg ? createRegionMaterial('points', 'opaque', scene, uniforms) : null;
  const markers = mg && markerMat ? new Points(mg, markerMat) : null;
  for (const o of [opaque, cut, transparent, footprint, outline, markers]) if (o) o.frustumCulled = false; // the shader moves vertices
  return {
    opaque, cut, transparent, footprint, outline, markers, uniforms,
    dispose() {
      geometry.dispose();
      mg?.dispose();
      opaqueMat.dispose();
      cutMat.dispose();
      transMat.dispose();
      outlineMat.dispose();
      footprintMat.dispose();
      markerMat?.dispose();
      uniforms.uState.value.dispose();
    },
  };
}

export function buildGlass(data: TemplateData, scene: SceneUniforms) {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(data.meshes.positions, 3));
  g.setAttribute('normal', new BufferAttribute(data.meshes.normals, 3));
  g.setIndex(new BufferAttribute(data.meshes.indices, 1));
  g.computeBoundingSphere();
  const opacity = { value: 0.2 };
  const mat = createGlassMaterial(scene, opacity);
  const mesh = new Mesh(g, mat);
  mesh.renderOrder = 2;
  return {
    mesh, opacity,
    dispose() {
      g.dispose();
      mat.dispose();
    },
  };
}
