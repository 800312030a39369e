'use client';
// The registration form's controls: big enough for a thumb (≥ 56 px), 18 px text so phones do not
// zoom in, the label above, the message about the field right under it, read out with the field.
import type { ReactNode } from 'react';
import { cn } from '@/components/ui';
import { ATTENDANCES, type Attendance } from '@/lib/model';

const control =
  'w-full rounded-xl border-2 bg-canvas px-4 text-lg text-ink placeholder:text-ink-muted/60 transition-colors ' +
  'hover:border-ink-muted focus-visible:border-accent';

export interface FieldProps {
  id: string;
  label: string;
  /** Small print under the label (who sees it, what to write). */
  hint?: string;
  required?: boolean;
  /** "required" marker text, translated by the caller. */
  requiredText?: string;
  /** "optional" marker text, shown when given and the field is not required. */
  optionalText?: string;
  error?: string | null;
  /** e.g. "120 / 4000", shown at the right under the control. */
  counter?: { text: string; over: boolean } | null;
  children: ReactNode;
}

/** Label, hint, control, then the error and counter on one line under it. */
export function Field({ id, label, hint, required, requiredText, optionalText, error, counter, children }: FieldProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="flex flex-wrap items-baseline gap-x-2 text-base font-bold text-ink">
        {label}
        {required && <span className="text-sm font-semibold text-accent-ink">{requiredText}</span>}
        {!required && optionalText && <span className="text-sm font-normal text-ink-muted">{optionalText}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="-mt-0.5 text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {children}
      {(error || counter) && (
        <div className="flex items-start justify-between gap-3">
          <p id={`${id}-error`} data-testid={error ? `${id}-error` : undefined} className="text-base font-semibold text-danger-ink">
            {error && (
              <>
                <span aria-hidden="true">! </span>
                {error}
              </>
            )}
          </p>
          {counter && (
            <p
              id={`${id}-counter`}
              data-testid={`${id}-counter`}
              className={cn('countdown shrink-0 text-sm', counter.over ? 'font-bold text-danger-ink' : 'text-ink-muted')}
            >
              {counter.text}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** aria-describedby for a control inside <Field>: hint, error, counter, as present. */
export function describedBy(id: string, parts: { hint?: boolean; error?: boolean; counter?: boolean }): string | undefined {
  const ids = [parts.hint && `${id}-hint`, parts.error && `${id}-error`, parts.counter && `${id}-counter`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function inputClasses(invalid: boolean, className?: string): string {
  return cn(control, 'h-14', invalid ? 'border-danger' : 'border-line', className);
}

export function textareaClasses(invalid: boolean, className?: string): string {
  return cn(control, 'min-h-44 resize-y py-3 leading-relaxed', invalid ? 'border-danger' : 'border-line', className);
}

/** «В зале / Онлайн» as two big tiles with native radios (arrow keys move between them). */
export function AttendanceChoice({
  name,
  legend,
  requiredText,
  value,
  labels,
  hints,
  error,
  onChange,
}: {
  name: string;
  legend: string;
  requiredText: string;
  value: Attendance | '';
  labels: Record<Attendance, string>;
  hints: Record<Attendance, string>;
  error?: string | null;
  onChange: (value: Attendance) => void;
}) {
  return (
    <fieldset className="flex flex-col gap-1.5" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="mb-1.5 flex flex-wrap items-baseline gap-x-2 text-base font-bold text-ink">
        {legend}
        <span className="text-sm font-semibold text-accent-ink">{requiredText}</span>
      </legend>
      <div className="grid gap-2.5 sm:grid-cols-2">
        {ATTENDANCES.map((option) => (
          <label
            key={option}
            className={cn(
              'flex min-h-16 cursor-pointer items-center gap-3 rounded-xl border-2 px-4 py-3 transition-colors',
              'has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-3 has-[:focus-visible]:outline-focus',
              value === option
                ? 'border-accent bg-accent/10'
                : error
                  ? 'border-danger bg-canvas'
                  : 'border-line bg-canvas hover:border-ink-muted',
            )}
          >
            <input
              type="radio"
              name={name}
              value={option}
              data-testid={`registration-attendance-${option}`}
              checked={value === option}
              onChange={() => onChange(option)}
              className="size-6 shrink-0 accent-accent focus-visible:outline-none"
            />
            <span className="flex min-w-0 flex-col">
              <span className="text-lg leading-tight font-bold">{labels[option]}</span>
              <span className="text-sm text-ink-muted">{hints[option]}</span>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p id={`${name}-error`} data-testid={`${name}-error`} className="text-base font-semibold text-danger-ink">
          <span aria-hidden="true">! </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}
