'use client';
// Messages from the moderator. The server sends this page only what is meant for it (its own entry,
// all screens, and the speaker while it has the floor); the newest is shown big, a new one buzzes.
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useLive } from '@/components/live/live-provider';
import { cn } from '@/components/ui';
import type { Message } from '@/lib/model';
import { formatLocalTime } from './join-state';
import { vibrate } from './vibrate';

const FRESH_MS = 6_000;
const OLDER_SHOWN = 2;

export function JoinMessages({ entryId }: { entryId: string }) {
  const t = useTranslations('join.messages');
  const locale = useLocale();
  const messages = useLive((s) => s.view?.messages);
  const sorted = [...(messages ?? [])].sort((a, b) => b.sentAt - a.sentAt);
  const newest = sorted[0];
  const fresh = useFreshness(newest?.id ?? null);

  const targetLabel = (m: Message) =>
    t(m.target === 'screens' ? 'target.screens' : m.target === 'speaker' ? 'target.speaker' : 'target.self');

  return (
    // Always mounted, so screen readers hear a new message in this live region.
    <section aria-labelledby="join-messages-title" aria-live="polite" className={cn(!newest && 'sr-only')}>
      <h2 id="join-messages-title" className="sr-only">
        {t('title')}
      </h2>
      {newest && (
        <div className="flex flex-col gap-3">
          <article
            data-testid="join-message"
            data-target={newest.target === entryId ? 'self' : newest.target}
            className={cn(
              'rounded-2xl border-2 border-status-warning bg-status-warning/10 px-5 py-4 transition-shadow duration-700',
              fresh && 'shadow-[0_0_0_6px_rgb(245_158_11_/_0.35)]',
            )}
          >
            <p className="flex flex-wrap items-center justify-between gap-x-3 gap-y-0.5 text-sm font-bold">
              <span className="text-status-warning">
                <span aria-hidden="true">✉ </span>
                {t('title')}
              </span>
              <span className="font-semibold text-ink-muted">
                {targetLabel(newest)} · {t('sentAt', { time: formatLocalTime(newest.sentAt, locale) })}
              </span>
            </p>
            <p className="mt-2 text-[clamp(1.35rem,5.5vw,1.75rem)] leading-snug font-bold whitespace-pre-line text-ink [overflow-wrap:anywhere] lg:text-[1.4rem]">
              {newest.text}
            </p>
          </article>
          {sorted.length > 1 && (
            <div className="rounded-xl border border-line bg-surface px-4 py-3">
              <p className="text-xs font-bold tracking-wide text-ink-muted uppercase">{t('older')}</p>
              <ul className="mt-1 flex flex-col gap-1.5">
                {sorted.slice(1, 1 + OLDER_SHOWN).map((m) => (
                  <li key={m.id} data-testid="join-message-older" className="text-base text-ink-muted [overflow-wrap:anywhere]">
                    <span className="countdown text-sm">{formatLocalTime(m.sentAt, locale)}</span> · {m.text}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/** True for a few seconds after a new newest message arrives (not for the ones already there on load); buzzes the phone. */
function useFreshness(newestId: string | null): boolean {
  const seen = useRef<string | null | undefined>(undefined);
  const [fresh, setFresh] = useState(false);
  useEffect(() => {
    const first = seen.current === undefined;
    const changed = seen.current !== newestId;
    seen.current = newestId;
    if (first || !changed || !newestId) return;
    setFresh(true);
    vibrate([180, 90, 180]);
    const timer = setTimeout(() => setFresh(false), FRESH_MS);
    return () => clearTimeout(timer);
  }, [newestId]);
  return fresh;
}
