/**
 * The saved session (core/session.ts) in `<config folder>/session.json`, and the clean-exit marker beside it.
 * The marker is written when the app closes properly (the page's pagehide, Electron's quit) and removed when the
 * next run reads the session: a run that ends without writing it (a crash, a killed process) leaves no marker, so
 * the next start knows to offer the scene back.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SessionState } from '../../core/api/app-api';
import { AtlasError } from '../../core/errors';
import { MAX_SESSION_CHARS, type SavedSession, validateSession } from '../../core/scene/session';
import { readJsonFile, writeFileAtomic, writeFileAtomicSync } from './config-files';

export const SESSION_FILE = 'session.json';
export const CLEAN_EXIT_FILE = 'clean-exit';

export class SessionStore {
  readonly file: string;
  readonly marker: string;

  constructor(
    configDir: string,
    private readonly report: (message: string) => void = (m) => process.stderr.write(`brain-atlas: ${m}\n`),
  ) {
    this.file = path.join(configDir, SESSION_FILE);
    this.marker = path.join(configDir, CLEAN_EXIT_FILE);
  }

  /** The last session (null when none or unreadable) and whether its run ended cleanly; marks this run running. */
  async load(): Promise<SessionState> {
    const read = await readJsonFile(this.file);
    let session: SavedSession | null = null;
    if (read.kind === 'bad') this.report(`the saved session in ${this.file} was not used because ${read.reason}`);
    if (read.kind === 'ok') {
      try {
        session = validateSession(read.value);
      } catch (e) {
        this.report(`the saved session in ${this.file} was not used because ${(e as Error).message}`);
      }
    }
    const marked = await fs
      .stat(this.marker)
      .then(() => true)
      .catch(() => false);
    await fs.rm(this.marker, { force: true }).catch(() => {});
    // Nothing saved means nothing to lose: that counts as a clean start.
    return { session, cleanExit: marked || session === null };
  }

  async save(session: SavedSession): Promise<void> {
    const valid = validateSession(session);
    const text = JSON.stringify(valid);
    if (text.length > MAX_SESSION_CHARS)
      throw new AtlasError('too-large', `the session is ${text.length} characters, over ${MAX_SESSION_CHARS}`);
    await writeFileAtomic(this.file, text);
  }

  async end(): Promise<void> {
    await writeFileAtomic(this.marker, `${new Date().toISOString()}\n`);
  }

  /** end() for a process about to exit (Electron's will-quit). */
  endSync(): void {
    try {
      writeFileAtomicSync(this.marker, `${new Date().toISOString()}\n`);
    } catch (e) {
      this.report(`could not mark a clean exit: ${(e as Error).message}`);
    }
  }
}
