import { useStore } from '../store';

/** A small marker at the typed MNI cursor, drawn over the regions so it is never hidden inside them. */
export function CursorMarker() {
  const cursor = useStore((s) => s.cursor);
  if (!cursor) return null;
  return (
    <mesh position={cursor} renderOrder={10} raycast={() => null}>
      <sphereGeometry args={[2.5, 16, 12]} />
      <meshBasicMaterial color="#ffcc00" depthTest={false} transparent opacity={0.95} />
    </mesh>
  );
}
