'use client';
// The console's buttons: one obvious primary action (start, then next), then pause, time and undo.
// Finishing is set apart and asks first. Everything is disabled while the connection is not live.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { Button, Kbd, buttonClasses, cn } from '@/components/ui';
import { EXTEND_SECONDS_MAX } from '@/lib/field-limits';
import { mayCallNext, shownNext, videoLinkDown } from '@/lib/queue';
import { useFeedback } from './command-context';
import { AlertIcon, NextIcon } from './icons';
import { useConsoleActions } from './use-console-actions';

export function Controls() {
  const t = useTranslations('moderator.controls');
  const tl = useTranslations('live.presence');
  const entryName = useEntryName();
  const actions = useConsoleActions();
  const connected = useLive((s) => s.status === 'live');
  const phase = useLive((s) => s.view?.phase ?? 'planned');
  const hasSpeaker = useLive((s) => !!s.view?.currentEntryId);
  const undoDepth = useLive((s) => s.view?.undoDepth ?? 0);
  // Once finished nobody is next: the console offers the report instead.
  const nextId = useLive((s) => (s.view ? shownNext(s.view) : null));
  const nextEntry = useLive((s) => (nextId ? s.view?.entries[nextId] : undefined));
  const nextLinkDown = useLive((s) => (s.view && nextEntry ? videoLinkDown(nextEntry, s.view) : null));
  const canCallNext = useLive((s) => !!s.view && mayCallNext(s.view));

  const running = phase === 'live' || phase === 'paused';
  const nextLabel = nextEntry ? t('next', { name: entryName(nextEntry) }) : hasSpeaker ? t('nextEndTurn') : t('nextNobody');
  // The next speaker takes part by video and their page is not connected: say so before the press.
  const nextAtRisk = running && nextLinkDown !== null;

  return (
    <section
      aria-labelledby="controls-title"
      data-testid="controls"
      className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-4"
    >
      <h2 id="controls-title" className="sr-only">
        {t('title')}
      </h2>
      {!connected && (
        <p className="rounded-md bg-danger/20 px-2.5 py-1 text-xs font-semibold text-danger-ink" data-testid="controls-offline">
          {t('disabledOffline')}
        </p>
      )}

      {phase === 'planned' ? (
        <Button
          size="lg"
          data-testid="btn-start"
          disabled={!connected}
          onClick={() => void actions.start()}
          className="h-14 w-full text-lg"
        >
          ▶ {t('start')}
        </Button>
      ) : phase === 'finished' ? (
        <div className="flex flex-col gap-2" data-testid="finished-controls">
          <p className="text-lg font-bold text-ink">{t('finishedNext')}</p>
          <Link href="/report/current" data-testid="btn-report" className={buttonClasses({ size: 'lg', className: 'h-14 w-full text-lg' })}>
            {t('openReport')} →
          </Link>
        </div>
      ) : (
        <div className="flex flex-col gap-1">
          <Button
            size="lg"
            data-testid="btn-next"
            data-next-id={nextId ?? ''}
            disabled={!connected || !canCallNext}
            onClick={() => void actions.next()}
            className="h-14 w-full justify-between text-lg"
          >
            <span className="flex min-w-0 items-center gap-2.5">
              <NextIcon className="shrink-0" />
              <span className="truncate">{nextLabel}</span>
            </span>
            <Kbd className="border-white/40 bg-white/15 text-white" aria-hidden="true">
              N
            </Kbd>
          </Button>
          {nextAtRisk && nextEntry && nextLinkDown && (
            <p className="flex items-center gap-1.5 text-sm font-semibold text-status-warning" data-testid="next-warning">
              <AlertIcon /> {t('nextOffline', { name: entryName(nextEntry), presence: tl(nextLinkDown) })}
            </p>
          )}
        </div>
      )}

      <div className="grid grid-cols-2 gap-2">
        {phase === 'paused' ? (
          <Button
            data-testid="btn-resume"
            disabled={!connected}
            onClick={() => void actions.resume()}
            className="h-11 bg-status-warning text-canvas hover:bg-status-warning/85"
          >
            ▶ {t('resume')}
          </Button>
        ) : (
          <Button
            variant="secondary"
            data-testid="btn-pause"
            disabled={!connected || phase !== 'live'}
            onClick={() => void actions.pause()}
            className="h-11"
          >
            ❚❚ {t('pause')}
          </Button>
        )}
        <Button
          variant="secondary"
          data-testid="btn-stop"
          title={t('stopHint')}
          disabled={!connected || !hasSpeaker}
          onClick={() => void actions.stop()}
          className="h-11"
        >
          ■ {t('stop')}
        </Button>
      </div>

      <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-center gap-2">
        <Button
          variant="secondary"
          data-testid="btn-extend-30"
          disabled={!connected || !hasSpeaker}
          onClick={() => void actions.extend(30)}
          className="h-10 px-2"
        >
          {t('extend30')}
        </Button>
        <Button
          variant="secondary"
          data-testid="btn-extend-60"
          disabled={!connected || !hasSpeaker}
          onClick={() => void actions.extend(60)}
          className="h-10 px-2"
        >
          {t('extend60')}
        </Button>
        <CustomExtend disabled={!connected || !hasSpeaker} onApply={(s) => actions.extend(s)} />
      </div>

      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-line pt-3">
        <Button
          variant="secondary"
          size="sm"
          data-testid="btn-undo"
          data-depth={undoDepth}
          title={t('undoHint', { count: undoDepth })}
          disabled={!connected || undoDepth === 0}
          onClick={() => void actions.undo()}
          className="h-9 gap-1.5 px-2.5"
        >
          ↶ {t('undo')}
          <span className="countdown rounded-full bg-surface-3 px-1.5 py-0.5 text-xs" data-testid="undo-depth">
            {undoDepth}
          </span>
        </Button>
        <Button
          variant="danger"
          size="sm"
          data-testid="btn-finish"
          disabled={!connected || !running}
          onClick={() => void actions.finish()}
          className="h-9 px-2"
        >
          {t('finish')}
        </Button>
      </div>
    </section>
  );
}

