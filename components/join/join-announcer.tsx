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

  const lastStatus = useRef<JoinStatus | null>(null);
  const lastSpeaker = useRef<string | null | undefined>(undefined);

  // One effect for both, so a change of our own state (which usually comes with a new speaker)
  // is what gets said, not the speaker's name.
  useEffect(() => {
    const previousStatus = lastStatus.current;
    const previousSpeaker = lastSpeaker.current;
    lastStatus.current = status;
    lastSpeaker.current = speakerName;
    if (previousStatus === null) return;
    if (previousStatus !== status) {
      const key = status in OWN_ANNOUNCEMENTS ? OWN_ANNOUNCEMENTS[status as keyof typeof OWN_ANNOUNCEMENTS] : null;
      if (key) {
        setText(t(`announce.${key}`));
        if (status === 'next' || status === 'speaking') vibrate(status === 'speaking' ? [300, 120, 300] : 250);
        return;
      }
    }
    // Someone else took the floor (our own turn is announced above).
    if (previousSpeaker !== speakerName && speakerName) setText(t('announce.speaker', { name: speakerName }));
  }, [status, speakerName, t]);

  useEffect(() => {
    document.title = `${t(`tab.${status}`)} · ${cityName}`;
  }, [status, cityName, t]);

  return (
    <div aria-live="polite" aria-atomic="true" role="status" data-testid="join-announcer" className="sr-only">
      {text}
    </div>
  );
}
