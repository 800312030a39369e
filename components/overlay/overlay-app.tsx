'use client';
// /overlay: on-air graphics over the stream (OBS/vMix browser source, transparent page). A read-only
// viewer like /screen, fed by the same socket store; ?layout=lower-third|corner-timer|next-up,
// ?lang=ru|en, ?scale= and ?safe= (see overlay-options.ts). The lower third comes in with each turn
// and goes when the floor is free.
import './overlay.css';
import { NextIntlClientProvider, useLocale, useTranslations } from 'next-intl';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { Countdown } from '@/components/live/countdown';
import { LiveProvider, useLive, useLiveStore } from '@/components/live/live-provider';
import { useServerNow } from '@/components/live/use-server-now';
import { formatZonedTime } from '@/lib/format';
import type { Entry } from '@/lib/model';
import { lineUp } from '@/lib/queue';
import ruOverlay from '@/messages/ru/overlay.json';
import enOverlay from '@/messages/en/overlay.json';
import { overlayOptions } from './overlay-options';

const NO_CREDENTIALS = {};
const CATALOGUES = { ru: ruOverlay, en: enOverlay };

export function OverlayApp() {
  // Before hydration an empty root: the page is transparent from its first paint.
  return (
    <LiveProvider credentials={NO_CREDENTIALS} fallback={<div className="ovl-root" />}>
      <Overlay />
    </LiveProvider>
  );
}

/** Rendered only once hydrated (LiveProvider), so the address is there to read. */
function Overlay() {
  const [options] = useState(() => overlayOptions(window.location.search));
  const pageLocale = useLocale();
  const locale = options.lang ?? pageLocale;
  useEffect(() => {
    document.documentElement.classList.add('ovl-page');
    return () => document.documentElement.classList.remove('ovl-page');
  }, []);
  const style = { '--ovl-scale': options.scale, '--ovl-safe': options.safe } as CSSProperties;
  return (
    <NextIntlClientProvider locale={locale} messages={CATALOGUES[locale === 'en' ? 'en' : 'ru']} timeZone="Europe/Moscow">
      <div className="ovl-root" style={style} data-testid="overlay" data-layout={options.layout} lang={locale}>
        {options.layout === 'lower-third' ? <LowerThird /> : options.layout === 'corner-timer' ? <CornerTimer /> : <NextUp />}
      </div>
    </NextIntlClientProvider>
  );
}

function useName(): (entry: Pick<Entry, 'nameRu' | 'nameEn'>) => string {
  const locale = useLocale();
  return (entry) => (locale === 'en' && entry.nameEn ? entry.nameEn : entry.nameRu);
}

/** The speaker now, and the last one for as long as their block is leaving. */
function useSpeaker(): { entry: Entry | null; leaving: boolean } {
  const current = useLive((s) => (s.view?.currentEntryId ? (s.view.entries[s.view.currentEntryId] ?? null) : null));
  const [last, setLast] = useState<Entry | null>(null);
  if (current && current !== last) setLast(current);
  return { entry: current ?? last, leaving: !current };
}

function Clock({ entryId, className }: { entryId: string; className: string }) {
  const store = useLiveStore();
  const paused = useLive((s) => s.view?.phase === 'paused');
  const t = useTranslations('overlay');
  return (
    <span className="flex flex-col items-center leading-none">
      <Countdown store={store} entryId={entryId} className={`font-extrabold tabular-nums ${className}`} />
      {paused && (
        <span className="mt-[calc(var(--u)*0.5)] text-[calc(var(--u)*1.6)] font-bold tracking-[0.12em] text-status-warning uppercase">
          {t('paused')}
        </span>
      )}
    </span>
  );
}

