'use client';
// Keyboard shortcuts for the frequent actions. Guarded against accidents: nothing fires while typing
// in a field, while a dialog is open, on key repeat, or from a drag handle (dnd-kit uses Space and
// the arrows there); "next" needs no modifier and is debounced where commands are sent. Space is
// pause unless a control has keyboard focus: then it presses that control, as everywhere else.
import { useEffect, useRef } from 'react';
import { useLiveStore } from '@/components/live/live-provider';
import type { ConsoleActions } from './use-console-actions';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    // Buttons-as-inputs do not take text; everything else does.
    return !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(target.type);
  }
  return false;
}

/** A button, link, checkbox… that Space presses. */
const CONTROLS =
  'button, a[href], input, select, textarea, summary, [role="button"], [role="checkbox"], [role="switch"], [role="menuitem"], [role="tab"]';

/**
 * True when Space belongs to the focused control: one reached with the keyboard (:focus-visible).
 * A button that only kept focus after a mouse click (say, "Next") does not take Space: pressing it
 * again by accident would skip a speaker, so Space stays pause there.
 */
function spaceForControl(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  const control = target.closest(CONTROLS);
  if (!control) return false;
  if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) return true;
  return control.matches(':focus-visible');
}

export function useShortcuts(actions: ConsoleActions, toggleHelp: () => void) {
  const store = useLiveStore();
  const latest = useRef({ actions, toggleHelp });
  useEffect(() => {
    latest.current = { actions, toggleHelp };
  });

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || e.isComposing) return;
      if (isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.target instanceof Element && e.target.closest('[data-shortcuts="off"]')) return;
      const { actions: act, toggleHelp: help } = latest.current;
      const { ctrlKey, metaKey, altKey, shiftKey } = e;

      if ((e.key === '?' || (e.code === 'Slash' && shiftKey)) && !ctrlKey && !metaKey && !altKey) {
        e.preventDefault();
        help();
        return;
      }
      if (store.getState().status !== 'live') return;

      // Letters by physical key (e.code), so they work in the Russian layout too.
      if ((ctrlKey || metaKey) && !altKey && !shiftKey && e.code === 'KeyZ') {
        e.preventDefault();
        void act.undo();
        return;
      }
      if (ctrlKey || metaKey || altKey) return;
      switch (e.code) {
        case 'KeyN':
        case 'ArrowRight':
          if (shiftKey) return;
          e.preventDefault();
          void act.next();
          return;
        case 'Space':
          if (shiftKey || spaceForControl(e.target)) return;
          // Also stops Space from pressing a button that kept focus after a mouse click.
          e.preventDefault();
          void act.togglePause();
          return;
        case 'KeyE':
          e.preventDefault();
          void act.extend(shiftKey ? 60 : 30);
          return;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
