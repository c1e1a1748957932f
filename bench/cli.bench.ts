import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, writeSection } from './results-file.js';

/**
 * `npm run bench:cli` — how long `npm run admin -- token create` takes on the embedded default (PGlite in
 * DATA_DIR), against the floor measured in the same run: a process that only opens the same data
 * directory's store (node + tsx + PGlite open + close, bench/cli-open-store.ts). Target (issue 22): under 2 s.
 * Runs alternate, so the machine's other work affects both alike. The data directory is made once (its
 * first open creates the database, reported apart: that happens once per installation).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TARGET_MS = 2000;

function timed(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(command, args, { env, encoding: 'utf8' });
  const elapsedMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return elapsedMs;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rfibot-bench-cli-'));
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development', npm_config_update_notifier: 'false' };
  try {
    const firstMs = timed('npm', ['run', '--silent', 'admin', '--', 'token', 'list'], env);
    const openOnly: number[] = [];
    const viaNpm: number[] = [];
    const direct: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      openOnly.push(timed(process.execPath, ['--import', 'tsx', 'bench/cli-open-store.ts'], env));
      viaNpm.push(timed('npm', ['run', '--silent', 'admin', '--', 'token', 'create', '--role', 'moderator', '--name', `bench ${round}`], env));
      direct.push(timed(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'token', 'create', '--role', 'moderator', '--name', `bench direct ${round}`], env));
    }
    const floor = median(openOnly);
    const npmMedian = median(viaNpm);
    const directMedian = median(direct);
    const load = (await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' / ');
    const fmt = (values: number[]) => values.map((v) => Math.round(v)).join(', ');
    const body = `## Admin CLI (\`npm run bench:cli\`)

${new Date().toISOString()} · ${await machine()} · load average when done: ${load} (other work shares the machine) · embedded default (PGlite in a temporary DATA_DIR), ${ROUNDS} alternating rounds.

Baseline measured in the same run: a process that only opens the store of the same data directory and closes it (\`node --import tsx bench/cli-open-store.ts\`: Node, tsx, the data-directory lock, PGlite's start, close).

| command | median ms | every run, ms |
|---|---|---|
| open the store alone (baseline) | ${Math.round(floor)} | ${fmt(openOnly)} |
| \`npm run admin -- token create\` | ${Math.round(npmMedian)} | ${fmt(viaNpm)} |
| \`node --import tsx scripts/admin.ts token create\` (without npm) | ${Math.round(directMedian)} | ${fmt(direct)} |
| first command on a fresh data directory (creates the database, once) | ${Math.round(firstMs)} | |

- \`npm run admin -- token create\`: **${Math.round(npmMedian)} ms** (target < ${TARGET_MS} ms: ${npmMedian < TARGET_MS ? 'met' : 'NOT met'}); **${(npmMedian / floor).toFixed(2)}×** opening the store alone (${(directMedian / floor).toFixed(2)}× without npm's own start).
- What it does beyond the baseline: npm's start, reading the config, one query that finds every migration already applied (no transaction), the token insert.
`;
    await writeSection(join(process.cwd(), 'bench', 'RESULTS.md'), 'cli', body);
    process.stdout.write(body);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
