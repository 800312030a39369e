'use client';
// Tells screen readers, politely, when the floor or the session's state changes.
import { useTranslations } from 'next-intl';
import type { View } from '@/lib/protocol';
import { useEntryName } from '@/components/live/live-text';
import { nextInLine } from '@/lib/queue';

export function Announcer({ view }: { view: View | null }) {
  const t = useTranslations('screen.announce');
  const name = useEntryName();
  let text = '';
  if (view) {
    const speaker = view.currentEntryId ? view.entries[view.currentEntryId] : undefined;
    const nextId = speaker ? null : nextInLine(view);
    const next = nextId ? view.entries[nextId] : undefined;
    if (view.phase === 'finished') text = t('finished');
    else if (view.phase === 'planned') text = t('planned');
    else if (speaker) text = t(view.phase === 'paused' ? 'speakingPaused' : 'speaking', { name: name(speaker) });
    else if (next) text = t(view.phase === 'paused' ? 'nextPaused' : 'next', { name: name(next) });
    else text = view.phase === 'paused' ? t('paused') : '';
  }
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="screen-announcer">
      {text}
    </div>
  );
}
