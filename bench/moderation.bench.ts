import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import pg from 'pg';
import { startApp, type RunningApp } from '../src/app.js';
import { insertSubmissions } from './moderation-data.js';
import { machine, percentile, writeSection } from './results-file.js';

/**
 * `npm run bench:moderation`: the moderation API on Postgres with 10,000 then 100,000 submissions
 * (5 answers each), in a throw-away schema that is dropped at the end.
 * - p50/p95 of list, filter and full-text search requests through the real HTTP server (sequential,
 *   one connection; `GET /healthz` measured the same way as the floor/baseline);
 * - CSV export rows/s and the process's peak RSS above its level before the export, at 10k and 100k rows
 *   (flat = constant memory).
 * Targets: p95 < 50 ms, export ≥ 20,000 rows/s. Bounded: ~1–2 minutes, 127.0.0.1 only.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SIZES = [10_000, 100_000] as const;
const REQUESTS = 150;
const WARMUP = 15;
const TOKEN = `rfm_${randomBytes(32).toString('base64url')}`;

interface Row {
  size: number;
  name: string;
  p50: number;
  p95: number;
}

async function main(): Promise<void> {
  const schema = `bench_mod_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  let app: RunningApp | undefined;
  const latency: Row[] = [];
  const exports: Array<{ size: number } & ExportResult> = [];
  try {
    app = await startApp({
      env: { PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL, DATABASE_SCHEMA: schema, MODERATOR_TOKEN: TOKEN, RFI_DEADLINE: '2030-01-01T00:00:00Z' },
    });
    let inserted = 0;
    for (const size of SIZES) {
      const t0 = Date.now();
      await insertSubmissions(app, inserted, size - inserted);
      await app.database.client.query('ANALYZE');
      console.log(`inserted up to ${size} submissions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      inserted = size;
      const cases: Array<[string, string]> = [
        ['GET /healthz (baseline)', '/healthz'],
        ['list, newest 50', '/api/submissions?limit=50'],
        ['list, page 3 via cursor', 'CURSOR'],
        ['filter channel+type+question', '/api/submissions?channel=slack&respondentType=government&question=3&limit=50'],
        ['filter flag pii-suspected', '/api/submissions?flag=pii-suspected&limit=50'],
        ['filter date range', '/api/submissions?from=2022-02-10&to=2022-02-12&limit=50'],
        ['full-text, common word', '/api/submissions?q=survivors&limit=50'],
        ['full-text, rare word', '/api/submissions?q=kestrel&limit=50'],
        ['full-text + filter', '/api/submissions?q=housing&channel=teams&limit=50'],
        ['full-text, no match', '/api/submissions?q=zzqxv&limit=50'],
        ['full-text, phrase', '/api/submissions?q=%22Response%20number%204242%22&limit=50'],
        // Issue 20: sorts (each walks its own index), Spanish word forms, the list page with count and badges.
        ['sort organization 50', '/api/submissions?sort=organization&limit=50'],
        ['sort longest 50', '/api/submissions?sort=longest&limit=50'],
        ['sort longest + filter', '/api/submissions?sort=longest&channel=teams&limit=50'],
        ['full-text, Spanish form', '/api/submissions?q=sobreviviente&limit=50'],
        ['list page (HTML), sort organization', '/moderate/submissions?sort=organization'],
      ];
      for (const [name, path] of cases) {
        const resolved = path === 'CURSOR' ? await thirdPagePath(app) : path;
        const times = await measure(app.url, resolved);
        latency.push({ size, name, p50: percentile(times, 50), p95: percentile(times, 95) });
        console.log(`${size} ${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);
      }
      exports.push({ size, ...(await measureExport(app.url)) });
      console.log(`${size} export:`, exports[exports.length - 1]);
    }
  } finally {
    await app?.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }

  const date = new Date().toISOString();
  const table = latency.map((r) => `| ${r.size.toLocaleString('en-US')} | ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.name.includes('baseline') ? '—' : r.p95 < 50 ? 'yes' : '**no**'} |`).join('\n');
  const exportTable = exports
    .map(
      (e) =>
        `| ${e.size.toLocaleString('en-US')} | ${e.rows.toLocaleString('en-US')} | ${e.csvMb.toFixed(1)} | ${e.seconds.toFixed(2)} | ${Math.round(e.rowsPerSecond).toLocaleString('en-US')} | ${e.rssBeforeMb.toFixed(0)} | +${e.peakRssDeltaMb.toFixed(0)} | +${e.peakHeapDeltaMb.toFixed(0)} | ${e.rowsPerSecond >= 20_000 ? 'yes' : '**no**'} |`,
    )
    .join('\n');
  await writeSection(
    'bench/RESULTS.md',
    'moderation',
    `## Moderation API and export (\`npm run bench:moderation\`)

${date} · ${await machine()} · Postgres at 127.0.0.1 (dedicated schema, dropped afterwards) · ${REQUESTS} sequential requests per case after ${WARMUP} warm-up, one connection, through the real HTTP server (each list request also writes its audit row).

Baseline measured in the same run: \`GET /healthz\` (no database) and the 10,000-submission dataset.

| Submissions | Request | p50 ms | p95 ms | p95 < 50 ms |
|---|---|---|---|---|
${table}

CSV export of all submissions (5 answers each), streamed in keyset batches of 1,000 and read by a client on 127.0.0.1 (in the same process as the bot, so its socket buffers count too); RSS and JS heap sampled every 10 ms. Memory is "flat" when the peak above the starting level does not grow with the row count the way the CSV size does:

| Submissions | Rows | CSV MB | Seconds | Rows/s | RSS before (MB) | Peak RSS above before (MB) | Peak JS heap above before (MB) | ≥ 20,000 rows/s |
|---|---|---|---|---|---|---|---|---|
${exportTable}
`,
  );
  console.log('written to bench/RESULTS.md');
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function thirdPagePath(app: RunningApp): Promise<string> {
  let path = '/api/submissions?limit=50';
  for (let i = 0; i < 2; i += 1) {
    const page = JSON.parse((await get(`${app.url}${path}`)).body) as { nextCursor: string };
    path = `/api/submissions?limit=50&cursor=${page.nextCursor}`;
  }
  return path;
}

async function measure(base: string, path: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i += 1) {
    const t0 = performance.now();
    const response = await get(`${base}${path}`);
    const ms = performance.now() - t0;
    if (response.status !== 200) throw new Error(`${path} → ${response.status} ${response.body.slice(0, 200)}`);
    if (i >= WARMUP) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

interface ExportResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssDeltaMb: number;
  rssBeforeMb: number;
  peakHeapDeltaMb: number;
  csvMb: number;
}

async function measureExport(base: string): Promise<ExportResult> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let peakHeap = process.memoryUsage().heapUsed;
  const heapBefore = peakHeap;
  let bytes = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 10);
  const t0 = performance.now();
  const rows = await new Promise<number>((resolve, reject) => {
    const req = request(`${base}/api/export.csv`, { headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      let lines = 0;
      let previous = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Rows end with CRLF; a CR/LF pair may straddle two chunks.
        for (let i = 0; i < chunk.length; i += 1) {
          const byte = chunk[i] as number;
          if (byte === 0x0a && previous === 0x0d) lines += 1;
          previous = byte;
        }
      });
      res.on('end', () => resolve(lines - 1));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const mb = 1024 * 1024;
  return {
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    peakRssDeltaMb: (peak - before) / mb,
    rssBeforeMb: before / mb,
    peakHeapDeltaMb: (peakHeap - heapBefore) / mb,
    csvMb: bytes / mb,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
