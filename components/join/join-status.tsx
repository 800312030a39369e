'use client';
// The entry's state, readable at a glance: its place and time in the queue, "you are next", its own
// big countdown while it speaks, or a thank-you when it is done.
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Countdown } from '@/components/live/countdown';
import { useLive, useLiveStore } from '@/components/live/live-provider';
import { serverNow } from '@/components/live/live-store';
import { useEntryName } from '@/components/live/live-text';
import { useServerNow } from '@/components/live/use-server-now';
import { cn } from '@/components/ui';
import { countdownFace, formatDuration } from '@/lib/format';
import { allottedTotalMs, clockTone, overtimeMs, remainingMs, usedMs } from '@/lib/time';
import { JoinQueue } from './join-queue';
import { formatLocalDate, formatLocalTime, sameLocalDay, type JoinStatus } from './join-state';

const FRAME: Record<JoinStatus, string> = {
  planned: 'border-line bg-surface',
  waiting: 'border-line bg-surface',
  next: 'border-accent bg-accent/10 ring-4 ring-accent/25',
  speaking: 'border-accent bg-accent/15 ring-4 ring-accent/30',
  done: 'border-status-normal/60 bg-status-normal/10',
  deferred: 'border-status-warning/60 bg-surface',
  absent: 'border-line bg-surface',
};

export function JoinStatusCard({ entryId, status }: { entryId: string; status: JoinStatus }) {
  const phase = useLive((s) => s.view?.phase ?? 'planned');
  const finished = phase === 'finished' && status !== 'done' && status !== 'speaking';

  return (
    <section
      data-testid="join-status"
      data-status={status}
      data-phase={phase}
      aria-labelledby="join-status-title"
      className={cn('flex flex-col gap-5 rounded-2xl border-2 px-5 py-6 sm:px-7', FRAME[status])}
    >
      {finished ? <Finished /> : <StatusBody entryId={entryId} status={status} />}
    </section>
  );
}

function Title({ children, tone = 'text-ink', pulse = false }: { children: ReactNode; tone?: string; pulse?: boolean }) {
  return (
    <h2
      id="join-status-title"
      className={cn('flex items-center gap-3 text-[clamp(1.5rem,6.5vw,2.4rem)] leading-tight font-extrabold', tone)}
    >
      {pulse && (
        <span aria-hidden="true" className="relative flex size-4 shrink-0">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-accent opacity-75" />
          <span className="relative inline-flex size-4 rounded-full bg-accent" />
        </span>
      )}
      <span>{children}</span>
    </h2>
  );
}

function StatusBody({ entryId, status }: { entryId: string; status: JoinStatus }) {
  const t = useTranslations('join.status');
  switch (status) {
    case 'planned':
      return (
        <>
          <Title tone="text-ink-muted">{t('planned.title')}</Title>
          <PlannedStart />
          <JoinQueue entryId={entryId} />
        </>
      );
    case 'waiting':
      return (
        <>
          <h2 id="join-status-title" className="text-sm font-bold tracking-wide text-ink-muted uppercase">
            {t('waiting.title')}
          </h2>
          <JoinQueue entryId={entryId} />
          <p className="text-base text-ink-muted">{t('waiting.hint')}</p>
        </>
      );
    case 'next':
      return <Next />;
    case 'speaking':
      return <Speaking entryId={entryId} />;
    case 'done':
      return <Done entryId={entryId} />;
    case 'deferred':
      return (
        <>
          <Title tone="text-status-warning">{t('deferred.title')}</Title>
          <p className="text-lg text-ink-muted">{t('deferred.body')}</p>
          <JoinQueue entryId={entryId} />
        </>
      );
    case 'absent':
      return (
        <>
          <Title tone="text-ink-muted">{t('absent.title')}</Title>
          <p className="text-lg">{t('absent.body')}</p>
        </>
      );
    default:
      return status satisfies never;
  }
}

function PlannedStart() {
  const t = useTranslations('join.status.planned');
  const locale = useLocale();
  const plannedStart = useLive((s) => s.view?.event.plannedStart ?? '');
  const now = useServerNow();
  const at = Date.parse(plannedStart);
  if (!Number.isFinite(at)) return null;
  const time = formatLocalTime(at, locale);
  return (
    <p className="text-lg text-ink-muted">
      {sameLocalDay(at, now) ? t('start', { time }) : t('startOn', { date: formatLocalDate(at, locale), time })}
    </p>
  );
}

function Next() {
  const t = useTranslations('join.status.next');
  const store = useLiveStore();
  const speaker = useLive((s) => (s.view?.currentEntryId ? s.view.entries[s.view.currentEntryId] : undefined));
  const entryName = useEntryName();
  return (
    <>
      <Title tone="text-accent-ink" pulse>
        {t('title')}
      </Title>
      {speaker ? (
        <div className="flex flex-col gap-1">
          <p className="text-lg text-ink-muted">
            {t('speaker', { name: entryName(speaker) })}, <SpeakerClockLabel entryId={speaker.id} />
          </p>
          <Countdown store={store} entryId={speaker.id} className="countdown text-[clamp(4rem,22vw,7rem)] font-black tracking-tight" />
        </div>
      ) : (
        <p className="text-xl font-semibold">{t('nobody')}</p>
      )}
      <p className="text-lg">{t('hint')}</p>
    </>
  );
}

