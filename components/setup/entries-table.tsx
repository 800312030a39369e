'use client';
// The entry list in running order, as a table that scrolls sideways on a narrow laptop. Rows are
// sortable with dnd-kit (pointer and keyboard); the server's order is what is drawn, so a drop
// sends `queue.move` and the row settles where the patch puts it.
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { Entry, EventInfo } from '@/lib/model';
import { restrictToVerticalAxisLike } from './drag-axis';
import { EntryRow } from './entry-row';

export interface EntriesTableProps {
  order: string[];
  entries: Record<string, Entry>;
  event: EventInfo;
  plannedStarts: Map<string, number>;
  zoneLabel: string;
  reorderDisabled: boolean;
  onMove: (entry: Entry, index: number) => void;
  onEdit: (entry: Entry) => void;
  onRemove: (entry: Entry) => void;
}

const th = 'px-2.5 py-2 text-left align-bottom text-xs font-bold tracking-wide text-ink-muted uppercase whitespace-nowrap';

export function EntriesTable({
  order,
  entries,
  event,
  plannedStarts,
  zoneLabel,
  reorderDisabled,
  onMove,
  onEdit,
  onRemove,
}: EntriesTableProps) {
  const t = useTranslations('setup.entries');
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = useMemo(() => order.filter((id) => entries[id]), [order, entries]);

  const nameOf = (id: string | number) => entries[String(id)]?.nameRu ?? String(id);
  const positionOf = (id: string | number) => ids.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dnd.start', { name: nameOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('dnd.over', { name: nameOf(active.id), position: positionOf(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t('dnd.end', { name: nameOf(active.id), position: positionOf(over.id) }) : t('dnd.cancel')),
    onDragCancel: () => t('dnd.cancel'),
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const entry = entries[String(active.id)];
    const index = ids.indexOf(String(over.id));
    if (entry && index >= 0) onMove(entry, index);
  }

  return (
    // `relative` keeps the visually hidden texts inside the scroller (else they widen the page); its own
    // height lets the header row stay in view while 37 rows scroll.
    <div className="relative max-h-[calc(100dvh-7rem)] overflow-auto rounded-xl border border-line" data-testid="setup-entries-scroll">
      {/* Outside the <table>: dnd-kit renders its screen-reader regions as <div>s next to its children. */}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        modifiers={[restrictToVerticalAxisLike]}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}
      >
        <table className="w-full min-w-[1080px] border-collapse text-ink" data-testid="setup-entries">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="sticky top-0 z-20 bg-surface-2 shadow-[0_1px_0_var(--color-line)]">
            <tr>
              <th scope="col" className={th}>
                {t('col.position')}
              </th>
              <th scope="col" className={th}>
                {t('col.name')}
              </th>
              <th scope="col" className={th}>
                {t('col.zone')}
              </th>
              <th scope="col" className={th}>
                {t('col.representative')}
              </th>
              <th scope="col" className={th}>
                {t('col.attendance')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('col.allotted')}
              </th>
              <th scope="col" className={th}>
                {t('col.registration')}
              </th>
              <th scope="col" className={th}>
                {t('col.planned')}
                <span className="block text-[10px] font-semibold tracking-normal normal-case">
                  {t('col.plannedZones', { zone: zoneLabel })}
                </span>
              </th>
              <th scope="col" className={`${th} text-right`}>
                <span className="sr-only">{t('col.actions')}</span>
              </th>
            </tr>
          </thead>
          <SortableContext items={ids} strategy={verticalListSortingStrategy}>
            <tbody>
              {ids.map((id, index) => (
                <EntryRow
                  key={id}
                  entry={entries[id]!}
                  index={index}
                  count={ids.length}
                  plannedStartAt={plannedStarts.get(id) ?? null}
                  eventTimeZone={event.timeZone}
                  reorderDisabled={reorderDisabled}
                  onMove={onMove}
                  onEdit={onEdit}
                  onRemove={onRemove}
                />
              ))}
            </tbody>
          </SortableContext>
        </table>
      </DndContext>
    </div>
  );
}
