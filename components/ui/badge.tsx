import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';

export type BadgeTone = 'neutral' | 'accent' | 'normal' | 'warning' | 'overtime';

const tones: Record<BadgeTone, string> = {
  neutral: 'border-line bg-surface-2 text-ink-muted',
  accent: 'border-accent bg-accent/15 text-accent-ink',
  normal: 'border-status-normal bg-status-normal/15 text-status-normal',
  warning: 'border-status-warning bg-status-warning/15 text-status-warning',
  // Red text on a red tint needs the lighter red to stay above 4.5:1 at small sizes.
  overtime: 'border-status-overtime bg-status-overtime/15 text-danger-ink',
};

export type BadgeProps = ComponentPropsWithRef<'span'> & { tone?: BadgeTone };

/** A small status label. Colour is never the only signal: always put a word inside. */
export function Badge({ tone = 'neutral', className, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap',
        tones[tone],
        className,
      )}
      {...props}
    />
  );
}
