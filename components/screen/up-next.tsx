'use client';
// «Далее»: the next few entries in the order the moderator will call them.
import { useTranslations } from 'next-intl';
import type { Entry } from '@/lib/model';
import { useEntryName } from '@/components/live/live-text';
import { AttendanceIcon } from './motif';
import { markerOf } from './screen-data';

const ICON_TONE = { in_person: 'text-accent-ink', online: 'text-sky-300' } as const;

/**
 * `compact` (while a message banner takes room): the label beside the cards instead of above them,
 * three entries, the marker as an icon, so the speaker keeps the height it needs.
 */
export function UpNext({ entries, label, compact = false }: { entries: Entry[]; label: string; compact?: boolean }) {
  if (entries.length === 0) return null;
  const shown = compact ? entries.slice(0, 3) : entries;
  return (
    <section
      aria-label={label}
      data-testid="screen-queue"
      className={`flex gap-[calc(var(--u)*0.8)] ${compact ? 'items-center gap-x-[calc(var(--u)*1.6)]' : 'flex-col'}`}
    >
      <h2 className="flex shrink-0 items-center gap-[0.6em] scr-base font-bold uppercase tracking-[0.18em] text-ink-muted">
        {label}
        {!compact && <span aria-hidden="true" className="h-px flex-1 bg-gradient-to-r from-line to-transparent" />}
      </h2>
      <ol className={`grid min-w-0 flex-1 gap-[calc(var(--u)*1.2)] ${compact ? 'grid-cols-3' : 'grid-cols-4'}`}>
        {shown.map((entry, i) => (
          <li
            key={entry.id}
            data-entry-id={entry.id}
            className={`scr-enter flex min-w-0 items-center rounded-[calc(var(--u)*1)] border border-line/70 bg-surface/80 px-[calc(var(--u)*1.2)] ${
              compact ? 'py-[calc(var(--u)*0.6)]' : 'py-[calc(var(--u)*0.9)]'
            }`}
            style={{ animationDelay: `${i * 60}ms` }}
          >
            {compact ? <CompactCard entry={entry} /> : <Card entry={entry} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Long names (or a word longer than ten letters) get a smaller size, so words are not split. */
function cardNameSize(name: string): string {
  const longestWord = Math.max(...name.split(/[\s-]+/).map((w) => w.length));
  if (longestWord > 12) return 'scr-sm';
  return longestWord > 10 || name.length > 18 ? 'scr-base' : 'scr-md';
}

function Card({ entry }: { entry: Entry }) {
  const name = useEntryName();
  const tAtt = useTranslations('live.attendance');
  const tStatus = useTranslations('live.status');
  const marker = markerOf(entry);
  return (
    <span className="flex min-w-0 flex-col gap-[calc(var(--u)*0.35)]">
      <span className={`line-clamp-2 ${cardNameSize(name(entry))} font-bold leading-[1.1] text-balance text-ink [overflow-wrap:anywhere]`}>
        {name(entry)}
      </span>
      <span className="flex items-center gap-[0.4em] scr-sm text-ink-muted">
        <AttendanceIcon attendance={marker} className={`scr-icon ${ICON_TONE[marker]}`} />
        <span className="truncate">
          {tAtt(marker)}
          {entry.status === 'deferred' && ` · ${tStatus('deferred')}`}
        </span>
      </span>
    </span>
  );
}

function CompactCard({ entry }: { entry: Entry }) {
  const name = useEntryName();
  const tAtt = useTranslations('live.attendance');
  const marker = markerOf(entry);
  return (
    <span className={`flex min-w-0 items-center gap-[0.5em] ${cardNameSize(name(entry))} font-bold leading-[1.1] text-ink`}>
      <AttendanceIcon attendance={marker} className={`scr-icon ${ICON_TONE[marker]}`} />
      <span className="line-clamp-2 text-balance [overflow-wrap:anywhere]">{name(entry)}</span>
      <span className="sr-only">{tAtt(marker)}</span>
    </span>
  );
}
