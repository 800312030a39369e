'use client';
import { useState } from 'react';

/**
 * A form's draft follows what the server holds (another console, or undo, changed it) unless the
 * organiser is editing: `follow` runs whenever `sourceKey` changes while the form is clean, and when
 * it becomes clean again. Worked out while rendering, so the form never shows the old value for a frame.
 */
export function useFollowSource(sourceKey: string, dirty: boolean, follow: () => void): void {
  const wanted = dirty ? null : sourceKey;
  const [followed, setFollowed] = useState(wanted);
  if (wanted !== followed) {
    setFollowed(wanted);
    if (wanted !== null) follow();
  }
}
