'use client';
// Shrinks a block, in small steps, until it fits its box: a long name, a long position or a
// message banner must never push the speaker into the queue strip, at any screen size.
import { useLayoutEffect, useRef, type DependencyList, type RefObject } from 'react';

const STEP = 0.05;
const MIN_SCALE = 0.55;

/**
 * Returns a ref for the box; its first child is measured (layout height, so entrance transforms
 * do not count; and the box's scroll width, for a word wider than the column) and `--k` on the box
 * is lowered until the child fits. CSS sizes multiply by --k. A word still too wide at the smallest
 * scale is allowed to break (`data-wrap="anywhere"`) rather than be cut off; when the block is
 * still too tall, its optional lines go (`data-tight`).
 */
export function useFitScale<T extends HTMLElement>(deps: DependencyList): RefObject<T | null> {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const fit = () => {
      const content = box.firstElementChild as HTMLElement | null;
      if (!content) return;
      const tooTall = () => content.offsetHeight > box.clientHeight;
      const tooWide = () => box.scrollWidth > box.clientWidth;
      const shrink = () => {
        let k = 1;
        box.style.setProperty('--k', '1');
        while (k > MIN_SCALE && (tooTall() || tooWide())) {
          k = Math.round((k - STEP) * 100) / 100;
          box.style.setProperty('--k', String(k));
        }
      };
      delete box.dataset.wrap;
      delete box.dataset.tight;
      shrink();
      // A word wider than the column even at the smallest scale breaks rather than being cut.
      if (tooWide()) {
        box.dataset.wrap = 'anywhere';
        shrink();
      }
      // Still too tall: drop the lines marked .scr-optional (region, position, local time) and retry.
      if (tooTall()) {
        box.dataset.tight = 'true';
        shrink();
      }
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    void document.fonts?.ready.then(fit);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return ref;
}
