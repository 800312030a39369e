'use client';
import { useLayoutEffect, useRef } from 'react';

/**
 * A ref that always holds this render's `value`, for callbacks that must stay the same function
 * (rows and effects depend on them) while reading something that is new each render, such as a
 * translator. Read it in callbacks and effects, never while rendering.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
