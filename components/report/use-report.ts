'use client';
// The report as the server computes it (GET /api/events/<event>/report.json, parsed by its schema).
// The page is watched during the meeting, so it refreshes every few seconds while the session runs
// and, for the active event, whenever the socket brings a new version (a turn ends, a city is
// marked absent...).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive } from '@/components/live/live-provider';
import { useModeratorKey } from '@/components/moderator/access-gate';
import { callApi, eventApiUrl, type ApiFailure } from '@/components/moderator/organiser-api';
import { reportSchema } from '@/lib/api-schemas';
import type { Report } from '@/lib/report';

const POLL_MS = 5_000;
/** Several commands in a burst (a drag, a next + extend) cost one request. */
const VERSION_DEBOUNCE_MS = 250;

export interface ReportLoad {
  report: Report | null;
  error: ApiFailure | null;
  /** Local time of the last successful load. */
  loadedAt: number | null;
  refresh: () => void;
}

/** True when `event` names the event the socket follows (the only one commands can change). */
export function useIsActiveEvent(event: string): boolean {
  const liveEventId = useLive((s) => s.eventId);
  return event === 'current' || (liveEventId !== null && event === liveEventId);
}

export function useReport(event: string): ReportLoad {
  const key = useModeratorKey();
  const active = useIsActiveEvent(event);
  const version = useLive((s) => s.view?.version ?? null);
  const [state, setState] = useState<Omit<ReportLoad, 'refresh'>>({ report: null, error: null, loadedAt: null });
  // Only the newest request may write: an older answer arriving late would move the figures back.
  const latest = useRef(0);

  const load = useCallback(() => {
    const mine = ++latest.current;
    void callApi(key, eventApiUrl(event, 'report.json'), reportSchema).then((result) => {
      if (mine !== latest.current) return;
      if (result.ok) setState({ report: result.data, error: null, loadedAt: Date.now() });
      // Keep the last good report on screen; say that it is stale.
      else setState((s) => ({ ...s, error: result }));
    });
  }, [event, key]);

  useEffect(load, [load]);

  useEffect(() => {
    if (!active || version === null) return;
    const timer = setTimeout(load, VERSION_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [active, version, load]);

  const running = state.report?.phase === 'live' || state.report?.phase === 'paused';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [running, load]);

  return { ...state, refresh: load };
}
