'use client';
// Slow clocks and time labels for the console. Per-second figures use useServerNow in small
// components; local times in 37 queue rows only need to change on the minute.
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useLiveStore } from '@/components/live/live-provider';
import { serverNow } from '@/components/live/live-store';

/** Server time, refreshed on each whole server minute. */
export function useMinuteNow(): number {
  const store = useLiveStore();
  const [now, setNow] = useState(() => serverNow(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = serverNow(store.getState());
      setNow(t);
      timer = setTimeout(tick, 60_000 - (t % 60_000) + 20);
    };
    tick();
    return () => clearTimeout(timer);
  }, [store]);
  return now;
}

/** "МСК" for Moscow, else the zone's short name in the page language (e.g. "GMT+9"). */
export function useZoneLabel(timeZone: string): string {
  const t = useTranslations('moderator.header');
  const locale = useLocale();
  if (timeZone === 'Europe/Moscow') return t('zoneMoscow');
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(0);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** Local wall-clock time with seconds, e.g. "14:05:09". */
export function formatZonedTimeWithSeconds(at: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);
}
