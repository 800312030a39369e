// Buzzes the phone for a turn or a message. Browsers refuse (and log an error for) vibration until
// the person has touched the page once, so until then this stays silent instead of failing.
export function vibrate(pattern: number | number[]): void {
  if (typeof navigator === 'undefined' || typeof navigator.vibrate !== 'function') return;
  if (navigator.userActivation && !navigator.userActivation.hasBeenActive) return;
  navigator.vibrate(pattern);
}
