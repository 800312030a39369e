// Small helpers for `npm run bench`: percentiles, number formats, and the table it prints.

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const sortedCopy = (values: readonly number[]) => [...values].sort((a, b) => a - b);
export const ms = (v: number, digits = 3) => `${v.toFixed(digits)} ms`;

export function createTable() {
  const rows: string[][] = [];
  return {
    row(name: string, figure: string, baseline: string, ratio: string) {
      rows.push([name, figure, baseline, ratio]);
    },
    print() {
      const header = ['benchmark', 'figure', 'baseline (same run)', 'vs baseline'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
      console.log(line(header));
      console.log(widths.map((w) => '-'.repeat(w)).join('  '));
      for (const r of rows) console.log(line(r));
    },
  };
}
