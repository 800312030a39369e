'use client';
// One row of the set-up table: everything known about an entry before the day, its registration
// and when its turn is planned (on the event's clock and on the city's own), with reorder, edit and
// remove. Sortable by drag (handle) or by the up/down buttons, which send the same `queue.move`.
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useLocale, useTranslations } from 'next-intl';
import { memo } from 'react';
import { Badge, Button, cn } from '@/components/ui';
import type { Entry } from '@/lib/model';
import { formatDuration, formatZonedTime } from '@/lib/format';
import { mskLabel, sameClock } from '@/lib/zones';
import { formatLongitude, formatZonedShort } from './zoned-time';

export interface EntryRowProps {
  entry: Entry;
  index: number;
  count: number;
  plannedStartAt: number | null;
  eventTimeZone: string;
  reorderDisabled: boolean;
  onMove: (entry: Entry, index: number) => void;
  onEdit: (entry: Entry) => void;
  onRemove: (entry: Entry) => void;
}

const cell = 'px-2.5 py-2 align-top';

export const EntryRow = memo(function EntryRow({
  entry,
  index,
  count,
  plannedStartAt,
  eventTimeZone,
  reorderDisabled,
  onMove,
  onEdit,
  onRemove,
}: EntryRowProps) {
  const t = useTranslations('setup.entries');
  const tKind = useTranslations('live.kind');
  const tAttendance = useTranslations('live.attendance');
  const tStatus = useTranslations('live.status');
  const locale = useLocale();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: entry.id,
    disabled: reorderDisabled,
  });
  const name = entry.nameRu;
  // Minsk keeps Moscow's clock: «то же время», not a zone name that says nothing to the reader.
  const sameZone = plannedStartAt === null ? entry.timeZone === eventTimeZone : sameClock(entry.timeZone, eventTimeZone, plannedStartAt);

  return (
    <tr
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid="setup-row"
      data-entry-id={entry.id}
      data-registered={entry.registeredAt ? 'true' : 'false'}
      className={cn(
        'border-t border-line bg-surface',
        isDragging && 'relative z-10 bg-surface-3 shadow-xl',
        entry.status === 'absent' && 'opacity-70',
      )}
    >
      <td className={cn(cell, 'whitespace-nowrap')}>
        <div className="flex items-center gap-1">
          <button
            ref={setActivatorNodeRef}
            type="button"
            className="flex h-8 w-6 cursor-grab items-center justify-center rounded text-ink-muted hover:bg-surface-3 hover:text-ink disabled:cursor-not-allowed disabled:opacity-40"
            aria-label={t('drag', { name })}
            disabled={reorderDisabled}
            {...attributes}
            {...listeners}
          >
            <svg aria-hidden="true" viewBox="0 0 10 16" className="h-4 w-2.5 fill-current">
              {[2, 8, 14].map((y) => (
                <g key={y}>
                  <circle cx="2" cy={y} r="1.5" />
                  <circle cx="8" cy={y} r="1.5" />
                </g>
              ))}
            </svg>
          </button>
          <span className="countdown w-7 text-right text-base font-bold text-ink">{index + 1}</span>
        </div>
      </td>
      <td className={cell}>
        <div className="flex max-w-[14rem] min-w-[10.5rem] flex-col">
          <span className="leading-snug font-semibold text-ink">{entry.nameRu}</span>
          <span className="flex flex-wrap gap-x-1 text-xs text-ink-muted">
            {entry.nameEn && <span lang="en">{entry.nameEn}</span>}
            {entry.nameEn && <span aria-hidden="true">·</span>}
            <span className={entry.kind === 'guest' ? 'font-semibold text-accent-ink' : undefined}>{tKind(entry.kind)}</span>
            <span aria-hidden="true">·</span>
            <span title={t('country')}>{entry.country}</span>
            {entry.status !== 'waiting' && (
              <>
                <span aria-hidden="true">·</span>
                <span className="font-semibold text-status-warning">{tStatus(entry.status)}</span>
              </>
            )}
          </span>
        </div>
      </td>
      <td className={cn(cell, 'text-sm whitespace-nowrap')}>
        <div className="text-ink" data-testid="setup-zone">
          {plannedStartAt === null ? entry.timeZone : mskLabel(entry.timeZone, plannedStartAt, locale)}
        </div>
        <div className="countdown text-xs text-ink-muted">
          {entry.timeZone} · {t('longitude', { value: formatLongitude(entry.longitude, locale) })}
        </div>
      </td>
      <td className={cn(cell, 'text-sm')}>
        <div className="max-w-[14rem] min-w-[11rem]">
          {entry.representative ? (
            <div className="leading-snug text-ink">{entry.representative}</div>
          ) : (
            <div className="text-ink-muted italic">{t('noRepresentative')}</div>
          )}
          {entry.position && (
            <div className="truncate text-xs text-ink-muted" title={entry.position}>
              {entry.position}
            </div>
          )}
        </div>
      </td>
      <td className={cn(cell, 'text-sm whitespace-nowrap')}>{tAttendance(entry.attendance)}</td>
      <td className={cn(cell, 'countdown text-right text-sm whitespace-nowrap')}>
        {formatDuration(entry.allottedMs)}
        {entry.extraMs !== 0 && (
          <div className="text-xs text-ink-muted">
            {t('extra', { time: (entry.extraMs > 0 ? '+' : '−') + formatDuration(Math.abs(entry.extraMs)) })}
          </div>
        )}
      </td>
      <td className={cn(cell, 'text-sm whitespace-nowrap')} data-testid="setup-registration">
        {entry.registeredAt ? (
          <Badge tone="normal" className="text-xs">
            <span aria-hidden="true">✓</span> {t('registeredAt', { time: formatZonedShort(entry.registeredAt, eventTimeZone, locale) })}
          </Badge>
        ) : (
          <Badge tone="neutral" className="text-xs">
            {t('notRegistered')}
          </Badge>
        )}
      </td>
      <td className={cn(cell, 'countdown text-sm whitespace-nowrap')} data-testid="setup-planned">
        {plannedStartAt === null ? (
          '—'
        ) : (
          <>
            <div className="font-bold text-ink">{formatZonedTime(plannedStartAt, eventTimeZone, locale)}</div>
            <div className="text-xs text-ink-muted">
              {sameZone
                ? t('localSame')
                : t('local', {
                    time: formatZonedTime(plannedStartAt, entry.timeZone, locale),
                    zone: mskLabel(entry.timeZone, plannedStartAt, locale),
                  })}
            </div>
          </>
        )}
      </td>
      <td className={cn(cell, 'whitespace-nowrap')}>
        <div className="flex items-center justify-end gap-1">
          <Button
            variant="ghost"
            size="sm"
            className="w-8 px-0"
            aria-label={t('up', { name })}
            title={t('up', { name })}
            disabled={reorderDisabled || index === 0}
            onClick={() => onMove(entry, index - 1)}
            data-testid="move-up"
          >
            <span aria-hidden="true">↑</span>
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="w-8 px-0"
            aria-label={t('down', { name })}
            title={t('down', { name })}
            disabled={reorderDisabled || index === count - 1}
            onClick={() => onMove(entry, index + 1)}
            data-testid="move-down"
          >
            <span aria-hidden="true">↓</span>
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => onEdit(entry)}
            data-testid="entry-edit"
            aria-label={t('editLabel', { name })}
          >
            {t('edit')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="w-8 shrink-0 px-0 text-danger-ink hover:bg-danger/20"
            onClick={() => onRemove(entry)}
            data-testid="entry-remove"
            aria-label={t('removeLabel', { name })}
            title={t('removeLabel', { name })}
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              className="size-4 shrink-0 fill-none stroke-current stroke-2"
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />
            </svg>
          </Button>
        </div>
      </td>
    </tr>
  );
});
