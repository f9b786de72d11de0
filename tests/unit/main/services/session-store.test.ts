/** The saved session and the clean-exit marker: first start, a clean exit, a crash, a corrupt file. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SESSION_FILE, SessionStore } from '../../../../main/services/session-store';
import { EMPTY_SESSION } from '../../../helpers/sessions';

const session = { ...EMPTY_SESSION, layers: [{ atlasId: 'brodmann', variant: '2mm', opacity: 0.5 }, null] };

describe('SessionStore', () => {
  it('tells a first start, a clean exit and a run that did not end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bas-session-'));
    const store = new SessionStore(dir);
    expect(await store.load()).toEqual({ session: null, cleanExit: true });
    await store.save(session);
    // Killed before endSession: the next start is told so.
    expect(await new SessionStore(dir).load()).toEqual({ session, cleanExit: false });
    await store.end();
    const next = new SessionStore(dir);
    expect(await next.load()).toEqual({ session, cleanExit: true });
    // Reading it marked this run running: a crash now is seen by the run after.
    expect(await new SessionStore(dir).load()).toEqual({ session, cleanExit: false });
    next.endSync();
    expect((await new SessionStore(dir).load()).cleanExit).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a corrupt or invalid session and starts as on a first start', async () => {
    for (const content of ['{"version": 1, "lang": ', JSON.stringify({ ...session, lang: 'fr' })]) {
      const dir = mkdtempSync(join(tmpdir(), 'bas-session-'));
      writeFileSync(join(dir, SESSION_FILE), content);
      const reports: string[] = [];
      expect(await new SessionStore(dir, (m) => reports.push(m)).load()).toEqual({ session: null, cleanExit: true });
      expect(reports).toHaveLength(1);
      expect(reports[0]).toContain('was not used because');
    }
  });

  it('refuses to save an invalid session', async () => {
    const store = new SessionStore(mkdtempSync(join(tmpdir(), 'bas-session-')));
    await expect(store.save({ ...session, explode: 7 })).rejects.toThrow(
      "the saved session's explode is 7, which is not valid",
    );
  });
});
