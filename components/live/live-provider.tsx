'use client';
// One live store and socket per page, shared through context. Components select narrow slices.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { connectLive, type Credentials, type LiveConnection } from './live-connection';
import { createLiveStore, type LiveActions, type LiveState, type LiveStore } from './live-store';

interface LiveContextValue {
  store: LiveStore;
  connection: LiveConnection | null;
}

const LiveContext = createContext<LiveContextValue | null>(null);

export function LiveProvider({ credentials, children }: { credentials: Credentials; children: ReactNode }) {
  const [store] = useState(createLiveStore);
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const credentialsKey = JSON.stringify(credentials);

  useEffect(() => {
    const live = connectLive(store, JSON.parse(credentialsKey) as Credentials);
    setConnection(live);
    return () => live.close();
  }, [store, credentialsKey]);

  return <LiveContext.Provider value={{ store, connection }}>{children}</LiveContext.Provider>;
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
