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
