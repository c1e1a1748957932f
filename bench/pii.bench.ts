import { loadavg } from 'node:os';
import { scanForPii } from '../src/flow/pii.js';
import { HOSTILE_LENGTH, HOSTILE_UNITS, hostileAnswers, repeatTo } from '../test/support/hostile-text.js';
import { machine, percentile, writeSection } from './results-file.js';

/**
 * `npm run bench:pii` (issue 18, item 1): the PII scan on 20,000-character hostile answers of every shape
 * in test/support/hostile-text.ts, plus ordinary prose and the review's worst case (five such answers,
 * 100,000 characters). Target: each 20,000-character scan under 5 ms (median of the runs).
 *
 * Baseline, measured beside each scan in the same run: one plain `indexOf` pass over the same text for a
 * character it does not hold, the cheapest possible read of every character. The ratio says how many
 * such passes the scan costs. Exits 1 when a target is missed.
 */
const TARGET_MS = 5;
const RUNS = 41;
const WARMUP = 5;

interface Row {
  shape: string;
  chars: number;
  p50: number;
  p99: number;
  baselineP50: number;
  target: number | null;
}

function measure(shape: string, texts: readonly string[], target: number | null): Row {
  const scan = () => texts.forEach((text, index) => scanForPii(`q${index + 1}`, text));
  // Scanning for a character no text holds reads every character once; `found` keeps the JIT honest.
  let found = 0;
  const baseline = () => texts.forEach((text) => (found += text.indexOf('\u0007')));
  for (let i = 0; i < WARMUP; i += 1) {
    scan();
    baseline();
  }
  const scanMs: number[] = [];
  const baselineMs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    let started = performance.now();
    scan();
    scanMs.push(performance.now() - started);
    started = performance.now();
    baseline();
    baselineMs.push(performance.now() - started);
  }
  if (found === 42) console.log('');
  scanMs.sort((a, b) => a - b);
  baselineMs.sort((a, b) => a - b);
  return {
    shape,
    chars: texts.reduce((sum, text) => sum + text.length, 0),
    p50: percentile(scanMs, 50),
    p99: percentile(scanMs, 99),
    baselineP50: percentile(baselineMs, 50),
    target,
  };
}

const PROSE =
  'Survivors need housing first. Our case manager Maria Lopez met 12 families at 123 Main St; call 555-123-4567 or write to help@example.org. ';

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]?.toFixed(1);
  const rows: Row[] = hostileAnswers().map(([shape, text]) => measure(shape, [text], TARGET_MS));
  rows.push(measure('ordinary prose with every kind of hint', [repeatTo(PROSE, HOSTILE_LENGTH)], TARGET_MS));
  // The review scans every answer: five hostile answers of different shapes, 100,000 characters.
  const five = hostileAnswers().slice(0, 5).map(([, text]) => text);
  rows.push(measure('five hostile answers at once (the review)', five, TARGET_MS * five.length));
  // MAX_ANSWER_CHARS may be raised to 100,000: one answer that long, of the mixed shape.
  rows.push(measure('one 100,000-character answer (mixed)', [repeatTo(HOSTILE_UNITS.mixed as string, 100_000)], TARGET_MS * 5));
  const loadAfter = loadavg()[0]?.toFixed(1);

  const missed = rows.filter((row) => row.target !== null && row.p50 >= row.target);
  const fmt = (ms: number) => ms.toFixed(2);
  const lines = rows.map(
    (row) =>
      `| ${row.shape} | ${row.chars.toLocaleString('en-US')} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${(row.baselineP50 * 1000).toFixed(1)} | ${(row.p50 / Math.max(row.baselineP50, 0.001)).toFixed(0)}× | ${row.target === null ? '—' : row.p50 < row.target ? `< ${row.target} ✓` : `≥ ${row.target} ✗`} |`,
  );
  const body = `## PII scan on hostile answers (\`npm run bench:pii\`)

${new Date().toISOString()} · ${await machine()} · ${RUNS} runs per shape after ${WARMUP} warm-up runs, in one process · machine load (1-minute average) ${loadBefore} at the start, ${loadAfter} at the end.

Baseline in the same run: one \`indexOf\` pass over the same text (a character it does not hold), the cheapest read of every character. Before this work the same scan took about 580 ms on 20,000 digits, 270 ms on \`x\` and 250 ms on \`a.\` pairs (quadratic backtracking).

| shape | chars | scan p50 ms | scan p99 ms | indexOf p50 µs | scan / indexOf | target (p50) |
|---|---|---|---|---|---|---|
${lines.join('\n')}

p99 includes the other work sharing the machine's cores (see the load above); the target is on the median.

Target **${missed.length === 0 ? 'met' : `missed on ${missed.length} shape(s)`}**: every 20,000-character scan under ${TARGET_MS} ms at the median, and 100,000 characters (five answers, or one) under ${TARGET_MS * five.length} ms.`;
  console.log(body);
  await writeSection(new URL('./RESULTS.md', import.meta.url).pathname, 'pii', body);
  if (missed.length > 0) process.exitCode = 1;
}

await main();
