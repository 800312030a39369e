'use client';
// Top bar: console name, event title, the event's clock (server time), open consoles, help, language.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useLive } from '@/components/live/live-provider';
import { useServerNow } from '@/components/live/use-server-now';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { Button, Kbd } from '@/components/ui';
import { formatZonedTimeWithSeconds, useZoneLabel } from './use-clock';

/** The organiser's other pages; the key stays in this tab's storage, so they open without asking again. */
const SECTIONS: readonly { href: string; key: 'setup' | 'links' | 'events' | 'report' | 'screen'; newTab?: boolean }[] = [
  { href: '/moderator/setup', key: 'setup' },
  { href: '/moderator/links', key: 'links' },
  { href: '/moderator/events', key: 'events' },
  { href: '/report/current', key: 'report' },
  { href: '/screen', key: 'screen', newTab: true },
];

export function ConsoleHeader({ onHelp }: { onHelp: () => void }) {
  const t = useTranslations('moderator');
  const locale = useLocale();
  const title = useLive((s) => (s.view ? (locale === 'en' && s.view.event.titleEn ? s.view.event.titleEn : s.view.event.title) : ''));
  const moderators = useLive((s) => s.headcount.moderators);

  return (
    <header className="flex items-center gap-3 border-b border-line bg-canvas px-4 py-2">
      <span aria-hidden="true" className="inline-block size-3 shrink-0 rounded-full bg-accent" />
      <div className="flex min-w-0 flex-1 flex-col leading-tight sm:flex-row sm:items-baseline sm:gap-3">
        <span className="shrink-0 text-xs font-bold tracking-[0.14em] text-accent-ink uppercase">{t('header.console')}</span>
        <h1 className="truncate text-base font-bold text-ink" data-testid="event-title">
          {title}
        </h1>
      </div>
      <nav aria-label={t('header.nav.label')} className="hidden items-center gap-1 lg:flex" data-testid="console-nav">
        {SECTIONS.map(({ href, key, newTab }) => (
          <Link
            key={key}
            href={href}
            target={newTab ? '_blank' : undefined}
            className="rounded-md px-2 py-1 text-sm font-semibold text-ink-muted hover:bg-surface-2 hover:text-ink"
            data-testid={`nav-${key}`}
          >
            {t(`header.nav.${key}`)}
          </Link>
        ))}
      </nav>
      <EventClock />
      {moderators > 1 && (
        <span className="hidden text-xs text-ink-muted md:inline" data-testid="consoles-count">
          {t('header.consoles', { count: moderators })}
        </span>
      )}
      <Button
        variant="ghost"
        size="sm"
        onClick={onHelp}
        data-testid="btn-shortcuts"
        aria-label={t('header.help')}
        title={t('header.help')}
        aria-keyshortcuts="?"
      >
        <Kbd>?</Kbd>
      </Button>
      <LocaleSwitcher />
    </header>
  );
}

function EventClock() {
  const locale = useLocale();
  const timeZone = useLive((s) => s.view?.event.timeZone ?? 'Europe/Moscow');
  const zone = useZoneLabel(timeZone);
  const now = useServerNow();
  return (
    <span className="countdown hidden shrink-0 text-lg font-bold text-ink sm:inline" data-testid="event-clock">
      {formatZonedTimeWithSeconds(now, timeZone, locale)} <span className="text-xs font-semibold text-ink-muted">{zone}</span>
    </span>
  );
}
