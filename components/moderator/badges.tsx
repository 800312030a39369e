'use client';
// Status, presence and signal labels. Each has a word and a symbol, never colour alone.
import { useTranslations } from 'next-intl';
import type { ComponentType, SVGProps } from 'react';
import { Badge, cn, type BadgeTone } from '@/components/ui';
import type { Attendance, EntryKind, EntryStatus, Presence, SignalKind } from '@/lib/model';
import { AlertIcon, CheckIcon, HandIcon } from './icons';

const small = 'px-2 py-0 text-xs';

const STATUS: Record<EntryStatus, { tone: BadgeTone; icon: string }> = {
  waiting: { tone: 'neutral', icon: '◦' },
  speaking: { tone: 'accent', icon: '●' },
  done: { tone: 'neutral', icon: '✓' },
  deferred: { tone: 'warning', icon: '↻' },
  absent: { tone: 'neutral', icon: '⊘' },
};

export function StatusBadge({ status, className }: { status: EntryStatus; className?: string }) {
  const t = useTranslations('live.status');
  const { tone, icon } = STATUS[status];
  return (
    <Badge tone={tone} className={cn(small, status === 'done' && 'opacity-80', className)} data-testid="status-badge">
      <span aria-hidden="true">{icon}</span>
      {t(status)}
    </Badge>
  );
}

const PRESENCE_ICON: Record<Presence, string> = {
  online: '●',
  reconnecting: '◐',
  offline: '○',
  in_hall: '■',
  absent: '⊘',
};

function presenceTone(presence: Presence, attendance: Attendance): BadgeTone {
  switch (presence) {
    case 'online':
      return 'normal';
    case 'reconnecting':
      return 'warning';
    case 'offline':
      // Only a problem for someone who is meant to speak online.
      return attendance === 'online' ? 'overtime' : 'neutral';
    case 'in_hall':
    case 'absent':
      return 'neutral';
    default:
      return presence satisfies never;
  }
}

export function PresenceBadge({ presence, attendance, className }: { presence: Presence; attendance: Attendance; className?: string }) {
  const t = useTranslations('live.presence');
  return (
    <Badge
      tone={presenceTone(presence, attendance)}
      className={cn(small, presence === 'in_hall' && 'border-ink/50 text-ink', className)}
      data-testid="presence-badge"
      data-presence={presence}
    >
      <span aria-hidden="true">{PRESENCE_ICON[presence]}</span>
      {/* Someone expected in the hall who is not checked in yet is not "offline": nobody is missing. */}
      {presence === 'offline' && attendance === 'in_person' ? t('notCheckedIn') : t(presence)}
    </Badge>
  );
}

export const SIGNAL_LOOK: Record<SignalKind, { tone: BadgeTone; Icon: ComponentType<SVGProps<SVGSVGElement>> }> = {
  technical_problem: { tone: 'overtime', Icon: AlertIcon },
  request_floor: { tone: 'warning', Icon: HandIcon },
  ready: { tone: 'normal', Icon: CheckIcon },
};

export function SignalBadge({ kind, className }: { kind: SignalKind; className?: string }) {
  const t = useTranslations('live.signal');
  const { tone, Icon } = SIGNAL_LOOK[kind];
  return (
    <Badge
      tone={tone}
      className={cn(small, kind === 'technical_problem' && 'font-bold', className)}
      data-testid="signal-badge"
      data-kind={kind}
    >
      <Icon />
      {t(kind)}
    </Badge>
  );
}

export function KindLabel({ kind, className }: { kind: EntryKind; className?: string }) {
  const t = useTranslations('live.kind');
  return (
    <span
      className={cn(
        'text-[0.7rem] font-semibold tracking-wider text-ink-muted uppercase',
        kind === 'guest' && 'text-accent-ink',
        className,
      )}
    >
      {t(kind)}
    </span>
  );
}
