import { describe, expect, it } from 'vitest';
import { prestartMeshing, takePrestartedMeshing } from '../../../../main/cli/mesh-prestart';
import { MeshThreads } from '../../../../main/workers/mesh-threads';

describe('the mesh command helper started by the entry', () => {
  it('starts for `mesh …` only, not for its help or another command, and is taken once', async () => {
    for (const argv of [['query', '0', '0', '0'], ['mesh', 'aal3', '--help'], ['--help', 'mesh'], []]) {
      prestartMeshing(argv);
      expect(takePrestartedMeshing(), argv.join(' ')).toBeNull();
    }
    prestartMeshing(['mesh', 'aal3', '--out', 'a.glb']);
    const started = takePrestartedMeshing();
    // Built by `npm run build` (npm test builds before it runs the tests).
    expect(started, 'dist/worker/mesh-helper.cjs is built').not.toBeNull();
    expect(takePrestartedMeshing()).toBeNull();
    expect(started?.warming).not.toBeNull();
    await MeshThreads.adopt(started!.helper, started!.warming).close();
    expect(Atomics.load(started!.warming!, 0)).toBe(1);
  });
});
