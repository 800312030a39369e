'use client';
// The running order: every entry, drag-and-drop and keyboard reordering (dnd-kit, loaded lazily
// from queue-dnd.tsx), a search box, and the current speaker and next in line highlighted. Scrolls
// in its own panel.
import { useTranslations } from 'next-intl';
import { lazy, Suspense, useCallback, useId, useMemo, useState, type ComponentType } from 'react';
import { useLive } from '@/components/live/live-provider';
import { cn } from '@/components/ui';
import type { Entry } from '@/lib/model';
import { shownNext } from '@/lib/queue';
import { SearchIcon } from './icons';
import { QueueRow, type QueueRowProps } from './queue-row';
import { useConsoleActions } from './use-console-actions';

const SortableQueue = lazy(() => import('./queue-dnd'));

const NO_IDS: string[] = [];

function matches(entry: Entry | undefined, query: string): boolean {
  if (!entry) return false;
  const haystack = `${entry.nameRu} ${entry.nameEn} ${entry.representative} ${entry.region}`.toLocaleLowerCase();
  return haystack.includes(query);
}

export function Queue({ className }: { className?: string }) {
  const t = useTranslations('moderator.queue');
  const actions = useConsoleActions();
  const searchId = useId();
  const order = useLive((s) => s.view?.order ?? NO_IDS);
  const entries = useLive((s) => s.view?.entries);
  const currentId = useLive((s) => s.view?.currentEntryId ?? null);
  const nextId = useLive((s) => (s.view ? shownNext(s.view) : null));
  const connected = useLive((s) => s.status === 'live');
  const doneCount = useLive((s) => (s.view ? Object.values(s.view.entries).filter((e) => e.status === 'done').length : 0));
  const [query, setQuery] = useState('');
  // One row menu at a time: opening another closes the first, so no action lands on the wrong row.
  const [menuId, setMenuId] = useState<string | null>(null);
  const toggleMenu = useCallback((id: string | null) => setMenuId((open) => (id === null || open === id ? null : id)), []);

  const needle = query.trim().toLocaleLowerCase();
  const visible = useMemo(() => (needle ? order.filter((id) => matches(entries?.[id], needle)) : order), [needle, order, entries]);
  // Moving within a filtered list would be ambiguous about the full order, so reordering waits.
  const dragDisabled = needle !== '' || !connected;

  const rowProps = (id: string): QueueRowProps => ({
    id,
    index: order.indexOf(id),
    isCurrent: id === currentId,
    isNext: id === nextId,
    dragDisabled,
    connected,
    menuOpen: menuId === id,
    onMenu: toggleMenu,
  });
  const onMove = (id: string, overId: string) => void actions.move(id, order.indexOf(overId));

  return (
    <section
      aria-labelledby="queue-title"
      className={cn('flex min-h-0 flex-col overflow-hidden rounded-xl border border-line bg-surface', className)}
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-line px-4 py-3">
        <h2 id="queue-title" className="text-lg font-bold">
          {t('title')}
        </h2>
        <span className="countdown text-sm text-ink-muted" data-testid="queue-progress">
          {t('progress', { done: doneCount, total: order.length })}
        </span>
        <div className="relative ml-auto flex min-w-[12rem] flex-1 items-center sm:max-w-xs">
          <SearchIcon className="pointer-events-none absolute left-2.5 text-ink-muted" />
          <label htmlFor={searchId} className="sr-only">
            {t('search')}
          </label>
          <input
            id={searchId}
            type="search"
            data-testid="queue-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
            placeholder={t('search')}
            className="h-9 w-full rounded-lg border border-line bg-canvas pr-3 pl-8 text-sm text-ink placeholder:text-ink-muted/80"
          />
        </div>
      </div>
      {needle && <p className="border-b border-line bg-surface-2 px-4 py-1.5 text-xs text-ink-muted">{t('dragOff')}</p>}

      <div className="relative min-h-0 flex-1 overflow-y-auto overscroll-contain" data-testid="queue-scroll">
        <Suspense fallback={<QueueList ids={visible} rowProps={rowProps} />}>
          <SortableQueue ids={visible} rowProps={rowProps} onMove={onMove} />
        </Suspense>
        {visible.length === 0 && <p className="px-4 py-6 text-center text-ink-muted">{t('noMatches')}</p>}
      </div>
    </section>
  );
}

export interface QueueListProps {
  ids: string[];
  rowProps: (id: string) => QueueRowProps;
}

/** The rows; queue-dnd.tsx renders them sortable, with its own `Row`. */
export function QueueList({ ids, rowProps, Row = QueueRow }: QueueListProps & { Row?: ComponentType<QueueRowProps> }) {
  return (
    <ol data-testid="queue" aria-labelledby="queue-title" className="flex flex-col">
      {ids.map((id) => (
        <Row key={id} {...rowProps(id)} />
      ))}
    </ol>
  );
}
