'use client';
// Place in the queue and when the turn is likely to come, in the attendee's own time and, when it
// differs, in the city's. Re-renders once per server second; kept small for that reason.
import { useLocale, useTranslations } from 'next-intl';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { useServerNow } from '@/components/live/use-server-now';
import { formatZonedTime } from '@/lib/format';
import { formatLocalDate, formatLocalTime, queuePlace, sameLocalDay } from './join-state';

export function JoinQueue({ entryId, showPosition = true }: { entryId: string; showPosition?: boolean }) {
  const t = useTranslations('join');
  const locale = useLocale();
  const view = useLive((s) => s.view);
  const now = useServerNow();
  const entryName = useEntryName();
  const entry = view?.entries[entryId];
  if (!view || !entry) return null;

  const place = queuePlace(view, entryId, now);
  const localTime = formatLocalTime(place.etaAt, locale);
  let cityTime: string | null = null;
  try {
    cityTime = formatZonedTime(place.etaAt, entry.timeZone, locale);
  } catch {
    cityTime = null;
  }
  const relative = relativeText(place.etaAt - now, t);
  // A turn on another day (the plan before the event) needs its date, not only the hour.
  const day = sameLocalDay(place.etaAt, now) ? null : formatLocalDate(place.etaAt, locale);
  const note =
    view.phase === 'paused'
      ? t('eta.paused')
      : place.fromPlannedStart
        ? t('eta.planned')
        : view.phase === 'planned'
          ? t('eta.approximate')
          : null;

  return (
    <div className="flex flex-col gap-4">
      {showPosition && (
        <div>
          <p
            data-testid="join-position"
            data-position={place.position}
            className="text-[clamp(1.6rem,7.5vw,2.75rem)] leading-tight font-extrabold"
          >
            {t('position', { position: place.position })}
          </p>
          <p className="mt-1 text-lg text-ink-muted">{t('ahead', { count: place.ahead })}</p>
        </div>
      )}
      <div data-testid="join-eta" data-eta={place.etaAt} data-approximate={place.approximate} className="rounded-xl bg-surface-2 px-4 py-3">
        <p className="text-base text-ink-muted">{t('eta.label')}</p>
        <p className="flex flex-wrap items-baseline gap-x-3">
          {day && <span className="w-full text-xl font-bold">{day}</span>}
          <span className="countdown text-5xl font-black tracking-tight">
            {place.approximate && <span className="text-ink-muted">~</span>}
            {localTime}
          </span>
          <span className="text-base text-ink-muted">
            {t('eta.yourTime')}
            {relative && ` · ${relative}`}
          </span>
        </p>
        {cityTime && cityTime !== localTime && (
          <p className="mt-1 text-base font-semibold">{t('eta.cityTime', { time: cityTime, city: entryName(entry) })}</p>
        )}
        {note && <p className="mt-2 text-sm text-status-warning">{note}</p>}
      </div>
    </div>
  );
}

function relativeText(ms: number, t: ReturnType<typeof useTranslations<'join'>>): string | null {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return t('eta.in', { minutes });
  if (minutes < 24 * 60) return t('eta.inHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return null;
}