/** Any number of seconds, negative to shorten; validated like the server does. */
function CustomExtend({ disabled, onApply }: { disabled: boolean; onApply: (seconds: number) => Promise<boolean> }) {
  const t = useTranslations('moderator.controls');
  const id = useId();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const { say } = useFeedback();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const seconds = Number(value.replace('−', '-').replace(',', '.'));
    if (!Number.isInteger(seconds) || seconds === 0 || Math.abs(seconds) > EXTEND_SECONDS_MAX) {
      setInvalid(true);
      say('error', t('extendInvalid'));
      return;
    }
    setInvalid(false);
    if (await onApply(seconds)) setValue('');
  };

  return (
    <form onSubmit={submit} className="flex items-center gap-1" noValidate>
      <label htmlFor={id} className="sr-only">
        {t('extendLabel')}
      </label>
      <input
        id={id}
        data-testid="extend-seconds"
        type="number"
        inputMode="numeric"
        step={1}
        min={-EXTEND_SECONDS_MAX}
        max={EXTEND_SECONDS_MAX}
        placeholder={t('extendPlaceholder')}
        title={invalid ? t('extendInvalid') : t('extendLabel')}
        aria-invalid={invalid || undefined}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          setValue(e.target.value);
          setInvalid(false);
        }}
        className={cn(
          'countdown h-10 w-16 rounded-lg border bg-canvas px-2 text-center text-base disabled:opacity-50',
          invalid ? 'border-danger' : 'border-line',
        )}
      />
      <Button type="submit" variant="secondary" data-testid="btn-extend-custom" disabled={disabled || !value} className="h-10 px-2.5">
        {t('extendApply')}
      </Button>
    </form>
  );
}
