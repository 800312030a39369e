'use client';
// The attendee's page: one live connection with the entry's own link, then the right screen for
// what the server says (still connecting, link refused, or the entry's live page).
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ConnectionBanner } from '@/components/live/connection-banner';
import { LiveProvider, useLive } from '@/components/live/live-provider';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { buttonClasses } from '@/components/ui';
import { useRouteParam } from '@/components/use-route-param';
import { JoinView } from './join-view';

/** The token is the link's last segment: `/join/<token>`. */
export function JoinPage() {
  const token = useRouteParam(1);
  if (!token) return null;
  return (
    <LiveProvider credentials={{ token }}>
      <JoinGate />
    </LiveProvider>
  );
}

function JoinGate() {
  const status = useLive((s) => s.status);
  const entryId = useLive((s) => s.entryId);
  const hasView = useLive((s) => s.view !== null);
  const entryKnown = useLive((s) => !!(s.entryId && s.view?.entries[s.entryId]));

  if (status === 'unauthorized' || status === 'revoked') return <JoinInvalid />;
  if (!hasView || !entryId) return <JoinLoading />;
  if (!entryKnown) return <JoinInvalid removed />;
  return <JoinView entryId={entryId} />;
}

/** Brand and language: the top line of every state of the page. */
export function JoinTopBar() {
  const t = useTranslations('join');
  return (
    <div className="mx-auto flex w-full max-w-5xl items-center justify-between gap-3 px-4 pt-3 sm:px-6">
      <span className="flex items-center gap-2 text-sm font-bold tracking-wide text-ink-muted uppercase">
        <HeartMark className="size-4 text-accent" />
        {t('brand')}
      </span>
      <LocaleSwitcher />
    </div>
  );
}

export function HeartMark({ className = '' }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={className} fill="currentColor">
      <path d="M12 21s-7.5-4.6-10-9.3C.3 8.3 2.2 4 6.2 4c2.4 0 4 1.4 5.8 3.4C13.8 5.4 15.4 4 17.8 4c4 0 5.9 4.3 4.2 7.7C19.5 16.4 12 21 12 21z" />
    </svg>
  );
}

function JoinLoading() {
  const t = useTranslations('join');
  return (
    <>
      <ConnectionBanner />
      <JoinTopBar />
      <main
        id="main"
        className="mx-auto flex min-h-[70dvh] max-w-xl flex-col items-center justify-center gap-5 px-6 text-center"
        aria-busy="true"
      >
        <HeartMark className="size-14 animate-pulse text-accent" />
        <p data-testid="join-loading" className="text-xl font-semibold text-ink-muted" role="status">
          {t('loading')}
        </p>
      </main>
    </>
  );
}

function JoinInvalid({ removed = false }: { removed?: boolean }) {
  const t = useTranslations('join.invalid');
  return (
    <>
      <JoinTopBar />
      <main id="main" className="mx-auto flex min-h-[75dvh] max-w-xl flex-col justify-center px-5 py-10">
        <section
          data-testid="join-invalid"
          role="alert"
          className="flex flex-col gap-5 rounded-2xl border border-line bg-surface p-6 sm:p-8"
        >
          <span
            aria-hidden="true"
            className="flex size-14 items-center justify-center rounded-full bg-accent/15 text-3xl font-black text-accent-ink"
          >
            !
          </span>
          <h1 className="text-2xl leading-tight font-extrabold sm:text-3xl">{removed ? t('removedTitle') : t('title')}</h1>
          <p className="text-lg text-ink-muted">{removed ? t('removedBody') : t('body')}</p>
          <Link href="/" className={buttonClasses({ variant: 'secondary', className: 'self-start' })}>
            {t('home')}
          </Link>
        </section>
      </main>
    </>
  );
}
