'use client';
// Every moderator action in one place, shared by the buttons, the queue rows and the keyboard
// shortcuts. Actions read the store at the moment they run, so a shortcut never acts on a stale
// render. Every command that acts on what the console shows (the speaker, the phase, a row's status
// or place, the last step to undo) carries the version it saw: a click made on an outdated screen
// is refused as stale. Messages and clearing a signal mean the same whatever changed meanwhile.
import { useTranslations } from 'next-intl';
import { useLiveStore } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { lineUp, videoLinkDown } from '@/lib/queue';
import { useRun } from './command-context';
import { useConfirm } from './confirm-dialog';

const ANY_VERSION = { expectVersion: false };

export function useConsoleActions() {
  const store = useLiveStore();
  const run = useRun();
  const confirm = useConfirm();
  const t = useTranslations('moderator');
  const tl = useTranslations('live');
  const entryName = useEntryName();

  const view = () => store.getState().view;

  /** Gives the floor to an entry; warns first when it takes part by video and its page is not connected. */
  async function giveFloor(entryId: string) {
    const state = view();
    const entry = state?.entries[entryId];
    if (!state || !entry) return false;
    const linkDown = videoLinkDown(entry, state);
    if (linkDown) {
      const ok = await confirm({
        title: t('queue.warnTitle', { name: entryName(entry) }),
        body: t('queue.warnBody', { presence: tl(`presence.${linkDown}`) }),
        confirmLabel: t('queue.warnConfirm'),
        tone: 'primary',
      });
      if (!ok) return false;
    }
    return run({ type: 'speaker.start', entryId });
  }

  return {
    giveFloor,
    start: () => run({ type: 'session.start' }),
    // Debounced in CommandProvider: a double press must not skip a speaker.
    next: () => run({ type: 'speaker.next' }),
    togglePause: () => {
      const phase = view()?.phase;
      if (phase === 'live') return run({ type: 'session.pause' });
      if (phase === 'paused') return run({ type: 'session.resume' });
      return Promise.resolve(false);
    },
    pause: () => run({ type: 'session.pause' }),
    resume: () => run({ type: 'session.resume' }),
    stop: () => run({ type: 'speaker.stop' }),
    extend: (seconds: number) => run({ type: 'speaker.extend', seconds }),
    undo: () => run({ type: 'undo' }),
    finish: async () => {
      // Whoever is still in line (waiting, or sent to return later) will not be called once it ends.
      const state = view();
      const notSpoken = state ? lineUp(state).length : 0;
      const ok = await confirm({
        title: t('controls.finishTitle'),
        body: t('controls.finishBody'),
        warning: notSpoken > 0 ? t('controls.finishNotSpoken', { count: notSpoken }) : undefined,
        confirmLabel: t('controls.finish'),
        tone: 'danger',
      });
      return ok ? run({ type: 'session.finish' }) : false;
    },
    defer: (entryId: string, deferred: boolean) => run({ type: 'queue.defer', entryId, deferred }),
    markAbsent: (entryId: string, absent: boolean) => run({ type: 'entry.markAbsent', entryId, absent }),
    checkIn: (entryId: string, present: boolean) => run({ type: 'entry.checkIn', entryId, present }),
    move: (entryId: string, index: number) => {
      const order = view()?.order ?? [];
      if (index < 0 || index >= order.length || order[index] === entryId) return Promise.resolve(false);
      return run({ type: 'queue.move', entryId, index });
    },
    clearSignal: (entryId: string) => run({ type: 'signal.clear', entryId }, ANY_VERSION),
    sendMessage: (target: string, text: string) => run({ type: 'message.send', target, text }, ANY_VERSION),
    clearMessage: (target: string) => run({ type: 'message.clear', target }, ANY_VERSION),
  };
}

export type ConsoleActions = ReturnType<typeof useConsoleActions>;
