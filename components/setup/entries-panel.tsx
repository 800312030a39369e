'use client';
// The list of speakers as the organisers prepare it: who registered, the running order (east to
// west in one click, or by hand), when each turn is planned, and add / edit / remove.
import { useLocale, useTranslations } from 'next-intl';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLive } from '@/components/live/live-provider';
import { useConfirm } from '@/components/moderator/confirm-dialog';
import { useZoneLabel } from '@/components/moderator/use-clock';
import { Button, Panel } from '@/components/ui';
import { formatZonedTime } from '@/lib/format';
import type { Entry } from '@/lib/model';
import { plannedSchedule } from '@/lib/schedule';
import { EntriesTable } from './entries-table';
import { Notice } from './notice';
import { RegistrationSummary } from './registration-summary';
import { useCommand } from './use-command';

// The form (with the gazetteer lookup) loads when an entry is first added or edited.
const EntryDialog = lazy(() => import('./entry-dialog').then((m) => ({ default: m.EntryDialog })));

type Editing = { entry: Entry | null } | null;

export function EntriesPanel() {
  const t = useTranslations('setup.entries');
  const locale = useLocale();
  const send = useCommand();
  const confirm = useConfirm();
  const { order, entries, event, phase } = useLive(
    useShallow((s) => ({ order: s.view?.order, entries: s.view?.entries, event: s.view?.event, phase: s.view?.phase })),
  );
  const connected = useLive((s) => s.status === 'live');
  const zoneLabel = useZoneLabel(event?.timeZone ?? 'Europe/Moscow');
  const [editing, setEditing] = useState<Editing>(null);
  const [feedback, setFeedback] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  // A confirmation has said its piece after a few seconds; an error stays until the next action.
  useEffect(() => {
    if (feedback?.tone !== 'success') return;
    const timer = setTimeout(() => setFeedback(null), 5000);
    return () => clearTimeout(timer);
  }, [feedback]);

  const schedule = useMemo(() => (order && entries && event ? plannedSchedule({ order, entries, event }) : []), [order, entries, event]);
  const plannedStarts = useMemo(() => new Map(schedule.map((s) => [s.entryId, s.plannedStartAt])), [schedule]);

  const report = useCallback((error: string | null, success?: string) => {
    setFeedback(error ? { tone: 'error', text: error } : success ? { tone: 'success', text: success } : null);
  }, []);

  const onMove = useCallback(
    async (entry: Entry, index: number) => report(await send({ type: 'queue.move', entryId: entry.id, index }, { expectVersion: true })),
    [send, report],
  );
  const onEdit = useCallback((entry: Entry) => setEditing({ entry }), []);
  const onRemove = useCallback(
    async (entry: Entry) => {
      const ok = await confirm({
        title: t('removeTitle', { name: entry.nameRu }),
        body: t('removeBody'),
        confirmLabel: t('removeConfirm'),
        tone: 'danger',
      });
      if (ok) report(await send({ type: 'entry.remove', entryId: entry.id }), t('removed', { name: entry.nameRu }));
    },
    [confirm, send, report, t],
  );
  const orderBy = async (by: 'longitude' | 'utcOffset') =>
    report(await send({ type: 'queue.order', by }), t(by === 'longitude' ? 'orderedLongitude' : 'orderedUtc'));

  if (!order || !entries || !event) return <Panel title={t('title')} aria-busy="true" data-testid="setup-entries-panel" />;

  const last = schedule.at(-1);
  // "1 ч 55 мин", not "1:55:00", which reads like a time of day next to the planned end.
  const span = (ms: number) => {
    const minutes = Math.round(ms / 60_000);
    const h = Math.floor(minutes / 60);
    return h > 0 ? t('hoursMinutes', { h, m: minutes % 60 }) : t('minutes', { m: minutes });
  };
  const totalAllotted = schedule.reduce((sum, s) => sum + (s.plannedEndAt - s.plannedStartAt), 0);
  const over = totalAllotted > event.plannedTotalMs;

  return (
    <Panel
      title={t('title')}
      data-testid="setup-entries-panel"
      actions={
        <Button variant="primary" size="sm" onClick={() => setEditing({ entry: null })} data-testid="entry-add" disabled={!connected}>
          <span aria-hidden="true">+</span> {t('add')}
        </Button>
      }
    >
      <RegistrationSummary entries={entries} order={order} event={event} phase={phase ?? 'planned'} />

      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="text-sm font-semibold text-ink-muted">{t('orderLabel')}</span>
        <Button variant="secondary" size="sm" onClick={() => void orderBy('longitude')} disabled={!connected} data-testid="order-longitude">
          {t('orderLongitude')}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => void orderBy('utcOffset')} disabled={!connected} data-testid="order-utc">
          {t('orderUtc')}
        </Button>
        <span className="text-xs text-ink-muted">{t('orderHint')}</span>
        <span className="ml-auto text-sm text-ink-muted" data-testid="setup-totals">
          {t.rich('totals', {
            count: order.length,
            allotted: span(totalAllotted),
            planned: span(event.plannedTotalMs),
            end: last ? formatZonedTime(last.plannedEndAt, event.timeZone, locale) : '—',
            zone: zoneLabel,
            b: (chunks) => <b className={over ? 'text-status-warning' : 'text-ink'}>{chunks}</b>,
          })}
        </span>
      </div>

      {feedback && (
        <Notice tone={feedback.tone} data-testid="setup-feedback">
          {feedback.text}
        </Notice>
      )}

      {order.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-8 text-center text-ink-muted" data-testid="setup-empty">
          {t('empty')}
        </p>
      ) : (
        <EntriesTable
          order={order}
          entries={entries}
          event={event}
          plannedStarts={plannedStarts}
          zoneLabel={zoneLabel}
          reorderDisabled={!connected}
          onMove={onMove}
          onEdit={onEdit}
          onRemove={onRemove}
        />
      )}

      {editing && (
        <Suspense fallback={null}>
          <EntryDialog
            // Reopening for another entry starts a fresh form.
            key={editing.entry?.id ?? 'new'}
            entry={editing.entry ? (entries[editing.entry.id] ?? editing.entry) : null}
            defaultTurnSeconds={Math.round(event.defaultTurnMs / 1000)}
            eventTimeZone={event.timeZone}
            at={Date.parse(event.plannedStart)}
            canRegister={phase === 'planned'}
            onClose={() => setEditing(null)}
          />
        </Suspense>
      )}
    </Panel>
  );
}
