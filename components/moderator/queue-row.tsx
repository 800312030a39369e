'use client';
// One entry of the running order. Selects only its own entry, presence and signal, so a change
// elsewhere does not redraw 37 rows. Row actions open in a menu laid over the rows below (or above,
// near the bottom of the panel), one at a time; Alt+↑/↓ anywhere in the row moves it. Dragging
// comes from queue-dnd.tsx once it has loaded (`drag`); until then the handle is disabled.
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { useLocale, useTranslations } from 'next-intl';
import { memo, useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { useServerNow } from '@/components/live/use-server-now';
import { Button, cn } from '@/components/ui';
import { formatDuration, formatZonedTime } from '@/lib/format';
import type { Entry } from '@/lib/model';
import { mayDefer, mayGiveFloor, mayMarkAbsent, mayUndefer } from '@/lib/queue';
import { allottedTotalMs, usedMs } from '@/lib/time';
import { connectionOf, presenceOf } from '@/lib/view';
import { KindLabel, PresenceBadge, SignalBadge, StatusBadge } from './badges';
import { ClockIcon } from './icons';
import { useMinuteNow } from './use-clock';
import { useConsoleActions } from './use-console-actions';

export interface QueueRowProps {
  id: string;
  /** Index in the full running order (not in a filtered list). */
  index: number;
  isCurrent: boolean;
  isNext: boolean;
  dragDisabled: boolean;
  connected: boolean;
  menuOpen: boolean;
  /** Toggles this row's menu (closing any other); null closes it. */
  onMenu: (id: string | null) => void;
  drag?: RowDrag;
}

/** What the row takes from dnd-kit's useSortable (queue-dnd.tsx). */
export interface RowDrag {
  setNodeRef: (node: HTMLElement | null) => void;
  setActivatorNodeRef: (node: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  style: CSSProperties;
  isDragging: boolean;
}

export const QueueRow = memo(function QueueRow({
  id,
  index,
  isCurrent,
  isNext,
  dragDisabled,
  connected,
  menuOpen: open,
  onMenu,
  drag,
}: QueueRowProps) {
  const t = useTranslations('moderator.queue');
  const ts = useTranslations('moderator.signals');
  const entryName = useEntryName();
  const actions = useConsoleActions();
  const entry = useLive((s) => s.view?.entries[id]);
  const presence = useLive((s) => {
    const e = s.view?.entries[id];
    return e && s.view ? presenceOf(e, s.view) : 'offline';
  });
  const connection = useLive((s) => (s.view ? connectionOf(id, s.view) : 'offline'));
  const signal = useLive((s) => s.view?.signals[id]);
  const mayStart = useLive((s) => !!s.view && mayGiveFloor(s.view, id));
  const total = useLive((s) => s.view?.order.length ?? 0);
  const actionsId = useId();
  const rowRef = useRef<HTMLLIElement | null>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [menuUp, setMenuUp] = useState(false);

  useLayoutEffect(() => {
    // Near the bottom of the panel the menu opens upwards, so the panel never clips it.
    const row = rowRef.current;
    const menu = menuRef.current;
    const panel = row?.closest<HTMLElement>('[data-testid="queue-scroll"]');
    if (!open || !row || !menu || !panel) return;
    setMenuUp(
      row.offsetTop + row.offsetHeight + menu.offsetHeight > panel.scrollTop + panel.clientHeight &&
        row.offsetTop - menu.offsetHeight >= panel.scrollTop,
    );
    menu.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    // Closes on a press anywhere else, and on Escape (focus back on the ⋯ button).
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menuRef.current?.contains(target) && !menuButton.current?.contains(target)) onMenu(null);
    };
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      onMenu(null);
      menuButton.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, onMenu]);
  useEffect(() => {
    // Keep the speaker in sight when the floor moves on, scrolling only the queue panel (never the
    // page, which scrollIntoView would also do) and only when the row is out of view.
    const row = rowRef.current;
    const panel = row?.closest<HTMLElement>('[data-testid="queue-scroll"]');
    if (!isCurrent || !row || !panel) return;
    const top = row.offsetTop; // the panel is positioned, so it is the offsetParent
    if (top < panel.scrollTop || top + row.offsetHeight > panel.scrollTop + panel.clientHeight) {
      panel.scrollTop = Math.max(0, top - panel.clientHeight / 3);
    }
  }, [isCurrent]);

  if (!entry) return null;
  const name = entryName(entry);
  const canDefer = mayDefer(entry);
  const canUndefer = mayUndefer(entry);
  const isAbsent = entry.status === 'absent';

  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.metaKey || !connected) return;
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    void actions.move(id, index + (e.key === 'ArrowUp' ? -1 : 1));
  };

  return (
    <li
      ref={(node) => {
        drag?.setNodeRef(node);
        rowRef.current = node;
      }}
      style={drag?.style}
      data-testid="queue-row"
      data-entry-id={id}
      data-status={entry.status}
      data-presence={presence}
      data-current={isCurrent || undefined}
      data-next={isNext || undefined}
      aria-current={isCurrent ? 'true' : undefined}
      onKeyDown={onKeyDown}
      className={cn(
        'relative border-b border-line/70 bg-surface last:border-b-0',
        isCurrent && 'bg-accent/12 shadow-[inset_4px_0_0_var(--color-accent)]',
        isNext && !isCurrent && 'shadow-[inset_4px_0_0_var(--color-status-warning)]',
        (entry.status === 'done' || isAbsent) && !isCurrent && 'text-ink-muted',
        drag?.isDragging && 'z-10 bg-surface-3 shadow-2xl ring-2 ring-accent',
      )}
    >
      <div className="flex items-center gap-2 py-2 pr-2 pl-1.5">
        <button
          type="button"
          ref={drag?.setActivatorNodeRef}
          data-shortcuts="off"
          data-testid="row-drag"
          aria-label={t('drag', { name })}
          disabled={dragDisabled || !connected || !drag}
          className="grid h-10 w-6 shrink-0 cursor-grab touch-none place-items-center rounded text-ink-muted hover:bg-surface-3 hover:text-ink disabled:cursor-default disabled:opacity-30"
          {...drag?.attributes}
          {...drag?.listeners}
        >
          <span aria-hidden="true" className="text-lg leading-none">
            ⠿
          </span>
        </button>
        <span className="countdown w-6 shrink-0 text-right text-sm font-bold text-ink-muted" title={t('position', { position: index + 1 })}>
          {index + 1}
        </span>

        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
            <span
              className={cn('truncate font-bold', isCurrent ? 'text-ink' : entry.status === 'done' ? 'text-ink-muted' : 'text-ink')}
              data-testid="row-name"
            >
              {name}
            </span>
            <KindLabel kind={entry.kind} />
            {isNext && !isCurrent && (
              <span className="rounded bg-status-warning px-1.5 text-[0.7rem] font-bold tracking-wide text-canvas uppercase">
                {t('next')}
              </span>
            )}
            {signal && (
              <span className="inline-flex items-center gap-0.5">
                <SignalBadge kind={signal.kind} />
                <button
                  type="button"
                  data-testid="row-signal-clear"
                  aria-label={ts('clearLabel', { name })}
                  title={ts('clear')}
                  disabled={!connected}
                  onClick={() => void actions.clearSignal(id)}
                  className="grid size-6 place-items-center rounded-full text-ink-muted hover:bg-surface-3 hover:text-ink disabled:opacity-40"
                >
                  ✕
                </button>
              </span>
            )}
          </div>
          <div className="flex min-w-0 flex-wrap items-center gap-1.5 text-xs">
            {/* "Waiting" is the default; the row says it in data-status and needs no badge for it. */}
            {entry.status !== 'waiting' && <StatusBadge status={entry.status} />}
            {/* An absent entry says so once (its status); its link still shows when it is connected. */}
            {presence !== 'absent' ? (
              <PresenceBadge presence={presence} attendance={entry.attendance} />
            ) : (
              connection !== 'offline' && <PresenceBadge presence={connection} attendance={entry.attendance} />
            )}
            <RowLocalTime timeZone={entry.timeZone} />
            <span className="min-w-0 flex-1 basis-24 truncate text-ink-muted" title={entry.position}>
              {entry.representative}
            </span>
          </div>
        </div>

        <RowTime entry={entry} />

        <div className="flex shrink-0 items-center gap-1">
          <Button
            variant={isNext ? 'primary' : 'secondary'}
            size="sm"
            data-testid="row-start"
            aria-label={t('giveFloor', { name })}
            title={t('giveFloor', { name })}
            disabled={!connected || !mayStart}
            onClick={() => void actions.giveFloor(id)}
            className="size-9 px-0"
          >
            <span aria-hidden="true">▶</span>
          </Button>
          <Button
            ref={menuButton}
            variant="ghost"
            size="sm"
            data-testid="row-menu"
            aria-label={t('more', { name })}
            title={t('more', { name })}
            aria-expanded={open}
            aria-controls={actionsId}
            onClick={() => onMenu(id)}
            className={cn('size-9 px-0 text-lg', open && 'bg-surface-3')}
          >
            <span aria-hidden="true">⋯</span>
          </Button>
        </div>
      </div>

      {open && (
        <div
          ref={menuRef}
          id={actionsId}
          data-testid="row-actions"
          data-direction={menuUp ? 'up' : 'down'}
          role="group"
          aria-label={t('more', { name })}
          className={cn(
            // Beside the ▶/⋯ column, never over it: every other row's ⋯ stays one click away.
            'absolute right-[5.25rem] z-30 flex max-w-[calc(100%-6rem)] flex-wrap justify-end gap-1.5 rounded-xl border border-line bg-surface-2 p-2 shadow-2xl',
            menuUp ? 'bottom-[calc(100%-0.5rem)]' : 'top-[calc(100%-0.5rem)]',
          )}
        >
          <p className="w-full truncate px-1 text-right text-xs font-bold text-ink-muted" aria-hidden="true">
            {index + 1}. {name}
          </p>
          <Button
            variant="secondary"
            size="sm"
            data-testid="row-defer"
            aria-pressed={canUndefer}
            disabled={!connected || (!canDefer && !canUndefer)}
            onClick={() => {
              onMenu(null);
              void actions.defer(id, !canUndefer);
            }}
          >
            ↻ {canUndefer ? t('undefer') : t('defer')}
          </Button>
          <Button
            variant="secondary"
            size="sm"
            data-testid="row-absent"
            aria-pressed={isAbsent}
            disabled={!connected || !mayMarkAbsent(entry)}
            onClick={() => {
              onMenu(null);
              void actions.markAbsent(id, !isAbsent);
            }}
          >
            ⊘ {isAbsent ? t('markPresent') : t('markAbsent')}
          </Button>
          <Button
            variant="secondary"
            size="sm"
            data-testid="row-checkin"
            aria-pressed={entry.checkedIn}
            disabled={!connected}
            onClick={() => {
              onMenu(null);
              void actions.checkIn(id, !entry.checkedIn);
            }}
          >
            ■ {entry.checkedIn ? t('checkOut') : t('checkIn')}
          </Button>
          {/* Moves keep the menu open, so a row can be walked several places. */}
          <Button
            variant="ghost"
            size="sm"
            data-testid="row-up"
            disabled={!connected || index === 0}
            onClick={() => void actions.move(id, index - 1)}
          >
            ↑ {t('moveUp')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            data-testid="row-down"
            disabled={!connected || index >= total - 1}
            onClick={() => void actions.move(id, index + 1)}
          >
            ↓ {t('moveDown')}
          </Button>
        </div>
      )}
    </li>
  );
});

