'use client';
// Frame of the report pages: a top bar linking the report, the library of practices and the
// console, the language switch, and a polite live region. None of it is printed.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { cn } from '@/components/ui';
import { SkipLink } from '@/components/ui/skip-link';

export type ReportSection = 'report' | 'practices';

export function reportHref(event: string, section: ReportSection): string {
  const base = `/report/${encodeURIComponent(event)}`;
  return section === 'report' ? base : `${base}/practices`;
}

export function ReportShell({ event, section, children }: { event: string; section: ReportSection; children: ReactNode }) {
  const t = useTranslations('report.nav');
  const links: { href: string; label: string; current: boolean; testId: string }[] = [
    { href: reportHref(event, 'report'), label: t('report'), current: section === 'report', testId: 'nav-report' },
    { href: reportHref(event, 'practices'), label: t('practices'), current: section === 'practices', testId: 'nav-practices' },
    { href: '/moderator', label: t('console'), current: false, testId: 'nav-console' },
  ];
  return (
    <div className="min-h-dvh">
      <SkipLink label={t('skip')} />
      <header className="sticky top-0 z-30 border-b border-line bg-canvas/95 backdrop-blur print:hidden">
        <div className="mx-auto flex max-w-[1400px] flex-wrap items-center gap-x-4 gap-y-2 px-5 py-2.5">
          <span className="flex items-center gap-2 text-sm font-bold tracking-[0.14em] text-accent-ink uppercase">
            <span aria-hidden="true" className="inline-block size-3 rounded-full bg-accent" />
            {t('brand')}
          </span>
          <nav aria-label={t('label')} className="flex-1">
            <ul className="flex flex-wrap items-center gap-1 text-sm font-semibold">
              {links.map((link) => (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={link.current ? 'page' : undefined}
                    data-testid={link.testId}
                    className={cn(
                      'inline-flex rounded-md px-3 py-1.5 transition-colors',
                      link.current ? 'bg-surface-3 text-ink' : 'text-ink-muted hover:bg-surface-2 hover:text-ink',
                    )}
                  >
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <LocaleSwitcher />
        </div>
      </header>
      {children}
    </div>
  );
}

/** Loading and failure states shared by both pages. */
export function ReportStatus({ kind, message, onRetry }: { kind: 'loading' | 'error'; message?: string; onRetry?: () => void }) {
  const t = useTranslations('report');
  if (kind === 'loading') {
    return (
      <p className="py-24 text-center text-lg text-ink-muted" aria-busy="true">
        {t('loading')}
      </p>
    );
  }
  return (
    <div
      role="alert"
      className="mx-auto my-16 flex max-w-xl flex-col items-center gap-4 rounded-xl border border-danger bg-surface p-6 text-center"
    >
      <p className="text-lg font-semibold text-danger-ink">{message}</p>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="rounded-lg border border-line bg-surface-2 px-4 py-2 font-semibold hover:bg-surface-3"
        >
          {t('retry')}
        </button>
      )}
    </div>
  );
}
