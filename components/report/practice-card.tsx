'use client';
// One city's practice as published: who presented it, what it is, how long they spoke, and its
// nomination. No contacts: this is the public part of the report.
import { useLocale, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui';
import { formatDurationWords } from '@/lib/format';
import type { ReportEntry } from '@/lib/report';
import { asDocLocale, placeName } from './report-format';

export function PracticeCard({ entry: e }: { entry: ReportEntry }) {
  const t = useTranslations('report.practices');
  const tl = useTranslations('live');
  const locale = useLocale();
  const who = [e.representative, e.position].map((s) => s.trim()).filter(Boolean);

  return (
    <article
      data-testid="practice-card"
      data-entry-id={e.id}
      data-nominated={e.nomination ? 'true' : 'false'}
      className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5 break-inside-avoid print:rounded-none print:border-0 print:border-b print:px-0 print:py-4"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 items-baseline gap-3">
          <span className="text-sm font-bold whitespace-nowrap text-ink-muted tabular-nums" title={t('place', { place: e.place })}>
            {t('placeShort', { place: e.place })}
          </span>
          <div className="min-w-0">
            <h3 className="text-xl font-bold text-ink">
              {placeName(e, asDocLocale(locale))}
              {e.kind === 'guest' && <Badge className="ml-2 px-1.5 py-0 align-middle text-[0.7rem]">{tl('kind.guest')}</Badge>}
            </h3>
            {who.length > 0 && <p className="text-sm text-ink-muted">{who.join(', ')}</p>}
          </div>
        </div>
        {e.nomination && (
          <p
            className="max-w-sm rounded-lg border border-accent bg-accent/15 px-3 py-1 text-sm leading-snug font-semibold text-accent-ink print:border-0 print:px-0 print:italic"
            data-testid="practice-nomination"
          >
            {t('nominationBadge', { nomination: e.nomination })}
          </p>
        )}
      </header>
      {e.practiceTitle && <p className="text-lg leading-snug font-semibold text-accent-ink">{e.practiceTitle}</p>}
      {e.practiceSummary && <p className="max-w-[75ch] leading-relaxed whitespace-pre-line text-ink">{e.practiceSummary}</p>}
      <p className="text-sm text-ink-muted">{e.turns > 0 ? t('used', { time: formatDurationWords(e.usedMs, locale) }) : t('notSpoken')}</p>
    </article>
  );
}
