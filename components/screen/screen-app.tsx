'use client';
// The big screen for projectors and TVs in the hall: read-only (viewer role), no controls, one
// full-viewport composition per phase of the session.
import './screen.css';
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { ConnectionBanner } from '@/components/live/connection-banner';
import { RehearsalBanner } from '@/components/live/rehearsal-banner';
import { LiveProvider, useLive } from '@/components/live/live-provider';
import { LocaleSwitcher } from '@/components/locale-switcher';
import type { View } from '@/lib/protocol';
import { Announcer } from './announcer';
import { MessageBanner } from './message-banner';
import { Backdrop, HeartDrop } from './motif';
import { PlannedView } from './planned-view';
import { ScreenHeader } from './screen-header';
import { Stage } from './stage';
import { SummaryView } from './summary-view';
import { useActivity, useFullscreen, useWakeLock } from './use-screen-behaviour';

const IDLE_MS = 6000;
const NO_CREDENTIALS = {};

export function ScreenApp() {
  return (
    <LiveProvider credentials={NO_CREDENTIALS}>
      <ScreenShell />
    </LiveProvider>
  );
}

function ScreenShell() {
  const view = useLive((s) => s.view);
  const active = useActivity(IDLE_MS);
  const { fullscreen, enter, toggle } = useFullscreen();
  useWakeLock();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'f' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select')) return;
      toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);

  // The view holds only the screens' message (see lib/view.ts); the newest wins.
  const message = view?.messages.findLast((m) => m.target === 'screens');

  return (
    <div
      data-testid="screen"
      data-phase={view?.phase ?? 'connecting'}
      onClick={enter}
      className={`scr-root relative flex h-dvh w-full flex-col overflow-hidden bg-canvas text-ink select-none ${active ? '' : 'scr-idle'}`}
    >
      <Backdrop />
      <ConnectionBanner className="relative z-30 scr-base" />
      <RehearsalBanner className="relative z-30 scr-base" />
      <main className="relative z-[1] flex min-h-0 flex-1 flex-col gap-[calc(var(--u)*2.2)] px-[calc(var(--u)*3)] pt-[calc(var(--u)*2.2)] pb-[calc(var(--u)*3.2)]">
        <ScreenHeader />
        {message && <MessageBanner key={message.id} message={message} />}
        <PhaseContent view={view} message={message?.id ?? null} />
      </main>
      <Announcer view={view} />
      <Corner active={active} fullscreen={fullscreen} />
    </div>
  );
}

function PhaseContent({ view, message }: { view: View | null; message: string | null }) {
  if (!view) return <Connecting />;
  switch (view.phase) {
    case 'planned':
      return <PlannedView view={view} />;
    case 'live':
    case 'paused':
      return <Stage view={view} message={message} />;
    case 'finished':
      return <SummaryView view={view} />;
    default:
      return view.phase satisfies never;
  }
}

function Connecting() {
  const t = useTranslations('live.connection');
  return (
    <div className="flex flex-1 flex-col items-center justify-center scr-gap text-ink-muted" data-testid="screen-connecting">
      <HeartDrop className="scr-beat h-[calc(var(--u)*12)] w-auto opacity-80" />
      <p className="scr-lg">{t('connecting')}</p>
    </div>
  );
}

/** The hint and the language switch: shown while the mouse moves, never in full screen (nor focusable then). */
function Corner({ active, fullscreen }: { active: boolean; fullscreen: boolean }) {
  const t = useTranslations('screen');
  const shown = active && !fullscreen;
  const fade = `transition-[opacity,visibility] duration-700 ${shown ? 'visible opacity-100' : 'invisible opacity-0'}`;
  return (
    <>
      <p
        aria-hidden={!shown}
        data-testid="screen-fullscreen-hint"
        className={`pointer-events-none fixed bottom-[calc(var(--u)*0.6)] left-1/2 z-20 -translate-x-1/2 rounded-full bg-surface-2/90 px-[1.1em] py-[0.3em] scr-sm text-ink shadow-lg ${fade}`}
      >
        {t('fullscreenHint')}
      </p>
      <div
        onClick={(e) => e.stopPropagation()}
        data-testid="screen-corner"
        className={`fixed right-[calc(var(--u)*1)] bottom-[calc(var(--u)*1)] z-20 ${fade}`}
      >
        <LocaleSwitcher className="origin-bottom-right scale-90" />
      </div>
    </>
  );
}