/** «осталось» while the speaker has time, «перерасход» once over it (the face then counts up). */
function SpeakerClockLabel({ entryId }: { entryId: string }) {
  const t = useTranslations('join.status.next');
  const entry = useLive((s) => s.view?.entries[entryId]);
  const now = useServerNow();
  const over = !!entry && remainingMs(entry, now) < 0;
  return (
    <span data-testid="join-next-clock-label" className={over ? 'font-semibold text-status-overtime' : undefined}>
      {over ? t('overtime') : t('remaining')}
    </span>
  );
}

function Speaking({ entryId }: { entryId: string }) {
  const t = useTranslations('join.status.speaking');
  const paused = useLive((s) => s.view?.phase === 'paused');
  return (
    <>
      <Title tone="text-ink" pulse>
        {t('title')}
      </Title>
      <div className="flex flex-col items-center gap-2 py-2">
        <SpeakingClock entryId={entryId} />
        <SpeakingFigures entryId={entryId} />
      </div>
      {paused && (
        <p role="status" className="rounded-lg bg-status-warning/15 px-4 py-2 text-center text-lg font-bold text-status-warning">
          {t('paused')}
        </p>
      )}
    </>
  );
}

// Font size as a share of the card's width by the number of characters on the face, so "3:00" is
// as big as it can be and "+12:05" in overtime still fits on a phone.
const CLOCK_SIZE = [
  'text-[min(36cqw,13rem)]',
  'text-[min(29cqw,13rem)]',
  'text-[min(24cqw,13rem)]',
  'text-[min(20cqw,13rem)]',
  'text-[min(17cqw,13rem)]',
] as const;

function SpeakingClock({ entryId }: { entryId: string }) {
  const store = useLiveStore();
  const entry = useLive((s) => s.view?.entries[entryId]);
  const warnMs = useLive((s) => s.view?.event.warnMs ?? 0);
  const now = useServerNow();
  const length = entry ? countdownFace(entry, now, warnMs).text.length : 4;
  const size = CLOCK_SIZE[Math.min(CLOCK_SIZE.length - 1, Math.max(0, length - 4))];
  return (
    <div className="@container w-full">
      <Countdown
        store={store}
        entryId={entryId}
        className={`countdown block text-center font-black tracking-tighter whitespace-nowrap ${size}`}
      />
    </div>
  );
}

/** Time used of allotted, and a word (not only a colour) when time is short or over. */
function SpeakingFigures({ entryId }: { entryId: string }) {
  const t = useTranslations('join.status.speaking');
  const entry = useLive((s) => s.view?.entries[entryId]);
  const warnMs = useLive((s) => s.view?.event.warnMs ?? 0);
  const now = useServerNow();
  if (!entry) return null;
  const tone = clockTone(remainingMs(entry, now), warnMs);
  return (
    <>
      <p data-testid="join-used" className="countdown text-xl text-ink-muted">
        {t('used', { used: formatDuration(usedMs(entry, now)), allotted: formatDuration(allottedTotalMs(entry)) })}
      </p>
      {tone !== 'normal' && (
        <p className={cn('text-xl font-extrabold', tone === 'overtime' ? 'text-status-overtime' : 'text-status-warning')}>
          {tone === 'overtime' ? t('overtime') : t('warning')}
        </p>
      )}
    </>
  );
}

function Done({ entryId }: { entryId: string }) {
  const t = useTranslations('join.status.done');
  const store = useLiveStore();
  const entry = useLive((s) => s.view?.entries[entryId]);
  if (!entry) return null;
  // Every turn is closed, so these figures no longer move.
  const now = serverNow(store.getState());
  const over = overtimeMs(entry, now);
  return (
    <>
      <Title tone="text-status-normal">{t('title')}</Title>
      <p data-testid="join-used" className="countdown text-xl font-semibold sm:text-2xl">
        {t('used', { used: formatDuration(usedMs(entry, now)), allotted: formatDuration(allottedTotalMs(entry)) })}
      </p>
      <p className={cn('text-lg font-semibold', over >= 1000 ? 'text-status-overtime' : 'text-status-normal')}>
        {over >= 1000 ? t('overtime', { time: formatDuration(over) }) : t('onTime')}
      </p>
    </>
  );
}

function Finished() {
  const t = useTranslations('join.status.finished');
  return (
    <>
      <Title>{t('title')}</Title>
      <p className="text-lg text-ink-muted">{t('body')}</p>
    </>
  );
}
