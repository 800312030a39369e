'use client';
// Small figures that change with time. Each re-renders alone (once per server second) or draws
// itself per animation frame, so the rest of the screen stays still.
import { useEffect, useRef } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { formatDuration, formatZonedTime } from '@/lib/format';
import { allottedTotalMs, clockTone, remainingMs, usedMs } from '@/lib/time';
import { serverNow } from '@/components/live/live-store';
import { useLiveStore } from '@/components/live/live-provider';
import { useServerNow } from '@/components/live/use-server-now';

export const MOSCOW = 'Europe/Moscow';

/** Wall-clock time in a zone, e.g. the speaker's city. */
export function ZonedTime({ timeZone }: { timeZone: string }) {
  const now = useServerNow();
  const locale = useLocale();
  return <span className="countdown">{formatZonedTime(now, timeZone, locale)}</span>;
}

/** "Местное время: 14:05" in the speaker's city. */
export function LocalTime({ timeZone }: { timeZone: string }) {
  const now = useServerNow();
  const locale = useLocale();
  const t = useTranslations('live.time');
  return <span className="countdown">{t('localTime', { time: formatZonedTime(now, timeZone, locale) })}</span>;
}

/** "Начало через 12:34" while the planned start is ahead, "с минуты на минуту" once it has passed. */
export function StartsIn({ at }: { at: number }) {
  const t = useTranslations('screen.planned');
  const now = useServerNow();
  const left = at - now;
  if (left <= 0) return <>{t('startingNow')}</>;
  // Days ahead are better said by the date shown above it.
  if (left > 12 * 3600_000) return null;
  return <>{t('startsIn', { time: formatDuration(left + 999) })}</>;
}

const BAR_TONES = {
  normal: 'bg-status-normal',
  warning: 'bg-status-warning',
  overtime: 'bg-status-overtime',
} as const;

/**
 * The thin bar of time used against the allotment, with its caption ("Осталось" / "Сверх
 * регламента", "использовано 1:20 из 3:00"), drawn per animation frame like the Countdown so they flip together.
 */
export function TurnProgress({ entryId }: { entryId: string }) {
  const store = useLiveStore();
  const t = useTranslations('screen.clock');
  const tLive = useTranslations('live.time');
  const bar = useRef<HTMLDivElement>(null);
  const label = useRef<HTMLSpanElement>(null);
  const figures = useRef<HTMLSpanElement>(null);
  // The loop reads the latest translations (the language can change) without restarting.
  const text = useRef({ remaining: '', overtime: '', usedOf: (used: string, allotted: string) => `${used} / ${allotted}` });
  const remaining = t('remaining');
  const overtime = t('overtime');
  useEffect(() => {
    text.current = { remaining, overtime, usedOf: (used, allotted) => tLive('usedOf', { used, allotted }) };
  }, [remaining, overtime, tLive]);

  useEffect(() => {
    let frame = 0;
    let shown = '';
    const draw = () => {
      const state = store.getState();
      const entry = state.view?.entries[entryId];
      if (entry && state.view && bar.current && label.current && figures.current) {
        const now = serverNow(state);
        const used = usedMs(entry, now);
        const total = allottedTotalMs(entry);
        const tone = clockTone(remainingMs(entry, now), state.view.event.warnMs);
        const fraction = total > 0 ? Math.min(1, used / total) : 1;
        const stale = state.status !== 'live';
        const key = `${fraction.toFixed(4)}|${tone}|${Math.floor(used / 1000)}|${stale}|${text.current.remaining}`;
        if (key !== shown) {
          shown = key;
          bar.current.style.transform = `scaleX(${fraction})`;
          bar.current.className = `h-full origin-left rounded-full transition-colors duration-500 ${BAR_TONES[tone]} ${stale ? 'opacity-40' : ''}`;
          label.current.textContent = tone === 'overtime' ? text.current.overtime : text.current.remaining;
          label.current.dataset.tone = tone;
          figures.current.textContent = text.current.usedOf(formatDuration(used), formatDuration(total));
        }
      }
      frame = requestAnimationFrame(draw);
    };
    draw();
    return () => cancelAnimationFrame(frame);
  }, [store, entryId]);

  return (
    <div className="flex w-full flex-col scr-gap">
      <div className="h-[calc(var(--u)*0.7)] w-full overflow-hidden rounded-full bg-surface-3" data-testid="screen-progress">
        <div ref={bar} className="h-full origin-left rounded-full" style={{ transform: 'scaleX(0)' }} />
      </div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 scr-lg text-ink-muted">
        <span ref={label} className="font-semibold uppercase tracking-[0.12em] data-[tone=overtime]:text-status-overtime" />
        <span ref={figures} className="countdown" />
      </div>
    </div>
  );
}
