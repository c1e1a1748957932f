import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';

/** Replaces (or appends) this benchmark's own section of bench/RESULTS.md; other sections are left alone. */
export async function writeSection(path: string, name: string, body: string): Promise<void> {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch {
    text = '# Benchmark results\n\nEach benchmark owns one section between its markers.\n';
  }
  const section = `${start}\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text = from >= 0 && to > from ? text.slice(0, from) + section + text.slice(to + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  await writeFile(path, text);
}

/** "N cores, <CPU model>, Node vX": the CPU model from /proc/cpuinfo on Linux, else from os.cpus(). */
export async function machine(): Promise<string> {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const info = await readFile('/proc/cpuinfo', 'utf8');
    model = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? model;
  } catch {
    // not Linux: keep os.cpus()
  }
  return `${cpus().length} cores, ${model}, Node ${process.version}`;
}

/** The p-th percentile (nearest rank) of an ascending list of milliseconds; NaN when empty. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] as number;
}
