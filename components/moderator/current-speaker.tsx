'use client';
// Who has the floor, with the big countdown. The countdown draws itself; only the small "used"
// line re-renders each second.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { Countdown } from '@/components/live/countdown';
import { useLive, useLiveStore } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { useServerNow } from '@/components/live/use-server-now';
import { Badge, Button, cn } from '@/components/ui';
import { formatDuration, formatZonedTime } from '@/lib/format';
import { shownNext, videoLinkDown } from '@/lib/queue';
import { allottedTotalMs, clockTone, remainingMs, spanMs, usedMs } from '@/lib/time';
import { presenceOf } from '@/lib/view';
import { KindLabel, PresenceBadge } from './badges';
import { AlertIcon, ClockIcon } from './icons';
import { useConsoleActions } from './use-console-actions';
import { useMinuteNow } from './use-clock';

// Stable string: Countdown redraws its class list when this changes.
const COUNTDOWN_CLASS = 'countdown block py-1 text-[5.5rem] font-black tracking-tight xl:text-[6rem]';

export function CurrentSpeaker() {
  const t = useTranslations('moderator.speaker');
  const store = useLiveStore();
  const entryName = useEntryName();
  const currentId = useLive((s) => s.view?.currentEntryId ?? null);
  const entry = useLive((s) => (currentId ? s.view?.entries[currentId] : undefined));
  const phase = useLive((s) => s.view?.phase ?? 'planned');
  const presence = useLive((s) => (s.view && entry ? presenceOf(entry, s.view) : null));
  const nextId = useLive((s) => (s.view ? shownNext(s.view) : null));
  const nextEntry = useLive((s) => (nextId ? s.view?.entries[nextId] : undefined));
  const name = entry ? entryName(entry) : null;

  return (
    <section
      data-testid="current-speaker"
      data-entry-id={currentId ?? ''}
      data-phase={phase}
      aria-labelledby="current-speaker-title"
      className={cn(
        'relative flex flex-col gap-2 overflow-hidden rounded-xl border bg-surface p-4',
        entry ? 'border-accent/70' : 'border-line',
        phase === 'paused' && 'border-status-warning',
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="current-speaker-title" className="mr-auto text-xs font-bold tracking-[0.14em] text-ink-muted uppercase">
          {t('title')}
        </h2>
        {phase === 'paused' && (
          <Badge tone="warning" className="animate-pulse px-2 py-0 text-xs" data-testid="paused-badge">
            ❚❚ {t('paused')}
          </Badge>
        )}
        {entry && presence && <PresenceBadge presence={presence} attendance={entry.attendance} />}
        {entry && <LocalTime timeZone={entry.timeZone} />}
      </div>

      {entry && name ? (
        <>
          <div className="flex min-w-0 flex-col gap-0.5">
            <p
              className="min-w-0 text-[1.75rem] leading-tight font-extrabold tracking-tight [overflow-wrap:anywhere]"
              data-testid="speaker-name"
            >
              {name} <KindLabel kind={entry.kind} className="align-middle" />
            </p>
            <p className="line-clamp-2 text-sm text-ink-muted" title={entry.position}>
              <span className="font-semibold text-ink">{entry.representative}</span>
              {entry.position && <> · {entry.position}</>}
            </p>
          </div>
          <ConnectionLost entryId={entry.id} name={name} />
          {/* Dimmed while paused, so a glance tells a stopped clock from a running one. */}
          <div className={cn('transition-opacity', phase === 'paused' && 'opacity-55')}>
            <Countdown store={store} entryId={entry.id} className={COUNTDOWN_CLASS} />
          </div>
          <UsedLine entryId={entry.id} />
        </>
      ) : (
        <IdleState
          phase={phase}
          nextName={nextEntry ? entryName(nextEntry) : null}
          nextAllottedMs={nextEntry ? allottedTotalMs(nextEntry) : 0}
        />
      )}

      <p className="sr-only" aria-live="polite" data-testid="speaker-announcement">
        {name ? t('announce', { name }) : phase === 'live' || phase === 'paused' ? t('announceNone') : ''}
      </p>
    </section>
  );
}

function IdleState({ phase, nextName, nextAllottedMs }: { phase: string; nextName: string | null; nextAllottedMs: number }) {
  const t = useTranslations('moderator.speaker');
  const title = phase === 'planned' ? t('notStarted') : phase === 'finished' ? t('finished') : t('nobody');
  return (
    <div className="flex flex-col gap-2 py-2">
      <p className="text-2xl font-bold text-ink">{title}</p>
      {phase === 'planned' && <p className="text-ink-muted">{t('notStartedHint')}</p>}
      {phase === 'finished' && <SessionLength />}
      {phase === 'finished' && (
        <Link
          href="/report/current"
          className="self-start font-semibold text-accent-ink underline underline-offset-4 hover:text-ink"
          data-testid="speaker-report-link"
        >
          {t('report')}
        </Link>
      )}
      {(phase === 'live' || phase === 'paused') && (
        <p className="text-ink-muted">{nextName ? t('nextHint', { name: nextName }) : t('queueEmpty')}</p>
      )}
      {/* The next speaker's full allotment, dimmed: what the clock will start from. */}
      <span aria-hidden="true" className="countdown text-[5.5rem] font-black text-ink-muted/55 xl:text-[6.25rem]">
        {formatDuration(phase === 'finished' ? 0 : nextAllottedMs)}
      </span>
    </div>
  );
}

/**
 * The speaker takes part by video and their page has dropped: said loudly, with the two ways out
 * one click away (pause the session, or let them return later and move on).
 */
function ConnectionLost({ entryId, name }: { entryId: string; name: string }) {
  const t = useTranslations('moderator.speaker');
  const actions = useConsoleActions();
  const lost = useLive((s) => {
    const entry = s.view?.entries[entryId];
    return !!entry && !!s.view && videoLinkDown(entry, s.view) !== null;
  });
  const phase = useLive((s) => s.view?.phase);
  const connected = useLive((s) => s.status === 'live');
  if (!lost) return null;
  return (
    <div
      role="alert"
      data-testid="speaker-connection-lost"
      className="flex flex-col gap-2 rounded-lg border-2 border-status-overtime bg-status-overtime/15 px-3 py-2.5"
    >
      <p className="flex items-center gap-2 font-bold text-danger-ink">
        <AlertIcon className="shrink-0" /> {t('lostTitle', { name })}
      </p>
      <p className="text-sm text-ink">{t('lostBody')}</p>
      <div className="flex flex-wrap gap-2">
        {phase === 'live' && (
          <Button size="sm" data-testid="lost-pause" disabled={!connected} onClick={() => void actions.pause()}>
            ❚❚ {t('lostPause')}
          </Button>
        )}
        <Button
          size="sm"
          variant="secondary"
          data-testid="lost-defer"
          disabled={!connected}
          onClick={() => void actions.defer(entryId, true)}
        >
          ↻ {t('lostDefer')}
        </Button>
      </div>
    </div>
  );
}

function SessionLength() {
  const t = useTranslations('moderator.speaker');
  const session = useLive((s) => s.view?.session ?? null);
  if (!session) return null;
  return <p className="text-ink-muted">{t('finishedHint', { time: formatDuration(spanMs(session, session.endedAt ?? 0)) })}</p>;
}

function LocalTime({ timeZone }: { timeZone: string }) {
  const t = useTranslations('moderator.queue');
  const locale = useLocale();
  const now = useMinuteNow();
  return (
    <span
      className="countdown inline-flex items-center gap-1 text-sm text-ink-muted"
      data-testid="speaker-local-time"
      title={t('localTime')}
    >
      <ClockIcon />
      <span className="sr-only">{t('localTime')}: </span>
      <span className="font-semibold text-ink">{formatZonedTime(now, timeZone, locale)}</span>
    </span>
  );
}

/** "Used 1:23 of 3:00", a progress bar, turns and extensions; re-renders each server second. */
function UsedLine({ entryId }: { entryId: string }) {
  const t = useTranslations('moderator.speaker');
  const entry = useLive((s) => s.view?.entries[entryId]);
  const warnMs = useLive((s) => s.view?.event.warnMs ?? 0);
  const now = useServerNow();
  if (!entry) return null;
  const used = usedMs(entry, now);
  const allotted = allottedTotalMs(entry);
  const tone = clockTone(remainingMs(entry, now), warnMs);
  const ratio = allotted > 0 ? Math.min(1, used / allotted) : 1;
  const bar = { normal: 'bg-status-normal', warning: 'bg-status-warning', overtime: 'bg-status-overtime' }[tone];
  return (
    <div className="flex flex-col gap-2">
      <div className="h-2 overflow-hidden rounded-full bg-surface-3" aria-hidden="true">
        <div className={cn('h-full rounded-full transition-[width] duration-500', bar)} style={{ width: `${ratio * 100}%` }} />
      </div>
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-ink-muted">
        <span className="countdown font-semibold text-ink" data-testid="speaker-used">
          {t('used', { used: formatDuration(used), allotted: formatDuration(allotted) })}
        </span>
        <span data-testid="speaker-turns">{t('turns', { count: entry.turns.length })}</span>
        {entry.extraMs !== 0 && (
          <span className={entry.extraMs > 0 ? 'text-status-warning' : ''}>
            {entry.extraMs > 0
              ? t('extended', { time: formatDuration(entry.extraMs) })
              : t('shortened', { time: formatDuration(-entry.extraMs) })}
          </span>
        )}
      </p>
    </div>
  );
}
