'use client';
// How the cities' own registration stands: «Зарегистрировались 12 из 34», a bar, the deadline and
// whether it has passed. Guests are invited, not registered, so they are not counted.
import { useLocale, useTranslations } from 'next-intl';
import { useServerNow } from '@/components/live/use-server-now';
import type { Entry, EventInfo, Phase } from '@/lib/model';
import { formatZonedDateTime } from './zoned-time';

export function RegistrationSummary({
  entries,
  order,
  event,
  phase,
}: {
  entries: Record<string, Entry>;
  order: string[];
  event: EventInfo;
  phase: Phase;
}) {
  const t = useTranslations('setup.registration');
  const locale = useLocale();
  const cities = order.map((id) => entries[id]).filter((e): e is Entry => e?.kind === 'city');
  const registered = cities.filter((e) => e.registeredAt !== null).length;
  const share = cities.length ? registered / cities.length : 0;

  return (
    <div
      className="flex flex-wrap items-center gap-x-5 gap-y-2 rounded-xl border border-line bg-surface-2 px-4 py-3"
      data-testid="registration-summary"
    >
      <div className="flex min-w-[16rem] flex-1 flex-col gap-1.5">
        <p
          className="text-base font-bold text-ink"
          data-testid="registration-count"
          data-registered={registered}
          data-total={cities.length}
        >
          {t('count', { count: registered, total: cities.length })}
        </p>
        <div
          className="h-2 overflow-hidden rounded-full bg-surface-3"
          role="progressbar"
          aria-label={t('progress')}
          aria-valuemin={0}
          aria-valuemax={cities.length}
          aria-valuenow={registered}
        >
          <div className="h-full rounded-full bg-status-normal transition-[width]" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      </div>
      <Deadline event={event} phase={phase} locale={locale} pending={cities.length - registered} />
    </div>
  );
}

function Deadline({ event, phase, locale, pending }: { event: EventInfo; phase: Phase; locale: string; pending: number }) {
  const t = useTranslations('setup.registration');
  const now = useServerNow();
  if (phase !== 'planned') return <p className="text-sm font-semibold text-status-warning">{t('closedStarted')}</p>;
  if (!event.registrationDeadline) return <p className="text-sm text-ink-muted">{t('noDeadline')}</p>;
  const at = Date.parse(event.registrationDeadline);
  const when = formatZonedDateTime(at, event.timeZone, locale);
  const passed = now >= at;
  return (
    <div className="flex flex-col text-sm" data-testid="registration-deadline" data-passed={passed}>
      <span className={passed ? 'font-semibold text-status-warning' : 'text-ink'}>
        {passed ? t('deadlinePassed', { when }) : t('deadline', { when })}
      </span>
      {pending > 0 && <span className="text-ink-muted">{t('pending', { count: pending })}</span>}
    </div>
  );
}
