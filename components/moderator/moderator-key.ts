// Where the moderator key comes from: the `#key=` fragment of the moderator link (never sent to the
// server with page requests), then this tab's sessionStorage so a reload keeps the console open.

export const MODERATOR_KEY_STORAGE = 'rollcall.moderatorKey';

/** The key from a pasted link ("…/moderator#key=abc"), a fragment ("#key=abc") or the bare key. */
export function parseModeratorKey(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const match = /[#?&]key=([^&#\s]+)/.exec(trimmed);
  const raw = match ? match[1]! : /^key=/.test(trimmed) ? trimmed.slice(4) : trimmed;
  try {
    return decodeURIComponent(raw).trim() || null;
  } catch {
    return raw;
  }
}

export function keyFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key');
  return key ? key.trim() || null : null;
}

export function loadStoredKey(): string | null {
  try {
    return sessionStorage.getItem(MODERATOR_KEY_STORAGE);
  } catch {
    return null; // storage blocked: the fragment is the only source
  }
}

export function storeKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(MODERATOR_KEY_STORAGE, key);
    else sessionStorage.removeItem(MODERATOR_KEY_STORAGE);
  } catch {
    // storage blocked: the console still works until the tab is reloaded
  }
}

/** Takes the key out of the visible URL (and the history entry) so it is not shoulder-surfed or shared. */
export function takeKeyFromLocation(): string | null {
  const key = keyFromFragment(window.location.hash);
  if (!key) return null;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return key;
}

/** The key the gate opens with, and how many times it was given anew (a retry opens a fresh connection even for the same key). */
export interface KeyChoice {
  key: string | null;
  attempt: number;
}

/**
 * The key as an external store for `useSyncExternalStore`: the browser holds it (the link's fragment,
 * then this tab's storage), so it is read once the page has hydrated (the server has no key: its
 * snapshot is undefined), and a pasted moderator link (only the fragment changes, no reload) or the
 * access form gives a new one.
 */
export function createKeyStore() {
  const listeners = new Set<() => void>();
  let current: KeyChoice | null = null;
  const changed = () => {
    current = { key: loadStoredKey(), attempt: (current?.attempt ?? 0) + 1 };
    for (const listener of listeners) listener();
  };
  /** Moves a key from the address bar into storage; true when there was one. */
  const adopt = () => {
    const key = takeKeyFromLocation();
    if (key) storeKey(key);
    return key !== null;
  };
  return {
    subscribe: (onChange: () => void) => {
      listeners.add(onChange);
      const onHashChange = () => adopt() && changed();
      window.addEventListener('hashchange', onHashChange);
      return () => {
        listeners.delete(onChange);
        window.removeEventListener('hashchange', onHashChange);
      };
    },
    snapshot: (): KeyChoice => {
      if (!current) {
        adopt();
        current = { key: loadStoredKey(), attempt: 0 };
      }
      return current;
    },
    serverSnapshot: (): KeyChoice | undefined => undefined,
    /** A key typed or pasted into the access page. */
    choose: (key: string) => {
      storeKey(key);
      changed();
    },
  };
}
