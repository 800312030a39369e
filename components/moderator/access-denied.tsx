'use client';
// The full page shown instead of the console when there is no moderator key or the server refused it.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { Button, buttonClasses } from '@/components/ui';
import { LockIcon } from './icons';
import { parseModeratorKey } from './moderator-key';

export function AccessDenied({ reason, onSubmit }: { reason: 'missing' | 'wrong'; onSubmit: (text: string) => void }) {
  const t = useTranslations('moderator.access');
  const common = useTranslations('moderator');
  const inputId = useId();
  const errorId = useId();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!parseModeratorKey(text)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onSubmit(text);
  };

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between gap-4 border-b border-line bg-surface px-5 py-3">
        <span className="flex items-center gap-2 text-lg font-extrabold tracking-tight">
          <span aria-hidden="true" className="inline-block size-3 rounded-full bg-accent" />
          {common('title')}
        </span>
        <LocaleSwitcher />
      </header>
      <main className="grid flex-1 place-items-center px-5 py-10">
        <section
          data-testid="access-denied"
          data-reason={reason}
          aria-labelledby={`${inputId}-title`}
          className="flex w-full max-w-xl flex-col gap-5 rounded-2xl border border-line bg-surface p-8 shadow-2xl"
        >
          <div className="flex items-center gap-4">
            <span
              aria-hidden="true"
              className="grid size-14 shrink-0 place-items-center rounded-full border-2 border-accent bg-accent/15 text-2xl text-accent-ink"
            >
              <LockIcon />
            </span>
            <h1 id={`${inputId}-title`} className="text-2xl font-extrabold tracking-tight">
              {reason === 'wrong' ? t('wrongTitle') : t('missingTitle')}
            </h1>
          </div>
          <p className="text-lg text-ink-muted" role={reason === 'wrong' ? 'alert' : undefined}>
            {reason === 'wrong'
              ? t('wrongBody')
              : t.rich('missingBody', {
                  code: (chunks) => (
                    <code className="rounded bg-surface-2 px-1.5 py-0.5 font-mono text-base break-all text-ink">{chunks}</code>
                  ),
                })}
          </p>
          <form onSubmit={submit} className="flex flex-col gap-2" noValidate>
            <label htmlFor={inputId} className="font-semibold">
              {t('label')}
            </label>
            <div className="flex flex-col gap-2 sm:flex-row">
              <input
                id={inputId}
                data-testid="access-key-input"
                type="text"
                autoComplete="off"
                spellCheck={false}
                autoFocus
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t('placeholder')}
                aria-invalid={invalid || undefined}
                aria-describedby={invalid ? errorId : undefined}
                className="h-12 min-w-0 flex-1 rounded-lg border border-line bg-canvas px-3 font-mono text-base text-ink placeholder:text-ink-muted/70"
              />
              <Button type="submit" size="lg" className="h-12" data-testid="access-submit">
                {t('submit')}
              </Button>
            </div>
            {invalid && (
              <p id={errorId} className="text-danger-ink">
                {t('empty')}
              </p>
            )}
          </form>
          <p className="text-sm text-ink-muted">{t('note')}</p>
          <Link href="/" className={buttonClasses({ variant: 'ghost', size: 'sm', className: 'self-start' })}>
            ← {t('home')}
          </Link>
        </section>
      </main>
    </div>
  );
}
