'use client';
// /moderator/events: the events in this data folder (the real round table, rehearsal copies),
// which one the screens and links show, and making a rehearsal or switching the active one. After a
// switch the server moves every socket over; this page's own connection follows by itself.
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { useLive } from '@/components/live/live-provider';
import { useModeratorKey } from '@/components/moderator/access-gate';
import { useConfirm } from '@/components/moderator/confirm-dialog';
import { Badge, Button, cn, type BadgeTone } from '@/components/ui';
import type { Phase } from '@/lib/model';
import { callApi } from '@/components/moderator/organiser-api';
import { useLatest } from '@/components/use-latest';
import { eventSummarySchema, type EventSummary } from '@/lib/api-schemas';
import { Notice } from './notice';
import { SetupShell } from './setup-shell';
import { useSetupErrorText } from './use-command';

const EVENT_LIST = z.array(eventSummarySchema);

const PHASE_TONE: Record<Phase, BadgeTone> = { planned: 'neutral', live: 'normal', paused: 'warning', finished: 'neutral' };

/** "10.12.2026, 10:00 (UTC+03:00)" read straight from the ISO text, in the offset it was written with. */
function formatPlanned(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
  );
  return `${date}, ${m[4]}:${m[5]} (UTC${m[6] === 'Z' ? '' : m[6]})`;
}

export function EventsApp() {
  return (
    <SetupShell section="events">
      <EventsPage />
    </SetupShell>
  );
}

