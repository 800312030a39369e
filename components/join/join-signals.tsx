'use client';
// The three signals an attendee can raise. The pressed state comes from the server's view (the
// signal is there only once the server accepted it), so "the moderator sees it" is never a guess.
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useLive, useLiveConnection } from '@/components/live/live-provider';
import { useErrorText } from '@/components/live/live-text';
import { cn } from '@/components/ui';
import { SIGNAL_KINDS, type SignalKind } from '@/lib/model';
import { formatLocalTime } from './join-state';

const KIND_STYLE: Record<SignalKind, { dot: string; pressed: string }> = {
  ready: { dot: 'bg-status-normal', pressed: 'border-status-normal bg-status-normal text-black' },
  technical_problem: { dot: 'bg-status-warning', pressed: 'border-status-warning bg-status-warning text-black' },
  request_floor: { dot: 'bg-accent', pressed: 'border-accent bg-accent text-white' },
};

type Notice = { text: string; tone: 'info' | 'error' };

export function JoinSignals({ entryId }: { entryId: string }) {
  const t = useTranslations('join.signals');
  const locale = useLocale();
  const connection = useLiveConnection();
  const online = useLive((s) => s.status === 'live');
  const signal = useLive((s) => s.view?.signals[entryId]);
  const errorText = useErrorText();
  const [pending, setPending] = useState<SignalKind | 'clear' | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  // A signal that disappears without our asking was cleared by the moderator: say so.
  const previous = useRef(signal);
  const clearing = useRef(false);
  useEffect(() => {
    if (previous.current && !signal && !clearing.current) setNotice({ text: t('cleared'), tone: 'info' });
    previous.current = signal;
  }, [signal, t]);

  const disabled = !online || pending !== null;

  async function clear() {
    clearing.current = true;
    setPending('clear');
    setNotice(null);
    const result = await connection.send({ type: 'signal.clear' });
    clearing.current = false;
    setPending(null);
    setNotice(result.ok ? { text: t('withdrawn'), tone: 'info' } : { text: errorText(result.error), tone: 'error' });
  }

  async function send(kind: SignalKind) {
    if (signal?.kind === kind) return clear();
    setPending(kind);
    setNotice(null);
    const result = await connection.send({ type: 'signal.send', kind });
    setPending(null);
    if (!result.ok) setNotice({ text: errorText(result.error), tone: 'error' });
  }

  return (
    <section aria-labelledby="join-signals-title" className="flex flex-col gap-3 rounded-2xl border border-line bg-surface p-4 sm:p-5">
      <div>
        <h2 id="join-signals-title" className="text-lg font-bold">
          {t('title')}
        </h2>
        <p className="text-sm text-ink-muted">{online ? t('hint') : t('offline')}</p>
      </div>

      <div className="flex flex-col gap-2.5">
        {SIGNAL_KINDS.map((kind) => {
          const active = signal?.kind === kind;
          return (
            <button
              key={kind}
              type="button"
              data-testid={`signal-${kind}`}
              aria-pressed={active}
              disabled={disabled}
              onClick={() => void send(kind)}
              className={cn(
                'flex min-h-16 w-full items-center gap-4 rounded-xl border-2 px-4 py-3 text-left transition-colors',
                'disabled:cursor-not-allowed disabled:opacity-50',
                active ? KIND_STYLE[kind].pressed : 'border-line bg-surface-2 text-ink hover:border-ink-muted hover:bg-surface-3',
              )}
            >
              <span
                aria-hidden="true"
                className={cn(
                  'flex size-7 shrink-0 items-center justify-center rounded-full text-base font-black',
                  active ? 'bg-black/20 text-current' : KIND_STYLE[kind].dot,
                )}
              >
                {active ? '✓' : ''}
              </span>
              <span className="flex min-w-0 flex-col">
                <span className="text-lg leading-tight font-bold">{t(`label.${kind}`)}</span>
                <span className={cn('text-sm', active ? 'opacity-80' : 'text-ink-muted')}>
                  {pending === kind ? t('sending') : t(`describe.${kind}`)}
                </span>
              </span>
            </button>
          );
        })}
      </div>

      <div role="status" aria-live="polite" className="flex flex-col gap-2">
        {signal && (
          <div
            data-testid="signal-active"
            data-kind={signal.kind}
            className="flex flex-wrap items-center justify-between gap-2 rounded-xl bg-surface-2 px-4 py-3"
          >
            <p className="text-base font-semibold">
              <span aria-hidden="true" className="text-status-normal">
                ✓{' '}
              </span>
              {t('seen', { signal: t(`label.${signal.kind}`) })}
              <span className="font-normal text-ink-muted"> · {t('sentAt', { time: formatLocalTime(signal.at, locale) })}</span>
            </p>
            <button
              type="button"
              data-testid="signal-clear"
              disabled={disabled}
              onClick={() => void clear()}
              className="min-h-11 rounded-lg border border-line px-4 text-sm font-semibold text-ink hover:bg-surface-3 disabled:cursor-not-allowed disabled:opacity-50"
            >
              {pending === 'clear' ? t('sending') : t('withdraw')}
            </button>
          </div>
        )}
        {notice && !signal && (
          <p
            data-testid="signal-notice"
            className={cn('text-sm font-semibold', notice.tone === 'error' ? 'text-danger-ink' : 'text-ink-muted')}
          >
            {notice.text}
          </p>
        )}
        {notice && signal && notice.tone === 'error' && <p className="text-sm font-semibold text-danger-ink">{notice.text}</p>}
      </div>
    </section>
  );
}
