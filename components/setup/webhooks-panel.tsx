'use client';
// Webhooks on the set-up page: the moderator registers a URL and the events it hears of, sees the
// secret once (and again on request), the latest deliveries with their status, and removes one.
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useModeratorKey } from '@/components/moderator/access-gate';
import { callApi } from '@/components/moderator/organiser-api';
import { useLatest } from '@/components/use-latest';
import { Badge, Button, Panel } from '@/components/ui';
import { webhookCreatedSchema, webhookSecretSchema, webhookViewSchema, type WebhookSummary } from '@/lib/api-schemas';
import { WEBHOOK_EVENT_TYPES, webhookInputSchema, type WebhookEventType } from '@/lib/protocol';
import { TextField } from './field';
import { Notice } from './notice';
import { useSetupErrorText } from './use-command';

const LIST = z.array(webhookViewSchema);
const STATUS_TONE = { delivered: 'normal', pending: 'warning', failed: 'overtime' } as const;
/** Message keys cannot hold dots (they nest), so each event has its key. */
const EVENT_KEY = {
  'turn.started': 'event.turn_started',
  'turn.ended': 'event.turn_ended',
  'session.started': 'event.session_started',
  'session.paused': 'event.session_paused',
  'session.resumed': 'event.session_resumed',
  'session.finished': 'event.session_finished',
  signal: 'event.signal',
} as const satisfies Record<WebhookEventType, string>;
const eventKey = (type: WebhookEventType) => EVENT_KEY[type];

export function WebhooksPanel() {
  const t = useTranslations('setup.webhooks');
  const key = useModeratorKey();
  const errorText = useSetupErrorText();
  const latestErrorText = useLatest(errorText);
  const [hooks, setHooks] = useState<WebhookSummary[] | null>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['turn.started', 'turn.ended']);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const [feedback, setFeedback] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      callApi(key, '/api/webhooks', LIST).then((result) => {
        if (result.ok) setHooks(result.data);
        else setFeedback({ tone: 'error', text: latestErrorText.current(result.error) });
      }),
    [key, latestErrorText],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function add(e: FormEvent) {
    e.preventDefault();
    const parsed = webhookInputSchema.safeParse({ url, events });
    if (!parsed.success) return setFeedback({ tone: 'error', text: t(events.length ? 'badUrl' : 'noEvents') });
    setBusy(true);
    const result = await callApi(key, '/api/webhooks', webhookCreatedSchema, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(parsed.data),
    });
    setBusy(false);
    if (!result.ok) return setFeedback({ tone: 'error', text: errorText(result.error) });
    setSecret({ id: result.data.webhook.id, secret: result.data.secret });
    setUrl('');
    setFeedback({ tone: 'success', text: t('added') });
    await load();
  }

  async function showSecret(id: string) {
    const result = await callApi(key, `/api/webhooks/${encodeURIComponent(id)}/secret`, webhookSecretSchema);
    if (result.ok) setSecret(result.data);
    else setFeedback({ tone: 'error', text: errorText(result.error) });
  }

  async function remove(id: string) {
    const result = await callApi(key, `/api/webhooks/${encodeURIComponent(id)}`, LIST, { method: 'DELETE' });
    if (!result.ok) return setFeedback({ tone: 'error', text: errorText(result.error) });
    setHooks(result.data);
    if (secret?.id === id) setSecret(null);
  }

  const toggle = (type: WebhookEventType) => setEvents((list) => (list.includes(type) ? list.filter((x) => x !== type) : [...list, type]));

  return (
    <Panel
      title={t('title')}
      data-testid="webhooks-panel"
      actions={
        <Button size="sm" onClick={() => void load()}>
          {t('refresh')}
        </Button>
      }
    >
      <div className="flex flex-col gap-4">
        <p className="text-sm text-ink-muted">{t('intro')}</p>
        <form onSubmit={add} className="flex flex-col gap-3" noValidate>
          <TextField
            label={t('url')}
            placeholder="https://example.org/rollcall-hook"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            name="webhook-url"
            type="url"
            maxLength={2000}
          />
          <fieldset className="flex flex-wrap gap-x-4 gap-y-2">
            <legend className="mb-1 text-sm font-semibold text-ink-muted">{t('events')}</legend>
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-2 text-sm text-ink">
                <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} className="size-4 accent-accent" />
                {t(eventKey(type))}
              </label>
            ))}
          </fieldset>
          <div>
            <Button type="submit" variant="primary" disabled={busy} data-testid="webhook-add">
              {t('add')}
            </Button>
          </div>
        </form>
        {feedback && (
          <Notice tone={feedback.tone} data-testid="webhooks-result">
            {feedback.text}
          </Notice>
        )}
        {secret && (
          <Notice tone="info" data-testid="webhook-secret">
            <span className="block font-semibold">{t('secretTitle')}</span>
            <code className="block break-all select-all">{secret.secret}</code>
            <span className="block text-ink-muted">{t('secretHint')}</span>
          </Notice>
        )}
        {hooks && hooks.length === 0 && <p className="text-sm text-ink-muted">{t('none')}</p>}
        <ul className="flex flex-col gap-3">
          {hooks?.map((hook) => (
            <WebhookItem key={hook.id} hook={hook} onSecret={() => void showSecret(hook.id)} onRemove={() => void remove(hook.id)} />
          ))}
        </ul>
      </div>
    </Panel>
  );
}

function WebhookItem({ hook, onSecret, onRemove }: { hook: WebhookSummary; onSecret: () => void; onRemove: () => void }) {
  const t = useTranslations('setup.webhooks');
  const locale = useLocale();
  const time = (at: number | null) => (at ? new Date(at).toLocaleTimeString(locale, { timeZone: 'Europe/Moscow' }) : '—');
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-line p-3" data-testid="webhook-item">
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 flex-1 font-mono text-sm break-all text-ink">{hook.url}</span>
        <Button size="sm" onClick={onSecret}>
          {t('showSecret')}
        </Button>
        <Button size="sm" variant="danger" onClick={onRemove}>
          {t('remove')}
        </Button>
      </div>
      <p className="text-xs text-ink-muted">
        {hook.events.map((type) => t(eventKey(type))).join(' · ')} —{' '}
        {t('counts', { delivered: hook.counts.delivered, pending: hook.counts.pending, failed: hook.counts.failed })}
      </p>
      {hook.recent.length > 0 && (
        <table className="w-full text-left text-xs">
          <thead className="text-ink-muted">
            <tr>
              <th className="py-1 font-semibold">{t('when')}</th>
              <th className="font-semibold">{t('what')}</th>
              <th className="font-semibold">{t('status')}</th>
              <th className="font-semibold">{t('detail')}</th>
            </tr>
          </thead>
          <tbody>
            {hook.recent.map((d) => (
              <tr key={d.id} className="border-t border-line/60" data-testid="webhook-delivery">
                <td className="py-1 tabular-nums">{time(d.lastAttemptAt)}</td>
                <td>{t(eventKey(d.type))}</td>
                <td>
                  <Badge tone={STATUS_TONE[d.status]} className="px-2 py-0 text-[11px]">
                    {t(`deliveryStatus.${d.status}`)}
                  </Badge>
                </td>
                <td className="text-ink-muted">
                  {d.error ?? (d.responseStatus ? `HTTP ${d.responseStatus}` : '')}
                  {d.attempts > 1 && ` · ${t('attempts', { n: d.attempts })}`}
                  {d.nextAttemptAt && ` · ${t('nextAttempt', { time: time(d.nextAttemptAt) })}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
