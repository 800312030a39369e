'use client';
// One line of feedback under a form or table: an error (announced at once) or a confirmation.
import type { ReactNode } from 'react';
import { cn } from '@/components/ui';

export type NoticeTone = 'error' | 'success' | 'info';

const tones: Record<NoticeTone, string> = {
  error: 'border-danger bg-danger/15 text-danger-ink',
  success: 'border-status-normal bg-status-normal/10 text-ink',
  info: 'border-line bg-surface-2 text-ink',
};

export function Notice({
  tone,
  children,
  className,
  ...props
}: {
  tone: NoticeTone;
  children: ReactNode;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-lg border px-3 py-2 text-sm font-medium', tones[tone], className)}
      {...props}
    >
      {children}
    </div>
  );
}
