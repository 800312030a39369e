'use client';
// After the session: how it went, and thanks to everyone who took part.
import { useTranslations } from 'next-intl';
import type { View } from '@/lib/protocol';
import { formatDuration } from '@/lib/format';
import { spanMs } from '@/lib/time';
import { useEntryName } from '@/components/live/live-text';
import { useServerNow } from '@/components/live/use-server-now';
import { HeartDrop } from './motif';
import { spokeCounts, spokenEntries } from './screen-data';

export function SummaryView({ view }: { view: View }) {
  const t = useTranslations('screen.summary');
  const name = useEntryName();
  // Everything has ended, so these do not move; the hook only gives a clock to read them with.
  const now = useServerNow();
  const spoken = spokenEntries(view, now);
  const totalMs = view.session ? spanMs(view.session, now) : 0;
  const { done, total } = spokeCounts(view);

  return (
    <section
      data-testid="screen-summary"
      aria-labelledby="screen-summary-title"
      className="flex min-h-0 flex-1 flex-col gap-[calc(var(--u)*2)]"
    >
      <div className="flex items-center gap-[calc(var(--u)*2.6)]">
        <HeartDrop className="scr-enter scr-beat h-[calc(var(--u)*13)] w-auto shrink-0 drop-shadow-[0_0_calc(var(--u)*2)_rgb(225_29_72/0.4)]" />
        <div className="flex min-w-0 flex-1 flex-col gap-[calc(var(--u)*0.8)]">
          <h1
            id="screen-summary-title"
            className="scr-enter scr-summary-title font-extrabold leading-[1.05] tracking-tight text-balance text-ink"
          >
            {t('title')}
          </h1>
          <p className="scr-enter-late scr-md leading-snug text-balance text-accent-ink">{t('thanks')}</p>
          <dl className="scr-enter-late mt-[calc(var(--u)*0.8)] flex flex-wrap gap-[calc(var(--u)*1.4)]">
            <Figure label={t('spokeLabel')} value={t('spokeValue', { done, total })} testId="screen-summary-spoke" />
            <Figure label={t('durationLabel')} value={formatDuration(totalMs)} testId="screen-summary-duration" />
          </dl>
        </div>
      </div>
      {spoken.length > 0 && (
        <div className="scr-enter-late flex min-h-0 flex-1 flex-col gap-[calc(var(--u)*0.8)] overflow-hidden">
          <h2 className="flex items-center gap-[0.6em] scr-sm font-bold uppercase tracking-[0.18em] text-ink-muted">
            {t('listLabel')}
            <span aria-hidden="true" className="h-px flex-1 bg-gradient-to-r from-line to-transparent" />
          </h2>
          <ol className="columns-3 gap-x-[calc(var(--u)*3)] scr-sm">
            {spoken.map(({ entry, usedMs }) => (
              <li
                key={entry.id}
                className="flex break-inside-avoid items-baseline justify-between gap-[0.8em] border-b border-line/30 py-[calc(var(--u)*0.25)]"
              >
                <span className="min-w-0 text-ink [overflow-wrap:anywhere]">{name(entry)}</span>
                <span className="countdown shrink-0 text-ink-muted">{formatDuration(usedMs)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex items-baseline gap-[calc(var(--u)*1)] rounded-[calc(var(--u)*1.2)] border border-line/70 bg-surface/80 px-[calc(var(--u)*1.8)] py-[calc(var(--u)*0.8)]">
      <dt className="scr-sm font-semibold uppercase tracking-[0.14em] text-ink-muted">{label}</dt>
      <dd className="countdown scr-lg font-extrabold whitespace-nowrap text-ink" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