function LowerThird() {
  const t = useTranslations('overlay');
  const name = useName();
  const { entry, leaving } = useSpeaker();
  const serverTime = useServerNow();
  const locale = useLocale();
  if (!entry) return null;
  const who = [entry.representative, entry.position].filter(Boolean).join(', ');
  return (
    <div className="absolute inset-[calc(var(--ovl-safe)*1vh)] flex items-end">
      <div
        key={entry.id}
        data-testid="overlay-lower-third"
        data-state={leaving ? 'out' : 'in'}
        className={`ovl-panel flex max-w-[72%] items-stretch overflow-hidden ${leaving ? 'ovl-leave' : 'ovl-enter'}`}
      >
        <span aria-hidden="true" className="w-[calc(var(--u)*0.9)] shrink-0 bg-accent" />
        <div className="flex min-w-0 flex-col justify-center gap-[calc(var(--u)*0.5)] px-[calc(var(--u)*2.4)] py-[calc(var(--u)*1.6)]">
          <span className="text-[calc(var(--u)*1.7)] font-bold tracking-[0.14em] text-accent-ink uppercase">
            {t('nowSpeaking')}
            <span className="ml-[1em] font-semibold tracking-normal text-white/75 normal-case">
              {t('localTime', { time: formatZonedTime(serverTime, entry.timeZone, locale) })}
            </span>
          </span>
          <span data-testid="overlay-name" className="truncate text-[calc(var(--u)*5)] leading-[1.05] font-extrabold">
            {name(entry)}
          </span>
          {(who || entry.attendance === 'online') && (
            <span className="truncate text-[calc(var(--u)*2.2)] text-white/85">
              {who}
              {entry.attendance === 'online' && (
                <span className="text-white/60">
                  {who ? ' · ' : ''}
                  {t('online')}
                </span>
              )}
            </span>
          )}
        </div>
        <div className="flex shrink-0 items-center border-l border-white/15 px-[calc(var(--u)*2.4)]">
          <Clock entryId={entry.id} className="text-[calc(var(--u)*5.4)]" />
        </div>
      </div>
    </div>
  );
}

function CornerTimer() {
  const name = useName();
  const { entry, leaving } = useSpeaker();
  if (!entry) return null;
  return (
    <div className="absolute inset-[calc(var(--ovl-safe)*1vh)] flex items-start justify-end">
      <div
        key={entry.id}
        data-testid="overlay-corner-timer"
        data-state={leaving ? 'out' : 'in'}
        className={`ovl-panel flex min-w-[calc(var(--u)*22)] flex-col items-center gap-[calc(var(--u)*0.6)] px-[calc(var(--u)*2.4)] py-[calc(var(--u)*1.4)] ${leaving ? 'ovl-leave' : 'ovl-enter'}`}
      >
        <Clock entryId={entry.id} className="text-[calc(var(--u)*8)]" />
        <span
          data-testid="overlay-name"
          className="max-w-[calc(var(--u)*40)] truncate text-[calc(var(--u)*2.2)] font-semibold text-white/90"
        >
          {name(entry)}
        </span>
      </div>
    </div>
  );
}

function NextUp() {
  const t = useTranslations('overlay');
  const name = useName();
  const { entry, leaving } = useSpeaker();
  const view = useLive((s) => s.view);
  const next = view && view.phase !== 'finished' ? lineUp(view).slice(0, 3) : [];
  if (!view || (!entry && next.length === 0)) return null;
  return (
    <div className="absolute inset-[calc(var(--ovl-safe)*1vh)] flex items-end justify-end">
      <div
        data-testid="overlay-next-up"
        className="ovl-panel flex w-[calc(var(--u)*64)] max-w-full flex-col gap-[calc(var(--u)*1.2)] px-[calc(var(--u)*2.4)] py-[calc(var(--u)*2)]"
      >
        {entry && !leaving && (
          <Section title={t('nowSpeaking')}>
            <div className="flex items-center justify-between gap-[calc(var(--u)*2)]">
              <span data-testid="overlay-name" className="truncate text-[calc(var(--u)*3.4)] font-extrabold">
                {name(entry)}
              </span>
              <Clock entryId={entry.id} className="text-[calc(var(--u)*3.6)]" />
            </div>
          </Section>
        )}
        {next.length > 0 && (
          <Section title={t('upNext')}>
            <ol className="flex flex-col gap-[calc(var(--u)*0.5)]" data-testid="overlay-next">
              {next.map((e) => (
                <li key={e.id} className="flex items-baseline gap-[calc(var(--u)*1.2)] text-[calc(var(--u)*2.6)] font-semibold">
                  <span className="w-[2ch] text-right text-white/55 tabular-nums">{view.order.indexOf(e.id) + 1}</span>
                  <span className="truncate">{name(e)}</span>
                </li>
              ))}
            </ol>
          </Section>
        )}
      </div>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-[calc(var(--u)*0.6)]">
      <h2 className="text-[calc(var(--u)*1.6)] font-bold tracking-[0.14em] text-accent-ink uppercase">{title}</h2>
      {children}
    </section>
  );
}
