/**
 * The whole AtlasApi for one app or web session: the atlas service plus the user's open statistical maps, the
 * settings and the saved session, and downloads that report progress on the event stream and can be cancelled.
 * The Electron shell, the web server and the e2e tests get this from createAtlasService(); the CLI uses it as an
 * AtlasService.
 */
import type { AtlasApi, AtlasListing, FetchProgress, FetchRequest } from '../../core/api';
import type { SessionState, SettingsInfo, UserSettings } from '../../core/api/app-api';
import { AtlasError } from '../../core/errors';
import type { MapApi, MapClustersRequest, MapDisplayRequest, OpenMapRequest } from '../../core/api/map-api';
import type { SavedSession } from '../../core/scene/session';
import { ApiEvents } from './api-events';
import { AtlasService, type AtlasServiceOptions } from './atlas-service';
import { MapService } from './map-service';
import { SystemsService } from './systems-service';
import { SurfaceService, surfaceHostOf } from './surface-service';
import type { SurfaceApi, SurfaceLabelsRequest, SurfaceMapRequest, SurfaceRequest } from '../../core/api/surface-api';
import { encodeSurface, encodeVertexLabels, encodeVertexValues } from '../../core/surface/surface-codec';
import type { QuizRequest, QuizResult } from '../../core/api/quiz-api';
import { quizOf } from './quiz-service';
import { shippedTours } from '../../core/lecture/shipped-tours';
import type { BrainSystem } from '../../core/atlas/brain-systems';
import type { SystemsApi } from '../../core/api/systems-api';
import type { SessionStore } from './session-store';
import type { SettingsStore } from './settings';
import { figureFont } from './figure-font';

export interface AppServiceOptions extends AtlasServiceOptions {
  /** The settings behind `locations` (create-service.ts); without it getSettings reports the locations as they are. */
  settings?: SettingsStore;
  /** Where the session is saved; without it nothing is saved and every start is a first start. */
  session?: SessionStore;
  /** The brain systems (atlases/brain-systems.json), validated. */
  brainSystems?: BrainSystem[];
}

export class AppService extends AtlasService implements AtlasApi {
  readonly maps: MapService;
  /** Brain systems, networks and topographic maps (systems-service.ts). */
  readonly systems: SystemsService;
  /** The cortical surface and what is projected onto it (surface-service.ts). */
  readonly surfaces: SurfaceService;
  /** Download progress for the web server's event stream and the Electron window. */
  readonly events = new ApiEvents();
  readonly settings: SettingsStore | null;
  readonly session: SessionStore | null;
  private readonly downloads = new Map<string, AbortController>();

  constructor(opts: AppServiceOptions) {
    super(opts);
    this.maps = new MapService(this, { maxBytes: opts.maxBytes });
    this.systems = new SystemsService(this, { brainSystems: opts.brainSystems });
    this.surfaces = new SurfaceService(surfaceHostOf(this));
    this.settings = opts.settings ?? null;
    this.session = opts.session ?? null;
  }

  async getFigureFont(): Promise<ArrayBuffer> {
    return figureFont();
  }

  /** fetchAtlas with progress on the event stream; cancelFetch({ id }) stops it (code 'cancelled'). */
  override async fetchAtlas(
    req: FetchRequest,
    onProgress?: (p: FetchProgress) => void,
    signal?: AbortSignal,
  ): Promise<AtlasListing> {
    const name = this.atlas(req.id).name;
    if (this.downloads.has(req.id)) throw new AtlasError('invalid-argument', `${name} is already being downloaded`);
    const controller = new AbortController();
    const stop = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', stop, { once: true });
    this.downloads.set(req.id, controller);
    let last = { file: '', receivedBytes: 0, totalBytes: 0 };
    const emit = (phase: 'progress' | 'done' | 'failed' | 'cancelled', message?: string) =>
      this.events.emit({ type: 'fetch', atlasId: req.id, phase, ...last, ...(message ? { message } : {}) });
    try {
      const listing = await super.fetchAtlas(
        req,
        (p) => {
          onProgress?.(p);
          last = {
            file: p.file,
            receivedBytes: p.allReceivedBytes ?? p.receivedBytes,
            totalBytes: p.allTotalBytes ?? p.totalBytes,
          };
          emit('progress');
        },
        controller.signal,
      );
      emit('done');
      return listing;
    } catch (e) {
      if (controller.signal.aborted) {
        emit('cancelled');
        throw new AtlasError('cancelled', `the download of ${name} was cancelled`);
      }
      emit('failed', (e as Error).message);
      throw e;
    } finally {
      signal?.removeEventListener('abort', stop);
      this.downloads.delete(req.id);
    }
  }

