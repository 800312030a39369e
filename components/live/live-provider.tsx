'use client';
// One live store and socket per page, shared through context. Components select narrow slices.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { connectLive, createConnectionHandle, type Credentials, type LiveConnection } from './live-connection';
import { createLiveStore, type LiveActions, type LiveState, type LiveStore } from './live-store';

interface LiveContextValue {
  store: LiveStore;
  connection: LiveConnection;
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
  const [live] = useState(() => ({ store: createLiveStore(), connection: createConnectionHandle() }));
  const credentialsKey = JSON.stringify(credentials);

  useEffect(() => {
    const { store, connection } = live;
    return connection.attach(connectLive(store, JSON.parse(credentialsKey) as Credentials));
  }, [live, credentialsKey]);

  return <LiveContext.Provider value={live}>{hydrated ? children : fallback}</LiveContext.Provider>;
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

export function useLiveConnection(): LiveConnection {
  return useLiveContext().connection;
}
