/**
 * The whole AtlasApi for one app or web session: the atlas service plus the user's open statistical maps. The
 * Electron shell, the web server and the e2e tests get this from createAtlasService(); the CLI uses it as an
 * AtlasService.
 */
import type { AtlasApi } from '../../core/api';
import type { MapApi, MapClustersRequest, MapDisplayRequest, OpenMapRequest } from '../../core/map-api';
import { AtlasService, type AtlasServiceOptions } from './atlas-service';
import { MapService } from './map-service';

export class AppService extends AtlasService implements AtlasApi {
  readonly maps: MapService;

  constructor(opts: AtlasServiceOptions) {
    super(opts);
    this.maps = new MapService(this, { maxBytes: opts.maxBytes });
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
}