function EventsPage() {
  const t = useTranslations('setup.events');
  const tPhase = useTranslations('live.phase');
  const locale = useLocale();
  const key = useModeratorKey();
  const confirm = useConfirm();
  const errorText = useSetupErrorText();
  const liveEventId = useLive((s) => s.eventId);
  const [events, setEvents] = useState<EventSummary[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const latestErrorText = useLatest(errorText);

  const load = useCallback(
    () =>
      callApi(key, '/api/events', EVENT_LIST).then((result) => {
        if (result.ok) setEvents(result.data);
        else setFeedback({ tone: 'error', text: latestErrorText.current(result.error) });
      }),
    [key, latestErrorText],
  );

  // Again whenever the live connection lands on another event (after a switch, from any console).
  useEffect(() => {
    void load();
  }, [load, liveEventId]);

  const titleOf = (id: string | null) => (id ? (events?.find((e) => e.id === id)?.title ?? id) : '');

  const rehearse = async (event: EventSummary) => {
    setBusy(event.id);
    const result = await callApi(key, `/api/events/${encodeURIComponent(event.id)}/rehearsal`, eventSummarySchema, { method: 'POST' });
    setBusy(null);
    if (!result.ok) return setFeedback({ tone: 'error', text: errorText(result.error) });
    setFeedback({ tone: 'success', text: t('rehearsalCreated', { title: result.data.title }) });
    await load();
  };

  const remove = async (event: EventSummary) => {
    const ok = await confirm({
      title: t('deleteTitle', { title: event.title }),
      body: t('deleteBody'),
      confirmLabel: t('delete'),
      tone: 'danger',
    });
    if (!ok) return;
    setBusy(event.id);
    const result = await callApi(key, `/api/events/${encodeURIComponent(event.id)}`, EVENT_LIST, { method: 'DELETE' });
    setBusy(null);
    if (!result.ok) return setFeedback({ tone: 'error', text: errorText(result.error) });
    setFeedback({ tone: 'success', text: t('deleted', { title: event.title }) });
    setEvents(result.data);
  };

  const activate = async (event: EventSummary) => {
    const ok = await confirm({
      title: t('activateTitle', { title: event.title }),
      body: t('activateBody'),
      confirmLabel: t('activate'),
      tone: 'danger',
    });
    if (!ok) return;
    setBusy(event.id);
    const result = await callApi(key, `/api/events/${encodeURIComponent(event.id)}/activate`, eventSummarySchema, { method: 'POST' });
    setBusy(null);
    if (!result.ok) return setFeedback({ tone: 'error', text: errorText(result.error) });
    setFeedback({ tone: 'success', text: t('activated', { title: event.title }) });
    await load();
  };

  const th = 'px-3 py-2 text-left text-xs font-bold tracking-wide text-ink-muted uppercase whitespace-nowrap';
  const td = 'px-3 py-3 align-top';

  return (
    <div className="flex flex-col gap-4" data-testid="events-page">
      <div>
        <h1 className="text-2xl font-extrabold tracking-tight text-ink">{t('title')}</h1>
        <p className="max-w-3xl text-sm text-ink-muted">{t('intro')}</p>
      </div>

      {feedback && (
        <Notice tone={feedback.tone} data-testid="events-feedback">
          {feedback.text}
        </Notice>
      )}

      {!events ? (
        <p className="text-ink-muted" aria-busy="true">
          {t('loading')}
        </p>
      ) : (
        <div className="relative overflow-x-auto rounded-xl border border-line">
          <table className="w-full min-w-[900px] border-collapse text-ink" data-testid="events-table">
            <caption className="sr-only">{t('caption')}</caption>
            <thead className="bg-surface-2">
              <tr>
                <th scope="col" className={th}>
                  {t('col.title')}
                </th>
                <th scope="col" className={th}>
                  {t('col.start')}
                </th>
                <th scope="col" className={th}>
                  {t('col.phase')}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t('col.registered')}
                </th>
                <th scope="col" className={th}>
                  {t('col.rehearsalOf')}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  <span className="sr-only">{t('col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr
                  key={event.id}
                  data-testid="event-row"
                  data-event-id={event.id}
                  data-active={event.active}
                  className={cn('border-t border-line', event.active ? 'bg-accent/10' : 'bg-surface')}
                >
                  <td className={`${td} min-w-[14rem]`}>
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-semibold">{event.title}</span>
                      {event.rehearsalOf !== null && (
                        <Badge tone="warning" className="text-xs" data-testid="event-rehearsal-badge">
                          {t('rehearsalBadge')}
                        </Badge>
                      )}
                      {event.active && (
                        <Badge tone="accent" className="text-xs" data-testid="event-active">
                          {t('active')}
                        </Badge>
                      )}
                      {liveEventId === event.id && !event.active && <Badge className="text-xs">{t('connectedHere')}</Badge>}
                    </div>
                    <div className="font-mono text-xs text-ink-muted">{event.id}</div>
                  </td>
                  <td className={`${td} countdown text-sm whitespace-nowrap`}>{formatPlanned(event.plannedStart, locale)}</td>
                  <td className={td}>
                    <Badge tone={PHASE_TONE[event.phase]} className="text-xs">
                      {tPhase(event.phase)}
                    </Badge>
                  </td>
                  <td className={`${td} countdown text-right`} data-testid="event-registered">
                    {t('registeredOf', { registered: event.registered, total: event.entries })}
                  </td>
                  <td className={`${td} max-w-[11rem] text-sm text-ink-muted`}>{event.rehearsalOf ? titleOf(event.rehearsalOf) : '—'}</td>
                  <td className={td}>
                    <div className="flex justify-end gap-2">
                      {/* A rehearsal is made from the real event only; a rehearsal that is not shown can go. */}
                      {event.rehearsalOf === null ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          disabled={busy !== null}
                          onClick={() => void rehearse(event)}
                          data-testid="event-rehearsal"
                        >
                          {t('rehearse')}
                        </Button>
                      ) : (
                        !event.active && (
                          <Button
                            variant="danger"
                            size="sm"
                            disabled={busy !== null}
                            onClick={() => void remove(event)}
                            data-testid="event-delete"
                            aria-label={t('deleteLabel', { title: event.title })}
                          >
                            {t('delete')}
                          </Button>
                        )
                      )}
                      {event.active ? (
                        <span className="inline-flex h-8 items-center px-3 text-sm whitespace-nowrap text-ink-muted">{t('isActive')}</span>
                      ) : (
                        <Button
                          variant="primary"
                          size="sm"
                          disabled={busy !== null}
                          onClick={() => void activate(event)}
                          data-testid="event-activate"
                        >
                          {t('activate')}
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-sm text-ink-muted">{t('footnote')}</p>
    </div>
  );
}
