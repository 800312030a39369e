'use client';
// The frame of the organiser pages (set-up, links, events): the moderator gate, a top bar with the
// active event and the section tabs, the connection banner, and a polite live region so a screen
// reader still hears who takes the floor while the organiser works here.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ConnectionBanner } from '@/components/live/connection-banner';
import { RehearsalBanner } from '@/components/live/rehearsal-banner';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { ModeratorGate } from '@/components/moderator/access-gate';
import { ConfirmProvider } from '@/components/moderator/confirm-dialog';
import { Badge, cn, type BadgeTone } from '@/components/ui';
import type { Phase } from '@/lib/model';
import { SkipLink } from '@/components/ui/skip-link';

export type SetupSection = 'setup' | 'links' | 'events';

const PHASE_TONE: Record<Phase, BadgeTone> = { planned: 'neutral', live: 'normal', paused: 'warning', finished: 'neutral' };

export function SetupShell({ section, children }: { section: SetupSection; children: ReactNode }) {
  return (
    <ModeratorGate>
      <ConfirmProvider>
        <ShellLayout section={section}>{children}</ShellLayout>
      </ConfirmProvider>
    </ModeratorGate>
  );
}

function ShellLayout({ section, children }: { section: SetupSection; children: ReactNode }) {
  const t = useTranslations('setup.nav');
  return (
    <div className="flex min-h-dvh flex-col print:block print:min-h-0">
      <SkipLink label={t('skip')} />
      <header className="border-b border-line bg-canvas print:hidden">
        <div className="mx-auto flex max-w-[1480px] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <EventBadge />
          <nav aria-label={t('label')} className="order-last w-full lg:order-none lg:w-auto lg:flex-1">
            <ul className="flex items-center gap-1 overflow-x-auto text-sm font-semibold whitespace-nowrap">
              <NavItem href="/moderator/setup" current={section === 'setup'} testId="nav-setup">
                {t('setup')}
              </NavItem>
              <NavItem href="/moderator/links" current={section === 'links'} testId="nav-links">
                {t('links')}
              </NavItem>
              <NavItem href="/moderator/events" current={section === 'events'} testId="nav-events">
                {t('events')}
              </NavItem>
              <NavItem href="/report/current" current={false} testId="nav-report">
                {t('report')}
              </NavItem>
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <Link
              href="/moderator"
              data-testid="nav-console"
              className="rounded-lg border border-line px-3 py-1.5 text-sm font-semibold text-ink hover:bg-surface-2"
            >
              {t('console')}
            </Link>
            <LocaleSwitcher />
          </div>
        </div>
      </header>
      <RehearsalBanner detail="console" className="print:hidden" />
      <ConnectionBanner className="print:hidden" />
      <main id="main" className="mx-auto flex w-full max-w-[1480px] flex-1 flex-col gap-4 px-4 py-4 print:block print:max-w-none print:p-0">
        {children}
      </main>
      <FloorAnnouncer />
    </div>
  );
}

function NavItem({ href, current, testId, children }: { href: string; current: boolean; testId: string; children: ReactNode }) {
  return (
    <li>
      <Link
        href={href}
        data-testid={testId}
        aria-current={current ? 'page' : undefined}
        className={cn(
          'block rounded-md px-3 py-1.5',
          current ? 'bg-surface-3 text-ink' : 'text-ink-muted hover:bg-surface-2 hover:text-ink',
        )}
      >
        {children}
      </Link>
    </li>
  );
}

/** Which event these pages change: after «make active» on the events page it switches by itself. */
function EventBadge() {
  const t = useTranslations('setup.nav');
  const tPhase = useTranslations('live.phase');
  const locale = useLocale();
  const title = useLive((s) => (s.view ? (locale === 'en' && s.view.event.titleEn ? s.view.event.titleEn : s.view.event.title) : ''));
  const phase = useLive((s) => s.view?.phase ?? null);
  const eventId = useLive((s) => s.eventId);
  return (
    <div className="flex min-w-0 items-center gap-3">
      <span aria-hidden="true" className="inline-block size-3 shrink-0 rounded-full bg-accent" />
      <div className="flex min-w-0 flex-col gap-0.5 leading-tight">
        <span className="flex items-center gap-2">
          <span className="text-xs font-bold tracking-[0.14em] text-accent-ink uppercase">{t('section')}</span>
          {phase && (
            <Badge tone={PHASE_TONE[phase]} className="px-2 py-0 text-[11px]" data-testid="setup-phase">
              {tPhase(phase)}
            </Badge>
          )}
        </span>
        <span
          className="max-w-[24rem] truncate text-sm font-bold text-ink"
          data-testid="setup-event-title"
          data-event-id={eventId ?? ''}
          title={title}
        >
          {title || '…'}
        </span>
      </div>
    </div>
  );
}

/** Announces who takes the floor, politely, even on the set-up pages. */
function FloorAnnouncer() {
  const t = useTranslations('setup.nav');
  const entryName = useEntryName();
  const current = useLive((s) => (s.view?.currentEntryId ? s.view.entries[s.view.currentEntryId] : null));
  const name = current ? entryName(current) : null;
  const text = name ? t('floor', { name }) : '';
  return (
    <div aria-live="polite" className="sr-only">
      {text}
    </div>
  );
}
