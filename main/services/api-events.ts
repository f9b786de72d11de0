/** The API's event stream on the Node side: services emit, the web server (SSE) and the Electron shell listen. */
import type { ApiEvent } from '../../core/api/app-api';

export class ApiEvents {
  private readonly listeners = new Set<(e: ApiEvent) => void>();

  /** Adds a listener; returns the function that removes it. */
  on(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: ApiEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // one broken listener (a closed connection) must not stop the others
      }
    }
  }
}
