'use client';
// Drag-and-drop and keyboard reordering of the running order (dnd-kit). Loaded lazily by queue.tsx:
// the console draws its rows first and the handles work once this arrives.
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
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { useLiveStore } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { QueueList, type QueueListProps } from './queue';
import { QueueRow, type QueueRowProps } from './queue-row';

export interface SortableQueueProps extends QueueListProps {
  /** A row dropped on another: `id` takes `overId`'s place in the full order. */
  onMove: (id: string, overId: string) => void;
}

export default function SortableQueue({ ids, rowProps, onMove }: SortableQueueProps) {
  const t = useTranslations('moderator.queue');
  const store = useLiveStore();
  const entryName = useEntryName();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const nameOf = (id: string | number) => {
    const entry = store.getState().view?.entries[String(id)];
    return entry ? entryName(entry) : String(id);
  };
  const positionOf = (id: string | number) => (store.getState().view?.order.indexOf(String(id)) ?? 0) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dnd.start', { name: nameOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('dnd.over', { name: nameOf(active.id), position: positionOf(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t('dnd.end', { name: nameOf(active.id), position: positionOf(over.id) }) : t('dnd.cancel')),
    onDragCancel: () => t('dnd.cancel'),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(String(active.id), String(over.id));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <QueueList ids={ids} rowProps={rowProps} Row={SortableRow} />
      </SortableContext>
    </DndContext>
  );
}

const SortableRow = memo(function SortableRow(props: QueueRowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: props.id,
    disabled: props.dragDisabled,
  });
  const style = { transform: CSS.Transform.toString(transform), transition };
  return <QueueRow {...props} drag={{ attributes, listeners, setNodeRef, setActivatorNodeRef, style, isDragging }} />;
});
