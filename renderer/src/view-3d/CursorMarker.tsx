import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry } from 'three';
import { DEFAULT_BOX } from '../slice-views/geometry';
import { useStore } from '../store';

/**
 * The 3D cursor: a small marker at the MNI cursor, and the lines where the three slice planes through it meet
 * (along x, y and z across the MNI box), drawn over the regions so they are never hidden inside them.
 */
export function CursorMarker() {
  const cursor = useStore((s) => s.cursor);
  const lines = useMemo(() => {
    if (!cursor) return null;
    const { min, max } = DEFAULT_BOX;
    const [x, y, z] = cursor;
    const g = new BufferGeometry();
    g.setAttribute(
      'position',
      new BufferAttribute(
        new Float32Array([min[0], y, z, max[0], y, z, x, min[1], z, x, max[1], z, x, y, min[2], x, y, max[2]]),
        3,
      ),
    );
    return g;
  }, [cursor]);
  useEffect(() => () => lines?.dispose(), [lines]);
  if (!cursor || !lines) return null;
  return (
    <>
      <mesh position={cursor} renderOrder={10} raycast={() => null}>
        <sphereGeometry args={[2.5, 16, 12]} />
        <meshBasicMaterial color="#ffcc00" depthTest={false} transparent opacity={0.95} />
      </mesh>
      <lineSegments geometry={lines} renderOrder={10} raycast={() => null}>
        <lineBasicMaterial color="#00e676" depthTest={false} transparent opacity={0.6} />
      </lineSegments>
    </>
  );
}
