'use client';
// The two facts around the registration form: by when to send (in the reader's own time, with what
// is left) and what the organisers already have (the server's registeredAt, never a local guess).
// Small leaves, since they re-render each server second.
import { useLocale, useTranslations } from 'next-intl';
import { useLive } from '@/components/live/live-provider';
import { useServerNow } from '@/components/live/use-server-now';
import { cn } from '@/components/ui';
import { formatLocalDate, formatLocalTime, sameLocalDay } from './join-state';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The deadline parsed, or null when the organisers set none (or it is not a date). */
export function useRegistrationDeadline(): number | null {
  const iso = useLive((s) => s.view?.event.registrationDeadline ?? null);
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(at) ? at : null;
}

export function RegistrationDeadline({ deadline }: { deadline: number }) {
  const t = useTranslations('join.registration.deadline');
  const locale = useLocale();
  const now = useServerNow();
  const left = deadline - now;
  const passed = left <= 0;
  const remaining = passed
    ? t('passed')
    : left >= DAY
      ? t('leftDays', { count: Math.floor(left / DAY) })
      : left >= HOUR
        ? t('leftHours', { count: Math.floor(left / HOUR) })
        : t('leftMinutes', { count: Math.floor(left / MINUTE) });
  const soon = !passed && left < 2 * DAY;

  return (
    <div
      data-testid="registration-deadline"
      data-deadline={deadline}
      data-passed={passed}
      className={cn('rounded-xl border px-4 py-3', passed ? 'border-status-warning/70 bg-status-warning/10' : 'border-line bg-surface-2')}
    >
      <p className="text-sm font-bold tracking-wide text-ink-muted uppercase">{t('label')}</p>
      <p className="mt-0.5 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="text-lg font-bold">
          {t('at', { date: formatLocalDate(deadline, locale), time: formatLocalTime(deadline, locale) })}
        </span>
        <span
          data-testid="registration-deadline-left"
          className={cn(
            'rounded-full px-2.5 py-0.5 text-sm font-bold',
            passed
              ? 'bg-status-warning text-black'
              : soon
                ? 'bg-status-warning/20 text-status-warning'
                : 'bg-status-normal/15 text-status-normal',
          )}
        >
          {remaining}
        </span>
      </p>
      {passed && <p className="mt-2 text-base text-ink">{t('late')}</p>}
    </div>
  );
}

/** «Данные отправлены организаторам сегодня в 14:05», plus a note when unsent edits are waiting. */
export function RegistrationSaved({ registeredAt, deadline, unsent }: { registeredAt: number; deadline: number | null; unsent: boolean }) {
  const t = useTranslations('join.registration.saved');
  const locale = useLocale();
  const now = useServerNow();
  const time = formatLocalTime(registeredAt, locale);
  const when = sameLocalDay(registeredAt, now) ? t('today', { time }) : t('on', { date: formatLocalDate(registeredAt, locale), time });
  const late = deadline !== null && registeredAt > deadline;

  return (
    <div
      data-testid="registration-saved"
      data-registered-at={registeredAt}
      data-unsent={unsent}
      className="flex gap-3 rounded-xl border-2 border-status-normal/70 bg-status-normal/10 px-4 py-3"
    >
      <span
        aria-hidden="true"
        className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-status-normal text-base font-black text-black"
      >
        ✓
      </span>
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-lg leading-snug font-bold">
          {t('title', { when })}
          {late && <span className="font-semibold text-status-warning"> · {t('late')}</span>}
        </p>
        <p className={cn('text-base', unsent ? 'font-semibold text-status-warning' : 'text-ink-muted')}>
          {unsent ? t('unsent') : t('hint')}
        </p>
      </div>
    </div>
  );
}
