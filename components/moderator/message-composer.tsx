'use client';
// Messages to whoever has the floor, to the screens, or to one entry; each target holds at most
// one message (a new one replaces it) until the moderator removes it.
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { Button } from '@/components/ui';
import { TEXT_MAX } from '@/lib/field-limits';
import type { Message } from '@/lib/model';
import { useConsoleActions } from './use-console-actions';

const NO_MESSAGES: Message[] = [];
const NO_IDS: string[] = [];
const QUICK = ['oneMinute', 'wrapUp', 'mic'] as const;

export function MessageComposer() {
  const t = useTranslations('moderator.messages');
  const entryName = useEntryName();
  const actions = useConsoleActions();
  const targetId = useId();
  const textId = useId();
  const connected = useLive((s) => s.status === 'live');
  const order = useLive((s) => s.view?.order ?? NO_IDS);
  const entries = useLive((s) => s.view?.entries);
  const messages = useLive((s) => s.view?.messages ?? NO_MESSAGES);
  const [target, setTarget] = useState('speaker');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const textRef = useRef<HTMLInputElement>(null);

  const targetName = (value: string) => {
    if (value === 'speaker') return t('toSpeaker');
    if (value === 'screens') return t('toScreens');
    const entry = entries?.[value];
    return entry ? entryName(entry) : value;
  };

  const send = async (body: string) => {
    if (!body || sending) return false;
    setSending(true);
    const ok = await actions.sendMessage(target, body);
    setSending(false);
    return ok;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await send(text.trim())) setText('');
  };

  /** A ready-made message: into the text box, to be changed before it goes. */
  const edit = (body: string) => {
    setText(body);
    textRef.current?.focus();
  };

  return (
    <section
      aria-labelledby="messages-title"
      data-testid="messages"
      className="flex flex-col gap-2.5 rounded-xl border border-line bg-surface p-3"
    >
      <h2 id="messages-title" className="text-base font-bold">
        {t('title')}
      </h2>
      <form onSubmit={submit} className="flex flex-col gap-2">
        <div className="flex items-center gap-2">
          <label htmlFor={targetId} className="shrink-0 text-sm text-ink-muted">
            {t('target')}
          </label>
          <select
            id={targetId}
            data-testid="message-target"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            className="h-9 min-w-0 flex-1 rounded-lg border border-line bg-canvas px-2 text-sm text-ink"
          >
            <option value="speaker">{t('toSpeaker')}</option>
            <option value="screens">{t('toScreens')}</option>
            <optgroup label={t('toEntry')}>
              {order.map((id) => (
                <option key={id} value={id}>
                  {targetName(id)}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <label htmlFor={textId} className="sr-only">
          {t('text')}
        </label>
        <div className="flex gap-2">
          <input
            ref={textRef}
            id={textId}
            data-testid="message-text"
            type="text"
            maxLength={TEXT_MAX.message}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('placeholder')}
            className="h-10 min-w-0 flex-1 rounded-lg border border-line bg-canvas px-3 text-ink placeholder:text-ink-muted/70"
          />
          <Button type="submit" data-testid="message-send" disabled={!connected || sending || !text.trim()} className="h-10">
            {t('send')}
          </Button>
        </div>
        <ul className="flex flex-wrap gap-1.5">
          {QUICK.map((key) => {
            const body = t(`quick.${key}`);
            return (
              <li key={key} className="flex items-stretch overflow-hidden rounded-full border border-line bg-surface-2 text-xs">
                <button
                  type="button"
                  data-testid={`message-quick-${key}`}
                  aria-label={t('quickSend', { text: body, target: targetName(target) })}
                  title={t('quickSend', { text: body, target: targetName(target) })}
                  disabled={!connected || sending}
                  onClick={() => void send(body)}
                  className="px-2.5 py-1 text-ink hover:bg-surface-3 disabled:opacity-50"
                >
                  {body}
                </button>
                <button
                  type="button"
                  data-testid={`message-quick-edit-${key}`}
                  aria-label={t('quickEdit', { text: body })}
                  title={t('quickEdit', { text: body })}
                  onClick={() => edit(body)}
                  className="border-l border-line px-2 text-ink-muted hover:bg-surface-3 hover:text-ink"
                >
                  <span aria-hidden="true">✎</span>
                </button>
              </li>
            );
          })}
        </ul>
        <p className="text-xs text-ink-muted">{t('quickHint')}</p>
      </form>

      <div className="flex flex-col gap-1.5">
        <h3 className="text-xs font-bold tracking-[0.12em] text-ink-muted uppercase">{t('active')}</h3>
        {messages.length === 0 ? (
          <p className="text-sm text-ink-muted">{t('none')}</p>
        ) : (
          <ul className="flex flex-col gap-1.5">
            {messages.map((m) => (
              <li
                key={m.id}
                data-testid="message-item"
                data-target={m.target}
                className="flex items-start gap-2 rounded-lg border border-line bg-surface-2 px-2.5 py-1.5"
              >
                <div className="flex min-w-0 flex-1 flex-col">
                  <span className="text-xs font-bold text-accent-ink">→ {targetName(m.target)}</span>
                  <span className="text-sm [overflow-wrap:anywhere]">{m.text}</span>
                </div>
                <Button
                  size="sm"
                  variant="ghost"
                  data-testid="message-clear"
                  aria-label={t('clearLabel', { target: targetName(m.target) })}
                  disabled={!connected}
                  onClick={() => void actions.clearMessage(m.target)}
                  className="h-7 px-2"
                >
                  ✕ {t('clear')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
