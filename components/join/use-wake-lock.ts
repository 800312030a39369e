'use client';
// Keeps a phone's screen on while the attendee is about to speak or speaking, so the countdown does
// not go dark mid-sentence. Silently does nothing where the Wake Lock API is missing or refused.
import { useEffect } from 'react';

interface WakeLockSentinelLike {
  release(): Promise<void>;
}

export function useWakeLock(active: boolean) {
  useEffect(() => {
    if (!active || typeof navigator === 'undefined' || !('wakeLock' in navigator)) return;
    let sentinel: WakeLockSentinelLike | null = null;
    let cancelled = false;
    const acquire = async () => {
      try {
        const lock = await (
          navigator as Navigator & { wakeLock: { request(type: 'screen'): Promise<WakeLockSentinelLike> } }
        ).wakeLock.request('screen');
        if (cancelled) void lock.release();
        else sentinel = lock;
      } catch {
        // Not allowed (battery saver, hidden tab): the page still works.
      }
    };
    // The browser drops the lock whenever the tab is hidden; take it again on return.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void acquire();
    };
    void acquire();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      document.removeEventListener('visibilitychange', onVisible);
      void sentinel?.release().catch(() => {});
    };
  }, [active]);
}
