import type { ComponentPropsWithRef } from 'react';
import { cn } from './cn';

/** A keyboard key, e.g. <Kbd>Space</Kbd>. */
export function Kbd({ className, ...props }: ComponentPropsWithRef<'kbd'>) {
  return (
    <kbd
      className={cn(
        'inline-flex min-w-[1.75em] items-center justify-center rounded-md border border-b-2 border-line',
        'bg-surface-2 px-1.5 py-0.5 font-mono text-[0.85em] font-semibold text-ink',
        className,
      )}
      {...props}
    />
  );
}
