'use client';
import { useEffect, useState } from 'react';
import { serverNow } from './live-store';
import { useLiveStore } from './live-provider';

/**
 * Server time, refreshed on each whole server second, for small derived figures (totals, local
 * times). Big countdowns draw themselves instead; see Countdown.
 */
export function useServerNow(): number {
  const store = useLiveStore();
  const [now, setNow] = useState(() => serverNow(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = serverNow(store.getState());
      setNow(t);
      timer = setTimeout(tick, 1000 - (t % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [store]);
  return now;
}
