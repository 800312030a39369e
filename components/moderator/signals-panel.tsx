'use client';
// Participant signals, most urgent first: a technical problem stands out in red, a request for the
// floor can be answered right here. Each is cleared by the moderator once handled.
import { useTranslations } from 'next-intl';
import { useShallow } from 'zustand/react/shallow';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { useServerNow } from '@/components/live/use-server-now';
import { Button, cn } from '@/components/ui';
import { formatDuration } from '@/lib/format';
import type { Signal, SignalKind } from '@/lib/model';
import { SIGNAL_LOOK } from './badges';
import { useConsoleActions } from './use-console-actions';

const URGENCY: Record<SignalKind, number> = { technical_problem: 0, request_floor: 1, ready: 2 };

const CARD: Record<SignalKind, string> = {
  technical_problem: 'border-status-overtime bg-status-overtime/15',
  request_floor: 'border-status-warning/70 bg-status-warning/10',
  ready: 'border-status-normal/50 bg-status-normal/10',
};

const ICON: Record<SignalKind, string> = {
  technical_problem: 'bg-status-overtime text-white',
  request_floor: 'bg-status-warning text-canvas',
  ready: 'bg-status-normal text-canvas',
};

export function SignalsPanel() {
  const t = useTranslations('moderator.signals');
  // Entry ids in order of urgency, then newest first; a string so the selector result is stable.
  const ids = useLive(
    useShallow((s) =>
      Object.entries(s.view?.signals ?? {})
        .sort(([, a], [, b]) => URGENCY[a.kind] - URGENCY[b.kind] || b.at - a.at)
        .map(([id]) => id),
    ),
  );
  const urgent = useLive((s) => Object.values(s.view?.signals ?? {}).some((sig) => sig.kind === 'technical_problem'));

  return (
    <section
      aria-labelledby="signals-title"
      data-testid="signals"
      data-count={ids.length}
      className={cn('flex flex-col gap-2 rounded-xl border bg-surface p-3', urgent ? 'border-status-overtime' : 'border-line')}
    >
      <h2 id="signals-title" className="flex items-center gap-2 text-base font-bold">
        {t('title')}
        {ids.length > 0 && (
          <span className={cn('countdown rounded-full px-2 text-sm', urgent ? 'bg-status-overtime text-white' : 'bg-surface-3 text-ink')}>
            {ids.length}
          </span>
        )}
      </h2>
      {ids.length === 0 ? (
        <p className="text-sm text-ink-muted">{t('empty')}</p>
      ) : (
        <ul className="flex flex-col gap-1.5" aria-live="polite">
          {ids.map((id) => (
            <SignalItem key={id} entryId={id} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SignalItem({ entryId }: { entryId: string }) {
  const t = useTranslations('moderator.signals');
  const tl = useTranslations('live.signal');
  const entryName = useEntryName();
  const actions = useConsoleActions();
  const entry = useLive((s) => s.view?.entries[entryId]);
  const signal = useLive((s) => s.view?.signals[entryId]);
  const connected = useLive((s) => s.status === 'live');
  const canGiveFloor = useLive((s) => s.view?.phase === 'live' && s.view.currentEntryId !== entryId);
  if (!entry || !signal) return null;
  const name = entryName(entry);
  return (
    <li
      data-testid="signal-item"
      data-entry-id={entryId}
      data-kind={signal.kind}
      className={cn('flex flex-col gap-1.5 rounded-lg border px-2.5 py-2', CARD[signal.kind])}
    >
      <div className="flex items-center gap-2.5">
        <SignalIcon kind={signal.kind} />
        <div className="flex min-w-0 flex-1 flex-col leading-snug">
          <span className="truncate font-bold">{name}</span>
          <span className="text-sm">
            <span className={signal.kind === 'technical_problem' ? 'font-bold text-status-overtime' : 'text-ink-muted'}>
              {tl(signal.kind)}
            </span>
            <span className="text-ink-muted"> · </span>
            <Ago signal={signal} />
          </span>
        </div>
        <Button
          size="sm"
          variant="ghost"
          data-testid="signal-clear"
          aria-label={t('clearLabel', { name })}
          disabled={!connected}
          onClick={() => void actions.clearSignal(entryId)}
          className="h-8 shrink-0 px-2"
        >
          ✕ {t('clear')}
        </Button>
      </div>
      {signal.kind === 'request_floor' && canGiveFloor && (
        <Button
          size="sm"
          variant="secondary"
          data-testid="signal-give-floor"
          disabled={!connected}
          onClick={() => void actions.giveFloor(entryId)}
          className="ml-[2.625rem] h-8 self-start"
        >
          ▶ {t('giveFloor')}
        </Button>
      )}
    </li>
  );
}

function SignalIcon({ kind }: { kind: SignalKind }) {
  const { Icon } = SIGNAL_LOOK[kind];
  return (
    <span
      aria-hidden="true"
      className={cn(
        'grid size-8 shrink-0 place-items-center rounded-full text-base',
        ICON[kind],
        kind === 'technical_problem' && 'animate-pulse',
      )}
    >
      <Icon />
    </span>
  );
}

function Ago({ signal }: { signal: Signal }) {
  const t = useTranslations('moderator.signals');
  const now = useServerNow();
  return (
    <span className="countdown whitespace-nowrap text-ink-muted">{t('ago', { time: formatDuration(Math.max(0, now - signal.at)) })}</span>
  );
}
