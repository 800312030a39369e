'use client';
// Nominating a city's practice for a diploma, right from the report: a small inline form with the
// wording (default «Лучшая практика»), sent as entry.nominate over the moderator's socket. Only the
// active event can be changed; for the others the nomination is shown read-only.
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLiveConnection } from '@/components/live/live-provider';
import { useErrorText } from '@/components/live/live-text';
import { Button } from '@/components/ui';
import { TEXT_MAX } from '@/lib/field-limits';
import { DownloadButton } from './download-button';

export function NominationCell({
  entryId,
  entryName,
  nomination,
  editable,
  diplomaUrl,
  onChanged,
}: {
  entryId: string;
  entryName: string;
  nomination: string | null;
  editable: boolean;
  /** The server's diploma for this entry, offered once it is nominated. */
  diplomaUrl: string;
  onChanged: () => void;
}) {
  const t = useTranslations('report.nominate');
  const connection = useLiveConnection();
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Keyboard users land back on the button that opened the form once it closes.
  const trigger = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) trigger.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  async function send(value: string | null) {
    setBusy(true);
    setError(null);
    const result = await connection.send({ type: 'entry.nominate', entryId, nomination: value });
    setBusy(false);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    setEditing(false);
    onChanged();
  }

  if (editing) {
    return (
      <NominationForm
        initial={nomination ?? t('default')}
        entryName={entryName}
        busy={busy}
        error={error}
        onSubmit={send}
        onCancel={() => setEditing(false)}
      />
    );
  }

  return (
    <div className="flex flex-col items-start gap-1">
      {nomination && (
        <span
          className="inline-flex max-w-60 items-start gap-1 rounded-lg border border-accent bg-accent/15 px-2 py-0.5 text-xs leading-snug font-semibold text-accent-ink"
          data-testid="nomination"
        >
          <TrophyIcon />
          {nomination}
        </span>
      )}
      {nomination && (
        <DownloadButton
          url={diplomaUrl}
          fallbackName={`diploma-${entryId}.pdf`}
          testId="download-diploma"
          label={t('diplomaFor', { name: entryName })}
        >
          {t('diploma')}
        </DownloadButton>
      )}
      {editable && (
        <div className="flex gap-1">
          <Button
            ref={trigger}
            variant="secondary"
            size="sm"
            className="h-7 px-2.5 text-xs"
            onClick={() => setEditing(true)}
            data-testid="btn-nominate"
            aria-label={nomination ? t('editFor', { name: entryName }) : t('nominateFor', { name: entryName })}
          >
            {nomination ? t('edit') : t('nominate')}
          </Button>
          {nomination && (
            <Button
              variant="ghost"
              size="sm"
              className="h-7 px-2 text-xs text-ink-muted"
              onClick={() => void send(null)}
              disabled={busy}
              data-testid="btn-withdraw"
              aria-label={t('withdrawFor', { name: entryName })}
            >
              {t('withdraw')}
            </Button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="text-xs text-danger-ink">
          {error}
        </p>
      )}
    </div>
  );
}

function NominationForm({
  initial,
  entryName,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  initial: string;
  entryName: string;
  busy: boolean;
  error: string | null;
  onSubmit: (value: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('report.nominate');
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    const wording = value.trim();
    if (wording) onSubmit(wording);
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      className="flex w-60 flex-col gap-1.5 rounded-lg border border-accent bg-surface-2 p-2"
      data-testid="nominate-form"
    >
      <label htmlFor={id} className="text-xs font-semibold text-ink-muted">
        {t('label', { name: entryName })}
      </label>
      <input
        ref={input}
        id={id}
        value={value}
        maxLength={TEXT_MAX.nomination}
        onChange={(e) => setValue(e.target.value)}
        className="h-8 rounded-md border border-line bg-canvas px-2 text-sm text-ink"
        data-testid="nominate-input"
      />
      <div className="flex gap-1.5">
        <Button type="submit" size="sm" className="h-7 px-2 text-xs" disabled={busy || !value.trim()} data-testid="nominate-save">
          {t('save')}
        </Button>
        <Button variant="ghost" size="sm" className="h-7 px-2 text-xs" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-xs text-danger-ink">
          {error}
        </p>
      )}
    </form>
  );
}

function TrophyIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="mt-px size-3.5 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 3h8v4a4 4 0 0 1-8 0V3zM6 5H3v1a3 3 0 0 0 3 3M14 5h3v1a3 3 0 0 1-3 3M10 11v3M7 17h6M8 14h4v3H8z" />
    </svg>
  );
}
