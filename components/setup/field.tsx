'use client';
// Labelled form controls with the app's look; an error under the control is tied to it for screen readers.
import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cn } from '@/components/ui';

export const controlClasses =
  'h-10 w-full rounded-lg border border-line bg-surface-2 px-3 text-base text-ink placeholder:text-ink-muted/70 ' +
  'hover:border-ink-muted aria-invalid:border-danger disabled:opacity-60';

interface FieldShell {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
}

function Shell({ id, label, hint, error, className, children }: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className={cn('flex min-w-0 flex-col gap-1', className)}>
      <label htmlFor={id} className="text-sm font-semibold text-ink-muted">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-danger-ink">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-ink-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, error?: string | null, hint?: ReactNode) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

export function TextField({ label, hint, error, className, ...props }: FieldShell & Omit<ComponentPropsWithRef<'input'>, 'className'>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        className={controlClasses}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      />
    </Shell>
  );
}

export function SelectField({
  label,
  hint,
  error,
  className,
  children,
  ...props
}: FieldShell & Omit<ComponentPropsWithRef<'select'>, 'className'>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error} className={className}>
      <select
        id={id}
        className={controlClasses}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      >
        {children}
      </select>
    </Shell>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  className,
  ...props
}: FieldShell & Omit<ComponentPropsWithRef<'textarea'>, 'className'>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        className={cn(controlClasses, 'h-auto min-h-24 py-2 leading-snug')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      />
    </Shell>
  );
}
