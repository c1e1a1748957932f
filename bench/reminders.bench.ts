import { runReminderLoad, type ReminderLoadResult } from '../test/support/reminder-load.js';
import { machine, writeSection } from './results-file.js';

/**
 * `npm run bench:reminders`: one reminder to 10,000 Slack partners through the real bot process (on
 * Postgres) against a fake Slack Web API on 127.0.0.1 that allows 50 chat.postMessage a second per
 * workspace and answers 429 + Retry-After beyond. The baseline is the floor no sender can beat against
 * that limit (10,000 / 50 = 200 s), measured against the same fake in the same run. Then again with the
 * bot SIGKILLed at a random point and restarted.
 * Targets: wall time ≤ 1.05 × the floor, 0 duplicates, 0 missed. Takes about 8 minutes.
 */
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10_000);
const LIMIT_PER_SEC = 50;
const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function row(name: string, r: ReminderLoadResult): string {
  const ratio = r.wallMs / r.floorMs;
  return `| ${name} | ${r.partners.toLocaleString('en-US')} | ${(r.floorMs / 1000).toFixed(0)} | ${(r.wallMs / 1000).toFixed(1)} | **${ratio.toFixed(3)}** | ${r.rateLimited} | ${r.duplicates} | ${r.missed} | ${r.progress.sent} / ${r.progress.failed} / ${r.progress.unknown} | ${r.killedAfterPosts === null ? '—' : `after ${r.killedAfterPosts.toLocaleString('en-US')} posts, back in ${((r.restartMs ?? 0) / 1000).toFixed(1)} s`} |`;
}

async function main(): Promise<void> {
  const plain = await runReminderLoad({ partners: PARTNERS, limitPerSec: LIMIT_PER_SEC, postgresUrl: POSTGRES_URL });
  console.log(plain);
  const killed = await runReminderLoad({ partners: PARTNERS, limitPerSec: LIMIT_PER_SEC, postgresUrl: POSTGRES_URL, killAtShare: 0.2 + Math.random() * 0.6, sendLeaseMs: 5_000 });
  console.log(killed);
  const met = (r: ReminderLoadResult, ratioTarget: number) => r.wallMs / r.floorMs <= ratioTarget && r.duplicates === 0 && r.missed === 0;
  const body = `## Reminders (\`npm run bench:reminders\`)

${new Date().toISOString()} · ${await machine()} · the bot as its own process (\`node --import tsx src/main.ts\`, Postgres at 127.0.0.1, REMINDER_RATE_PER_SECOND=${LIMIT_PER_SEC}) · a fake Slack Web API on 127.0.0.1 allowing ${LIMIT_PER_SEC} chat.postMessage a second per workspace (429 + Retry-After: 1 beyond) · one \`POST /api/reminders/send\` to every imported partner, timed until \`GET /api/reminders/{id}\` says done.

Baseline: the floor, ${PARTNERS.toLocaleString('en-US')} / ${LIMIT_PER_SEC} a second = ${(PARTNERS / LIMIT_PER_SEC).toFixed(0)} s, against the same fake in the same run.

| run | partners | floor s | wall s | wall / floor | 429s received | duplicates | missed | sent / failed / unknown | kill |
|---|---|---|---|---|---|---|---|---|---|
${row('straight through', plain)}
${row('SIGKILL mid-send, restarted', killed)}

- Straight through: ${met(plain, 1.05) ? '**met**' : '**not met**'} (target ≤ 1.05 × the floor, 0 duplicates, 0 missed).
- Across a kill: ${killed.duplicates === 0 && killed.missed === 0 ? '**0 duplicates, 0 missed**' : '**duplicates or misses: not met**'}; the wall time includes the restart and the send lease (5 s) after which the restarted bot checks the sends that were under way (Slack message metadata in conversations.history) and sends again only those that did not arrive.
`;
  await writeSection(new URL('./RESULTS.md', import.meta.url).pathname, 'reminders', body);
  console.log('written to bench/RESULTS.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
