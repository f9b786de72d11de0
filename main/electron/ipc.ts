/**
 * IPC handlers of the Electron shell: one channel per API method, every argument validated by dispatch(), and
 * only the app's own pages (file:// under the app) may call.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { API_METHODS, type AtlasApi, type IpcReply } from '../../core/api';
import { dispatch, errorBody } from '../api/api-dispatch';

export const ipcChannel = (method: string) => `atlas-api:${method}`;

export function registerIpc(ipcMain: IpcMain, api: AtlasApi, isTrustedUrl: (url: string) => boolean): void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, arg: unknown): Promise<IpcReply<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url))
        return { ok: false, error: { code: 'forbidden', message: 'call from an untrusted page refused' } };
      try {
        return { ok: true, value: await dispatch(api, method, arg) };
      } catch (e) {
        return { ok: false, ...errorBody(e) };
      }
    });
  }
}
