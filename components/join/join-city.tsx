'use client';
// The entry's own header: the city's name, proud and big, its representative, how it takes part
// and the time in the city now.
import { useLocale, useTranslations } from 'next-intl';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { useServerNow } from '@/components/live/use-server-now';
import { Badge } from '@/components/ui';
import { formatZonedTime } from '@/lib/format';

export function JoinCity({ entryId }: { entryId: string }) {
  const t = useTranslations('join.city');
  const tl = useTranslations('live');
  const entry = useLive((s) => s.view?.entries[entryId]);
  const entryName = useEntryName();
  if (!entry) return null;
  const region = entry.region && entry.region !== entry.nameRu ? entry.region : null;
  const name = entryName(entry);
  // "Петропавловск-Камчатский" must break at its hyphen, not inside a word: long words get smaller type.
  const longestWord = Math.max(...name.split(/[\s-]+/).map((word) => word.length));
  const size = longestWord > 10 ? 'text-[clamp(1.75rem,7.5vw,3.25rem)]' : 'text-[clamp(2.25rem,10vw,3.75rem)]';

  return (
    <header data-testid="join-city" className="relative overflow-hidden rounded-2xl border border-line bg-surface px-5 pt-5 pb-5 sm:px-7">
      {/* The accent bar on the left: this page belongs to this city. */}
      <span aria-hidden="true" className="absolute inset-y-0 left-0 w-1.5 bg-accent" />
      <p className="flex flex-wrap items-center gap-x-2 text-sm font-semibold text-accent-ink">
        {t('yourPage')}
        <span aria-hidden="true" className="text-line">
          •
        </span>
        <span className="text-ink-muted">{tl(`kind.${entry.kind}`)}</span>
      </p>
      <h1 className={`mt-1 ${size} leading-[1.02] font-black tracking-tight text-balance break-words`} data-testid="join-city-name">
        {name}
      </h1>
      {region && <p className="mt-1 text-base text-ink-muted">{region}</p>}
      {(entry.representative || entry.position) && (
        <p className="mt-4 text-lg leading-snug">
          {entry.representative && <span className="font-semibold text-ink">{entry.representative}</span>}
          {entry.position && <span className="block text-base text-ink-muted">{entry.position}</span>}
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Badge tone={entry.attendance === 'online' ? 'accent' : 'neutral'} data-testid="join-attendance">
          {tl(`attendance.${entry.attendance}`)}
        </Badge>
        <CityClock timeZone={entry.timeZone} />
      </div>
    </header>
  );
}

/** The wall clock in the city; only a small leaf re-renders each second. */
function CityClock({ timeZone }: { timeZone: string }) {
  const t = useTranslations('live.time');
  const locale = useLocale();
  const now = useServerNow();
  let time: string;
  try {
    time = formatZonedTime(now, timeZone, locale);
  } catch {
    return null;
  }
  return <span className="countdown text-sm font-semibold text-ink-muted">{t('localTime', { time })}</span>;
}
