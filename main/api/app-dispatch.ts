/**
 * Validation of the app calls (core/api/app-api.ts) arriving from the renderer over IPC or HTTP: cancelling a
 * download, the settings and the saved session. The settings' meaning (an http(s) mirror or an absolute folder)
 * and the session's schema (core/session.ts) are checked here too, so nothing unchecked reaches a service.
 */
import type { AtlasApi } from '../../core/api';
import type { AppApi } from '../../core/api/app-api';
import { isAtlasError } from '../../core/errors';
import { MAX_SESSION_CHARS, validateSession } from '../../core/scene/session';
import { validateSettings } from '../services/settings';
import { atlasId, fail, noArgument, onlyKeys, record } from './argument-checks';

export type AppMethod = keyof AppApi;

export async function validateAppCall(api: AtlasApi, method: AppMethod, arg: unknown): Promise<unknown> {
  switch (method) {
    case 'getSettings':
    case 'loadSession':
    case 'endSession':
    case 'getFigureFont':
      noArgument(arg, method);
      return api[method]();
    case 'cancelFetch': {
      const o = record(arg, method);
      onlyKeys(o, ['id'], method);
      return api.cancelFetch({ id: atlasId(o.id) });
    }
    case 'setSettings': {
      const o = record(arg, method);
      onlyKeys(o, ['mirror', 'cacheDir'], method);
      if (typeof o.mirror !== 'string' || typeof o.cacheDir !== 'string')
        fail('setSettings needs "mirror" and "cacheDir" as texts (empty for the default)');
      return api.setSettings(validateSettings(o));
    }
    case 'saveSession': {
      const o = record(arg, method);
      onlyKeys(o, ['session'], method);
      if (JSON.stringify(o.session ?? null).length > MAX_SESSION_CHARS)
        fail(`the session must be at most ${MAX_SESSION_CHARS} characters of JSON`);
      try {
        return api.saveSession({ session: validateSession(o.session) });
      } catch (e) {
        if (isAtlasError(e)) fail(e.message);
        throw e;
      }
    }
  }
}
