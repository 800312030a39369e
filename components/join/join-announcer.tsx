'use client';
// Says out loud (to screen readers) what changed for this entry and who took the floor, buzzes the
// phone when the turn comes near, and keeps the tab title telling the state.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import type { JoinStatus } from './join-state';
import { vibrate } from './vibrate';

const OWN_ANNOUNCEMENTS = { next: 'next', speaking: 'speaking', done: 'done', deferred: 'deferred' } as const;

export function JoinAnnouncer({ status, entryId, cityName }: { status: JoinStatus; entryId: string; cityName: string }) {
  const t = useTranslations('join');
  const speaker = useLive((s) => (s.view?.currentEntryId ? s.view.entries[s.view.currentEntryId] : undefined));
  const entryName = useEntryName();
  const speakerName = speaker && speaker.id !== entryId ? entryName(speaker) : null;
  const [text, setText] = useState('');
  const [seen, setSeen] = useState({ status, speakerName });

  // Both at once, so a change of our own state (which usually comes with a new speaker) is what
  // gets said, not the speaker's name. Worked out while rendering: the text follows the view.
  if (seen.status !== status || seen.speakerName !== speakerName) {
    setSeen({ status, speakerName });
    const own = seen.status !== status && status in OWN_ANNOUNCEMENTS ? OWN_ANNOUNCEMENTS[status as keyof typeof OWN_ANNOUNCEMENTS] : null;
    if (own) setText(t(`announce.${own}`));
    // Someone else took the floor (our own turn is announced above).
    else if (seen.speakerName !== speakerName && speakerName) setText(t('announce.speaker', { name: speakerName }));
  }

  // The phone buzzes when the turn comes near or has come (not for the state the page opened in).
  const buzzedFor = useRef(status);
  useEffect(() => {
    if (buzzedFor.current === status) return;
    buzzedFor.current = status;
    if (status === 'next' || status === 'speaking') vibrate(status === 'speaking' ? [300, 120, 300] : 250);
  }, [status]);

  useEffect(() => {
    document.title = `${t(`tab.${status}`)} · ${cityName}`;
  }, [status, cityName, t]);

  return (
    <div aria-live="polite" aria-atomic="true" role="status" data-testid="join-announcer" className="sr-only">
      {text}
    </div>
  );
}