function RowLocalTime({ timeZone }: { timeZone: string }) {
  const t = useTranslations('moderator.queue');
  const locale = useLocale();
  const now = useMinuteNow();
  return (
    <span
      className="countdown inline-flex shrink-0 items-center gap-1 rounded bg-surface-2 px-1.5 py-0.5 font-semibold text-ink"
      title={t('localTime')}
      data-testid="row-local-time"
    >
      <ClockIcon className="text-ink-muted" />
      <span className="sr-only">{t('localTime')}: </span>
      {formatZonedTime(now, timeZone, locale)}
    </span>
  );
}

/** Used of allotted; only the speaking row needs to tick. */
function RowTime({ entry }: { entry: Entry }) {
  return entry.status === 'speaking' ? <LiveRowTime entryId={entry.id} /> : <RowTimeFace entry={entry} now={0} />;
}

function LiveRowTime({ entryId }: { entryId: string }) {
  const entry = useLive((s) => s.view?.entries[entryId]);
  const now = useServerNow();
  return entry ? <RowTimeFace entry={entry} now={now} /> : null;
}

function RowTimeFace({ entry, now }: { entry: Entry; now: number }) {
  const t = useTranslations('moderator.queue');
  // Rows that are not speaking have only closed turns, which do not depend on `now` (passed as 0).
  const used = usedMs(entry, now);
  const allotted = allottedTotalMs(entry);
  const over = used - allotted;
  return (
    <div className="countdown hidden w-[4.75rem] shrink-0 flex-col items-end text-sm sm:flex" data-testid="row-time">
      <span className={cn(used > 0 ? 'text-ink' : 'text-ink-muted')}>
        {formatDuration(used)}
        <span className="text-ink-muted">/{formatDuration(allotted)}</span>
      </span>
      {over > 0 && <span className="text-xs font-bold text-status-overtime">{t('over', { time: formatDuration(over) })}</span>}
    </div>
  );
}
