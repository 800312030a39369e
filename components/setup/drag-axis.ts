// Rows of a table only move up and down; @dnd-kit/modifiers is not installed, so this is its
// one-line `restrictToVerticalAxis`.
import type { Modifier } from '@dnd-kit/core';

export const restrictToVerticalAxisLike: Modifier = ({ transform }) => ({ ...transform, x: 0 });