  async cancelFetch(req: { id: string }): Promise<{ cancelled: boolean }> {
    const c = this.downloads.get(req.id);
    c?.abort(new AtlasError('cancelled', 'cancelled'));
    return { cancelled: !!c };
  }

  async getSettings(): Promise<SettingsInfo> {
    if (this.settings) return this.settings.info();
    const loc = this.fileLocations();
    return {
      settings: { mirror: '', cacheDir: '' },
      fromEnv: {},
      inUse: { mirror: loc.mirror, cacheDir: loc.cacheDir },
    };
  }

  async setSettings(req: UserSettings): Promise<SettingsInfo> {
    if (!this.settings) throw new AtlasError('invalid-argument', 'this session has no settings file to save to');
    const info = await this.settings.set(req);
    this.setLocations(this.settings.locations());
    return info;
  }

  async loadSession(): Promise<SessionState> {
    return this.session ? this.session.load() : { session: null, cleanExit: true };
  }

  async saveSession(req: { session: SavedSession }): Promise<void> {
    await this.session?.save(req.session);
  }

  async endSession(): Promise<void> {
    await this.session?.end();
  }

  openMap(req: OpenMapRequest): ReturnType<MapApi['openMap']> {
    return this.maps.openMap(req);
  }
  listMaps(): ReturnType<MapApi['listMaps']> {
    return this.maps.listMaps();
  }
  setMapFrame(req: { mapId: string; frame: number }): ReturnType<MapApi['setMapFrame']> {
    return this.maps.setMapFrame(req);
  }
  closeMap(req: { mapId: string }): ReturnType<MapApi['closeMap']> {
    return this.maps.closeMap(req);
  }
  getMapDisplay(req: MapDisplayRequest): ReturnType<MapApi['getMapDisplay']> {
    return this.maps.getMapDisplay(req);
  }
  mapClusters(req: MapClustersRequest): ReturnType<MapApi['mapClusters']> {
    return this.maps.mapClusters(req);
  }

  listBrainSystems(): ReturnType<SystemsApi['listBrainSystems']> {
    return this.systems.listBrainSystems();
  }
  listNetworks(req: Parameters<SystemsApi['listNetworks']>[0]): ReturnType<SystemsApi['listNetworks']> {
    return this.systems.listNetworks(req);
  }
  regionNetworks(req: Parameters<SystemsApi['regionNetworks']>[0]): ReturnType<SystemsApi['regionNetworks']> {
    return this.systems.regionNetworks(req);
  }
  getTopography(req: Parameters<SystemsApi['getTopography']>[0]): ReturnType<SystemsApi['getTopography']> {
    return this.systems.getTopography(req);
  }
  getProbabilityGrid(
    req: Parameters<SystemsApi['getProbabilityGrid']>[0],
  ): ReturnType<SystemsApi['getProbabilityGrid']> {
    return this.systems.getProbabilityGrid(req);
  }

  async getSurface(req: SurfaceRequest): ReturnType<SurfaceApi['getSurface']> {
    return encodeSurface(await this.surfaces.surface(req.kind, req.hemi));
  }
  async getSurfaceMap(req: SurfaceMapRequest): ReturnType<SurfaceApi['getSurfaceMap']> {
    return encodeVertexValues(await this.surfaces.projectMap(this.maps.statMap(req.mapId), req.hemi));
  }
  async getSurfaceLabels(req: SurfaceLabelsRequest): ReturnType<SurfaceApi['getSurfaceLabels']> {
    const { hemi, ...atlas } = req;
    return encodeVertexLabels(await this.surfaces.vertexLabels(atlas, hemi));
  }

  makeQuiz(req: QuizRequest): Promise<QuizResult> {
    return quizOf(this, req, async () => shippedTours(await this.listBrainSystems(), await this.getRegionInfo()));
  }
}
