'use client';
// One live store and socket per page, shared through context. Components select narrow slices.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { connectLive, type Credentials, type LiveConnection } from './live-connection';
import { createLiveStore, type LiveActions, type LiveState, type LiveStore } from './live-store';

interface LiveContextValue {
  store: LiveStore;
  connection: LiveConnection | null;
}

const LiveContext = createContext<LiveContextValue | null>(null);

const noSubscription = () => () => {};

/**
 * Live pages render on the client only: on the server there is no socket, and anything showing the
 * time would differ between the server's render and hydration. `fallback` fills the first paint.
 */
export function LiveProvider({
  credentials,
  children,
  fallback = null,
}: {
  credentials: Credentials;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [store] = useState(createLiveStore);
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const credentialsKey = JSON.stringify(credentials);

  useEffect(() => {
    const live = connectLive(store, JSON.parse(credentialsKey) as Credentials);
    setConnection(live);
    return () => live.close();
  }, [store, credentialsKey]);

  return <LiveContext.Provider value={{ store, connection }}>{hydrated ? children : fallback}</LiveContext.Provider>;
}

function useLiveContext(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive must be used inside <LiveProvider>');
  return value;
}

export function useLive<T>(selector: (state: LiveState & LiveActions) => T): T {
  return useStore(useLiveContext().store, selector);
}

export function useLiveStore(): LiveStore {
  return useLiveContext().store;
}

export function useLiveConnection(): LiveConnection | null {
  return useLiveContext().connection;
}
