/** Joins class names, skipping falsy ones. No conflict resolution: put overrides in `className`. */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(' ');
}
