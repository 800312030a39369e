'use client';
import { useEffect, useState } from 'react';
import { serverNow } from './live-store';
import { useLiveStore } from './live-provider';

/**
 * Server time, refreshed on each whole server second while connected, for small derived figures
 * (totals, local times). Big countdowns draw themselves instead; see Countdown.
 */
export function useServerNow(): number {
  const store = useLiveStore();
  const [now, setNow] = useState(() => serverNow(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const state = store.getState();
      const t = serverNow(state);
      // Offline, derived figures hold still like the countdowns: they cannot be trusted to move.
      if (state.status === 'live') setNow(t);
      timer = setTimeout(tick, 1000 - (t % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [store]);
  return now;
}
