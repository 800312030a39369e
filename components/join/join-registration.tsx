'use client';
// Before the roll call, the city's link is also its registration: who speaks, how it takes part and
// which practice it brings. Prefilled from the entry the server shows this page; sent as
// `entry.register` (the server knows the entry from the link); "sent" is the server's registeredAt.
import { useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import { useLive, useLiveConnection } from '@/components/live/live-provider';
import { useErrorText } from '@/components/live/live-text';
import { Button, cn } from '@/components/ui';
import type { Entry } from '@/lib/model';
import type { RollcallError } from '@/lib/protocol';
import {
  draftFromEntry,
  fieldOfServerMessage,
  LIMITS,
  loadStoredDraft,
  sameDraft,
  storeDraft,
  toFields,
  trimmedLength,
  validateDraft,
  type DraftField,
  type RegistrationDraft,
} from './registration-draft';
import { AttendanceChoice, describedBy, Field, inputClasses, textareaClasses } from './registration-inputs';
import { RegistrationDeadline, RegistrationSaved, useRegistrationDeadline } from './registration-status';

/** Focus order for "fix the first wrong field". */
const FIELD_ORDER: DraftField[] = ['representative', 'position', 'attendance', 'practiceTitle', 'practiceSummary', 'contact'];
const inputId = (field: DraftField) => (field === 'attendance' ? 'registration-attendance-in_person' : `registration-${field}`);

type Notice = { tone: 'ok' | 'error'; text: string };

export function JoinRegistration({ entryId }: { entryId: string }) {
  const entry = useLive((s) => s.view?.entries[entryId]);
  if (!entry) return null;
  return <RegistrationSection entry={entry} />;
}

function RegistrationSection({ entry }: { entry: Entry }) {
  const t = useTranslations('join.registration');
  const deadline = useRegistrationDeadline();
  const draftState = useDraft(entry);
  const { dirty } = draftState;

  return (
    <section
      data-testid="registration"
      aria-labelledby="registration-title"
      className="relative flex flex-col gap-5 overflow-hidden rounded-2xl border-2 border-accent/50 bg-surface px-5 py-6 sm:px-7"
    >
      <div className="flex flex-col gap-2">
        <p className="text-sm font-bold tracking-wide text-accent-ink uppercase">{t('eyebrow')}</p>
        <h2 id="registration-title" className="text-[clamp(1.6rem,7vw,2.25rem)] leading-tight font-extrabold">
          {t('title')}
        </h2>
        <p className="text-base text-ink-muted">{t('intro')}</p>
      </div>
      {/* What the organisers already have comes first; then by when changes are still welcome. */}
      {entry.registeredAt !== null && <RegistrationSaved registeredAt={entry.registeredAt} deadline={deadline} unsent={dirty} />}
      {deadline !== null && <RegistrationDeadline deadline={deadline} />}
      <RegistrationForm {...draftState} registered={entry.registeredAt !== null} />
    </section>
  );
}

/**
 * The draft follows the server while untouched (a moderator's correction, our own accepted send) and
 * keeps the attendee's edits otherwise; unsent edits are kept in the browser across reloads.
 */
function useDraft(entry: Entry) {
  const server = draftFromEntry(entry);
  const [draft, setDraft] = useState<RegistrationDraft>(() => loadStoredDraft(entry.id) ?? server);
  const [baseline, setBaseline] = useState<RegistrationDraft>(server);
  if (!sameDraft(server, baseline)) {
    // Adjusting state while rendering (React's pattern for "derive from a changed prop").
    setBaseline(server);
    if (sameDraft(draft, baseline)) setDraft(server);
  }
  const dirty = !sameDraft(draft, server);

  useEffect(() => {
    storeDraft(entry.id, dirty ? draft : null);
  }, [entry.id, draft, dirty]);

  return { draft, setDraft, dirty };
}

function RegistrationForm({ draft, setDraft, dirty, registered }: ReturnType<typeof useDraft> & { registered: boolean }) {
  const t = useTranslations('join.registration');
  const tl = useTranslations('live.attendance');
  const connection = useLiveConnection();
  const online = useLive((s) => s.status === 'live');
  const errorText = useErrorText();
  const [pending, setPending] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [serverField, setServerField] = useState<DraftField | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const errors = validateDraft(draft);
  const hasErrors = Object.keys(errors).length > 0;

  /**
   * A field's message: "too long" as it is typed, the rest once a send was tried. Not on blur: an
   * error appearing as the field loses focus would push the send button away from a tapping finger.
   */
  function errorOf(field: DraftField): string | null {
    const error = errors[field];
    if (error === 'tooLong') {
      const max = LIMITS[field as keyof typeof LIMITS];
      return t('errors.tooLong', { max, count: trimmedLength(draft[field]) });
    }
    if (error && attempted) {
      if (error === 'required') return field === 'attendance' ? t('errors.attendanceRequired') : t('errors.required');
      return t('errors.contact');
    }
    if (serverField === field) return t('errors.server');
    return null;
  }

  function set(field: DraftField, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    if (serverField === field) setServerField(null);
    if (notice?.tone === 'ok') setNotice(null);
  }

  function refusal(error: RollcallError): string {
    const key = `errors.${error.reason}` as const;
    return (error.reason === 'registration_closed' || error.reason === 'invalid_command') && t.has(key as never)
      ? t(key as 'errors.registration_closed')
      : errorText(error);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    setAttempted(true);
    setNotice(null);
    if (hasErrors) {
      const first = FIELD_ORDER.find((f) => errors[f]);
      if (first) document.getElementById(inputId(first))?.focus();
      setNotice({ tone: 'error', text: t('errors.fix') });
      return;
    }
    setPending(true);
    setServerField(null);
    const result = await connection.send({ type: 'entry.register', fields: toFields(draft) });
    setPending(false);
    if (result.ok) {
      setAttempted(false);
      setNotice({ tone: 'ok', text: t('sent') });
    } else {
      const field = fieldOfServerMessage(result.error.message);
      setServerField(field);
      setNotice({ tone: 'error', text: refusal(result.error) });
      if (field) document.getElementById(inputId(field))?.focus();
    }
  }

  const text = (
    field: 'representative' | 'position' | 'practiceTitle' | 'contact',
    opts: { hint?: string; required?: boolean; optional?: boolean; placeholder?: string; type?: string; autoComplete?: string },
  ) => {
    const id = inputId(field);
    const error = errorOf(field);
    return (
      <Field
        id={id}
        label={t(`fields.${field}`)}
        hint={opts.hint}
        required={opts.required}
        requiredText={t('required')}
        optionalText={opts.optional ? t('optional') : undefined}
        error={error}
      >
        <input
          id={id}
          data-testid={id}
          name={field}
          type={opts.type ?? 'text'}
          value={draft[field]}
          onChange={(e) => set(field, e.target.value)}
          placeholder={opts.placeholder}
          autoComplete={opts.autoComplete ?? 'off'}
          required={opts.required}
          aria-required={opts.required || undefined}
          aria-invalid={!!error || undefined}
          aria-describedby={describedBy(id, { hint: !!opts.hint, error: !!error })}
          className={inputClasses(!!error)}
        />
      </Field>
    );
  };

  const summaryId = inputId('practiceSummary');
  const summaryError = errorOf('practiceSummary');
  const summaryLength = trimmedLength(draft.practiceSummary);
  const submitLabel = pending ? t('submit.sending') : !registered ? t('submit.first') : dirty ? t('submit.changes') : t('submit.again');

  return (
    <form
      data-testid="registration-form"
      noValidate
      onSubmit={(e) => void submit(e)}
      className="flex flex-col gap-5"
      aria-busy={pending || undefined}
    >
      {text('representative', {
        required: true,
        hint: t('fields.representativeHint'),
        placeholder: t('fields.representativePlaceholder'),
        autoComplete: 'name',
      })}
      {text('position', { placeholder: t('fields.positionPlaceholder'), autoComplete: 'organization-title' })}
      <AttendanceChoice
        name="registration-attendance"
        legend={t('fields.attendance')}
        requiredText={t('required')}
        value={draft.attendance}
        labels={{ in_person: tl('in_person'), online: tl('online') }}
        hints={{ in_person: t('fields.attendanceHint.in_person'), online: t('fields.attendanceHint.online') }}
        error={errorOf('attendance')}
        onChange={(value) => set('attendance', value)}
      />
      {text('practiceTitle', { placeholder: t('fields.practiceTitlePlaceholder') })}
      <Field
        id={summaryId}
        label={t('fields.practiceSummary')}
        hint={t('fields.practiceSummaryHint')}
        error={summaryError}
        counter={{
          text: t('fields.counter', { count: summaryLength, max: LIMITS.practiceSummary }),
          over: summaryLength > LIMITS.practiceSummary,
        }}
      >
        <textarea
          id={summaryId}
          data-testid={summaryId}
          name="practiceSummary"
          rows={7}
          value={draft.practiceSummary}
          onChange={(e) => set('practiceSummary', e.target.value)}
          aria-invalid={!!summaryError || undefined}
          aria-describedby={describedBy(summaryId, { hint: true, error: !!summaryError, counter: true })}
          className={textareaClasses(!!summaryError)}
        />
      </Field>
      {text('contact', {
        optional: true,
        hint: t('fields.contactHint'),
        placeholder: t('fields.contactPlaceholder'),
        autoComplete: 'email',
      })}

      <div className="flex flex-col gap-3 border-t border-line pt-5">
        <div role="status" aria-live="polite" className="empty:hidden">
          {notice && (
            <p
              data-testid={notice.tone === 'error' ? 'registration-error' : 'registration-sent'}
              className={cn(
                'rounded-xl px-4 py-3 text-base font-semibold',
                notice.tone === 'error' ? 'border-2 border-danger bg-danger/10 text-danger-ink' : 'bg-status-normal/15 text-status-normal',
              )}
            >
              <span aria-hidden="true">{notice.tone === 'error' ? '! ' : '✓ '}</span>
              {notice.text}
            </p>
          )}
        </div>
        {!online && (
          <p data-testid="registration-offline" className="text-base font-semibold text-status-warning">
            {t('offline')}
          </p>
        )}
        <Button
          type="submit"
          size="lg"
          data-testid="registration-submit"
          disabled={pending || !online}
          className="h-16 w-full text-xl sm:w-auto sm:self-start sm:px-10"
        >
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
