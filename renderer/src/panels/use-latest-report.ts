import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapClusterReport, MapClustersRequest } from '../../../core/api/map-api';
import { api } from '../api';

export interface ReportState {
  /** The request key the answer is for. */
  key: string;
  report: MapClusterReport | null;
  error: string | null;
  /** Round trip of the request, ms. */
  ms: number;
}

/** The key of a request: the request and anything else that must give a new report (the map's frame). */
export function reportKey(request: MapClustersRequest, trigger: string | number): string {
  return JSON.stringify([trigger, request]);
}

/**
 * The cluster report for `requestKey` (made by reportKey), asked for once the key has rested `debounceMs`. One request is in flight at a time and only the newest
 * waits behind it (a report of a noisy map at a low threshold can take a second: a moving slider must not queue up
 * every position); answers for keys that are no longer current are dropped.
 */
export function useLatestReport(requestKey: string, debounceMs: number): ReportState | null {
  const [state, setState] = useState<ReportState | null>(null);
  const latest = useRef(requestKey);
  latest.current = requestKey;
  const busy = useRef(false);
  const waiting = useRef<string | null>(null);

  const run = useCallback((key: string) => {
    busy.current = true;
    const started = performance.now();
    const [, req] = JSON.parse(key) as [unknown, MapClustersRequest];
    api
      .mapClusters(req)
      .then(
        (report) => key === latest.current && setState({ key, report, error: null, ms: performance.now() - started }),
        (e: unknown) =>
          key === latest.current &&
          setState({ key, report: null, error: e instanceof Error ? e.message : String(e), ms: 0 }),
      )
      .finally(() => {
        busy.current = false;
        const next = waiting.current;
        waiting.current = null;
        if (next) run(next);
      });
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (busy.current) waiting.current = requestKey;
      else run(requestKey);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [requestKey, debounceMs, run]);

  return state;
}
