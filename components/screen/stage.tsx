'use client';
// The running roll call: the speaker (or who is next) beside the countdown, the queue below, and a
// «Пауза» veil over it all while the session is paused.
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { Entry } from '@/lib/model';
import type { View } from '@/lib/protocol';
import { lineUp } from '@/lib/queue';
import { Countdown } from '@/components/live/countdown';
import { useLiveStore } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { ClockPanel, AllottedPanel } from './clock-panel';
import { HeartDrop } from './motif';
import { NextBlock, SpeakerBlock } from './speaker';
import { UpNext } from './up-next';
import { useFitScale } from './use-fit-scale';

const QUEUE_SIZE = 4;
// A constant: Countdown restarts its frame loop when its className changes.
const VEIL_CLOCK = 'countdown font-extrabold';

export function Stage({ view, message }: { view: View; message: string | null }) {
  const t = useTranslations('screen');
  const speaker = view.currentEntryId ? view.entries[view.currentEntryId] : undefined;
  const { order, entries, currentEntryId } = view;
  const line = useMemo(() => lineUp({ order, entries, currentEntryId }).slice(0, QUEUE_SIZE + 1), [order, entries, currentEntryId]);
  // Between speakers the first in line is the headline, so the strip below starts after it.
  const next = speaker ? undefined : line[0];
  const queue = speaker ? line.slice(0, QUEUE_SIZE) : line.slice(1, QUEUE_SIZE + 1);
  const paused = view.phase === 'paused';
  const shown = speaker ?? next;
  const fitRef = useFitScale<HTMLDivElement>([shown, message]);

  return (
    <>
      <div className="relative grid min-h-0 flex-1 grid-cols-[minmax(0,1.08fr)_minmax(0,1fr)] grid-rows-[minmax(0,1fr)] gap-[calc(var(--u)*4)]">
        <div ref={fitRef} className="scr-fit flex min-h-0 min-w-0 flex-col justify-center-safe overflow-hidden">
          {speaker ? (
            <SpeakerBlock key={speaker.id} entry={speaker} />
          ) : next ? (
            <NextBlock key={next.id} entry={next} />
          ) : (
            <div className="scr-enter flex flex-col scr-gap" data-testid="screen-idle">
              <p className="scr-2xl font-extrabold leading-tight text-ink">{t('queueDone')}</p>
              <p className="scr-lg text-ink-muted">{t('waitForModerator')}</p>
            </div>
          )}
        </div>
        <div className="scr-clock-cell flex min-h-0 min-w-0 items-center justify-center">
          {speaker ? (
            <ClockPanel key={speaker.id} entry={speaker} />
          ) : next ? (
            <AllottedPanel entry={next} />
          ) : (
            <HeartDrop className="scr-beat h-[calc(var(--u)*18)] w-auto opacity-80" />
          )}
        </div>
        {paused && <PauseVeil speaker={speaker} next={next} />}
      </div>
      <UpNext entries={queue} label={t('upNext')} compact={!!message} />
    </>
  );
}

/** Over the whole stage; it repeats who has the floor and their frozen countdown, so nothing is lost. */
function PauseVeil({ speaker, next }: { speaker?: Entry; next?: Entry }) {
  const t = useTranslations('screen');
  const store = useLiveStore();
  const name = useEntryName();
  return (
    <div
      data-testid="screen-paused"
      className="absolute -inset-[calc(var(--u)*1)] z-10 flex flex-col items-center justify-center gap-[calc(var(--u)*2)] rounded-[calc(var(--u)*2)] bg-canvas/85 backdrop-blur-[6px] transition-opacity duration-500 starting:opacity-0"
    >
      <div className="flex items-center gap-[calc(var(--u)*2.4)] rounded-full border-2 border-status-warning/70 bg-surface/90 px-[calc(var(--u)*3.6)] py-[calc(var(--u)*1.2)] shadow-[0_0_calc(var(--u)*6)_rgb(245_158_11/0.15)]">
        <svg viewBox="0 0 24 24" aria-hidden="true" className="size-[calc(var(--u)*5.5)] text-status-warning">
          <rect x="5" y="4" width="5" height="16" rx="1.5" fill="currentColor" />
          <rect x="14" y="4" width="5" height="16" rx="1.5" fill="currentColor" />
        </svg>
        <span className="scr-pause font-extrabold tracking-tight text-ink">{t('paused')}</span>
      </div>
      {speaker ? (
        <p className="flex max-w-full flex-wrap items-baseline justify-center gap-x-[0.6em] px-[calc(var(--u)*2)] text-center scr-xl text-ink-muted [overflow-wrap:anywhere]">
          <span className="min-w-0 font-semibold text-ink">{name(speaker)}</span>
          <span aria-hidden="true">·</span>
          <Countdown store={store} entryId={speaker.id} className={VEIL_CLOCK} />
        </p>
      ) : next ? (
        <p className="max-w-full px-[calc(var(--u)*2)] text-center scr-xl text-ink-muted [overflow-wrap:anywhere]">
          {t('nextIs', { name: name(next) })}
        </p>
      ) : null}
      <p className="scr-lg text-ink-muted">{t('pausedHint')}</p>
    </div>
  );
}
