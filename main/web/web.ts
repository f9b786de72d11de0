/**
 * `npm run web [-- --port N] [MAP...]`: serves the renderer and the API on http://127.0.0.1:N for a browser; the
 * statistical maps named are opened first, so the page lists them.
 */
import { AtlasError } from '../../core/errors';
import { UsageError, parseCliArgs } from '../cli/args';
import { rendererDir } from '../services/app-paths';
import { createAtlasService } from '../services/create-service';
import { openMapFiles, resolveUserPath } from '../services/startup-maps';
import { startWebServer } from './web-server';

try {
  const args = parseCliArgs(process.argv.slice(2), { values: ['port'], booleans: [] });
  const portArg = args.values.get('port') ?? process.env.PORT ?? '5174';
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port needs a port number, got "${portArg}"`);
  const api = await createAtlasService();
  const files = args.positionals.map((p) => resolveUserPath(p));
  const maps = await openMapFiles(api.maps, files, (m) => process.stderr.write(`brain-atlas web: ${m}\n`));
  for (const m of maps)
    process.stdout.write(`opened ${m.name} (${m.dims.join('×')}, ${m.frames} frame${m.frames === 1 ? '' : 's'})\n`);
  const server = await startWebServer({ api, staticDir: rendererDir(), port, maxUploadBytes: api.maps.maxBytes });
  process.stdout.write(`Brain Atlas Studio is at ${server.url}\n`);
  // A mesh being written to the cache is finished first (else the next start meshes that atlas again).
  const stop = () =>
    server
      .close()
      .then(() => api.meshCacheWritten())
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  const message = e instanceof AtlasError || e instanceof UsageError ? e.message : String((e as Error)?.message ?? e);
  const busy = (e as NodeJS.ErrnoException)?.code === 'EADDRINUSE' ? ' (the port is in use; pass --port N)' : '';
  process.stderr.write(`brain-atlas web: ${message}${busy}\n`);
  process.exit(1);
}
