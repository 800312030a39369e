'use client';
// The moderator console layout. At 1366×768: speaker and controls left, queue in the middle
// (scrolling on its own), signals and messages right, and the page itself does not scroll. At ~1024
// the signals sit above the queue and messages go under the controls; below that everything stacks
// and the page scrolls. Chosen in JS because the panels change columns, not just widths.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ConnectionBanner } from '@/components/live/connection-banner';
import { RehearsalBanner } from '@/components/live/rehearsal-banner';
import { CommandProvider } from './command-context';
import { ConfirmProvider } from './confirm-dialog';
import { ConsoleHeader } from './console-header';
import { Controls } from './controls';
import { CurrentSpeaker } from './current-speaker';
import { MessageComposer } from './message-composer';
import { Queue } from './queue';
import { SignalsPanel } from './signals-panel';
import { StatusLine } from './status-line';
import { Totals } from './totals';
import { useConsoleActions } from './use-console-actions';
import { useShortcuts } from './use-shortcuts';

// Loaded the first time it is asked for; kept mounted after, so closing it is the dialog's own close.
const ShortcutsHelp = lazy(() => import('./shortcuts-help').then((m) => ({ default: m.ShortcutsHelp })));

export function Console() {
  return (
    <CommandProvider>
      <ConfirmProvider>
        <ConsoleLayout />
      </ConfirmProvider>
    </CommandProvider>
  );
}

type Layout = 'wide' | 'medium' | 'narrow';

/** Three columns from 1280 px, two from 1024 px, one below. */
function useLayout(): Layout {
  const [layout, setLayout] = useState<Layout>('wide');
  useEffect(() => {
    const wide = window.matchMedia('(min-width: 1280px)');
    const medium = window.matchMedia('(min-width: 1024px)');
    const update = () => setLayout(wide.matches ? 'wide' : medium.matches ? 'medium' : 'narrow');
    update();
    wide.addEventListener('change', update);
    medium.addEventListener('change', update);
    return () => {
      wide.removeEventListener('change', update);
      medium.removeEventListener('change', update);
    };
  }, []);
  return layout;
}

// Children keep their height; the column scrolls instead of squeezing a panel.
const column = 'flex min-h-0 flex-col gap-3 [&>*]:shrink-0';
/** A column that scrolls on a short screen must be reachable by keyboard (axe: scrollable-region-focusable). */
const scrolling = { className: `${column} overflow-y-auto`, tabIndex: 0 } as const;

function ConsoleLayout() {
  const [helpOpen, setHelpOpen] = useState(false);
  const [helpAsked, setHelpAsked] = useState(false);
  const toggleHelp = useCallback(() => {
    setHelpOpen((v) => !v);
    setHelpAsked(true);
  }, []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  useShortcuts(useConsoleActions(), toggleHelp);
  const layout = useLayout();

  return (
    <div className="flex min-h-dvh flex-col lg:h-dvh lg:overflow-hidden" data-testid="moderator-console" data-layout={layout}>
      <ConsoleHeader onHelp={toggleHelp} />
      <RehearsalBanner detail="console" />
      <ConnectionBanner />
      <Totals />
      {layout === 'wide' && (
        <main id="main" className="grid min-h-0 flex-1 grid-cols-[27rem_minmax(0,1fr)_21rem] gap-3 p-3">
          <div {...scrolling}>
            <CurrentSpeaker />
            <Controls />
          </div>
          <Queue />
          <div {...scrolling}>
            <SignalsPanel />
            <MessageComposer />
          </div>
        </main>
      )}
      {layout === 'medium' && (
        <main id="main" className="grid min-h-0 flex-1 grid-cols-[27rem_minmax(0,1fr)] gap-3 p-3">
          <div {...scrolling}>
            <CurrentSpeaker />
            <Controls />
            <MessageComposer />
          </div>
          <div className={column}>
            <div className="max-h-[40%] shrink-0 overflow-y-auto" tabIndex={0}>
              <SignalsPanel />
            </div>
            <Queue className="flex-1" />
          </div>
        </main>
      )}
      {layout === 'narrow' && (
        <main id="main" className="flex flex-col gap-3 p-3">
          <CurrentSpeaker />
          <Controls />
          <SignalsPanel />
          <Queue className="h-[75dvh] shrink-0" />
          <MessageComposer />
        </main>
      )}
      <StatusLine />
      {helpAsked && (
        <Suspense fallback={null}>
          <ShortcutsHelp open={helpOpen} onClose={closeHelp} />
        </Suspense>
      )}
    </div>
  );
}
