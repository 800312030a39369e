'use client';
// The countdown draws itself every animation frame straight into the DOM, so the page does not
// re-render each second. It freezes, visibly, the moment the connection is not live.
import { useEffect, useRef } from 'react';
import { countdownFace } from '@/lib/format';
import { serverNow, type LiveStore } from './live-store';

export const TONE_CLASSES = {
  normal: 'text-status-normal',
  warning: 'text-status-warning',
  overtime: 'text-status-overtime',
} as const;

export function Countdown({ store, entryId, className = '' }: { store: LiveStore; entryId: string | null; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let frame = 0;
    let shown = '';
    let lastLive: ReturnType<typeof countdownFace> | null | undefined;
    const draw = () => {
      const el = ref.current;
      const state = store.getState();
      const entry = entryId ? state.view?.entries[entryId] : undefined;
      if (el && state.view) {
        const stale = state.status !== 'live';
        // Without a connection the clock stops where it was: a running clock would claim to be live.
        const face =
          stale && lastLive !== undefined ? lastLive : entry ? countdownFace(entry, serverNow(state), state.view.event.warnMs) : null;
        if (!stale) lastLive = face;
        const key = `${face?.text}|${face?.tone}|${stale}`;
        if (key !== shown) {
          shown = key;
          el.textContent = face?.text ?? '—';
          el.dataset.tone = face?.tone ?? 'normal';
          el.dataset.stale = String(stale);
          el.className = `${className} ${TONE_CLASSES[face?.tone ?? 'normal']} ${stale ? 'opacity-40' : ''}`;
        }
      }
      frame = requestAnimationFrame(draw);
    };
    draw();
    return () => cancelAnimationFrame(frame);
  }, [store, entryId, className]);

  return <span ref={ref} className={className} data-testid="countdown" role="timer" aria-live="off" />;
}
