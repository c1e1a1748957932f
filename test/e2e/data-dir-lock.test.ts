import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DATA_DIR_LOCK_FILE, processStartOf, type LockHolder } from '../../src/store/data-dir-lock.js';
import { admin } from '../support/admin-script.js';
import { spawnBot, stopBot } from '../support/bot-process.js';
import { freePort } from '../support/free-port.js';

/**
 * One process per data directory (issue 17 item 3): a second process on the same DATA_DIR — the bot on
 * another PORT or `npm run admin` — is refused and told who holds it; a lock left by a killed process is
 * taken over; a reused pid is not mistaken for the holder.
 */
const ENTRY = ['--import', 'tsx', 'src/main.ts'];

/** The pid of a process that has exited (its lock would be stale). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function holder(overrides: Partial<LockHolder>): LockHolder {
  return { pid: 1, command: 'node src/main.ts', since: '2026-01-01T00:00:00.000Z', hostname: hostname(), processStart: null, bootId: null, ...overrides };
}

describe('the data-directory lock, between real processes', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-lock-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses npm run admin and a second bot on another PORT while the bot runs, naming the directory and the holder', async () => {
    const bot = await spawnBot(ENTRY, { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn' }, 60_000);
    try {
      const refused = await admin(dataDir, ['token', 'create', '--role', 'moderator', '--name', 'Ana']);
      expect(refused.code).toBe(1);
      expect(refused.stdout).not.toMatch(/Created/);
      expect(refused.stderr).toContain(`The data directory ${dataDir} is in use by process ${bot.child.pid}`);
      expect(refused.stderr).toContain('src/main.ts');
      expect(refused.stderr).toMatch(/since \d{4}-\d{2}-\d{2}T/);
      expect(refused.stderr).toContain('/moderate/tokens');
      expect(refused.stderr).toContain('/moderate/roster');

      const second = spawnSync(process.execPath, ENTRY, {
        env: { PATH: process.env.PATH, PORT: String(await freePort()), DATA_DIR: dataDir, NODE_ENV: 'development' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`The bot cannot start: The data directory ${dataDir} is in use by process ${bot.child.pid}`);
      // The running bot is unharmed.
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await stopBot(bot.child)).toBe(0);
    }
    // Stopped: the lock is released and admin works.
    const created = await admin(dataDir, ['token', 'create', '--role', 'moderator', '--name', 'Ana']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created moderator token/);
  }, 180_000);

  it('takes over the lock of a holder killed with SIGKILL', async () => {
    const holderProcess = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { acquireDataDirLock } = await import('./src/store/data-dir-lock.ts');
      await acquireDataDirLock(${JSON.stringify(dataDir)});
      process.stdout.write('locked\\n');
      setInterval(() => undefined, 1000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holderProcess.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve()));
    const whileAlive = await admin(dataDir, ['token', 'list']);
    expect(whileAlive.code).toBe(1);
    expect(whileAlive.stderr).toContain(`process ${holderProcess.pid}`);

    await new Promise<void>((resolve) => {
      holderProcess.on('exit', () => resolve());
      holderProcess.kill('SIGKILL');
    });
    const stale = JSON.parse(await readFile(join(dataDir, DATA_DIR_LOCK_FILE), 'utf8')) as LockHolder;
    expect(stale.pid).toBe(holderProcess.pid);
    const after = await admin(dataDir, ['token', 'list']);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  }, 120_000);
});

describe('the data-directory lock: stale or alive', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-lock-unit-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  const lockPath = () => join(dataDir, DATA_DIR_LOCK_FILE);

  it('does not mistake a reused pid for the holder: same pid, different process start time, is stale', async () => {
    // This test process is alive, but it is not the process that wrote this lock (its start time differs).
    await writeFile(lockPath(), JSON.stringify(holder({ pid: process.pid, processStart: '1' })));
    const lock = await acquireDataDirLock(dataDir);
    expect(lock.tookOverFrom?.processStart).toBe('1');
    await lock.release();
  });

  it('refuses while the recorded holder is alive and the same process (pid and start time match)', async () => {
    await writeFile(lockPath(), JSON.stringify(holder({ pid: process.pid, processStart: processStartOf(process.pid) })));
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
    await rm(lockPath());
  });

  it('treats an exited holder its parent has not reaped yet (a zombie) as gone', async () => {
    // `sleep 0` exits at once; its parent is replaced by `sleep 30`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombiePid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
      await expect.poll(async () => (await readFile(`/proc/${zombiePid}/stat`, 'utf8')).split(') ')[1]?.[0]).toBe('Z');
      await writeFile(lockPath(), JSON.stringify(holder({ pid: zombiePid, processStart: processStartOf(zombiePid) })));
      const lock = await acquireDataDirLock(dataDir);
      expect(lock.tookOverFrom?.pid).toBe(zombiePid);
      await lock.release();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('never takes over a lock held from another host (it cannot check that pid)', async () => {
    await writeFile(lockPath(), JSON.stringify(holder({ pid: deadPid(), hostname: 'another-machine' })));
    const error = await acquireDataDirLock(dataDir).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'DATA_DIR_LOCKED' });
    expect((error as Error).message).toContain('on host another-machine');
    expect((error as Error).message).toContain(`delete ${lockPath()}`);
    await rm(lockPath());
  });

  it('a stale lock after a reboot (another boot id) is taken over', async () => {
    await writeFile(lockPath(), JSON.stringify(holder({ pid: process.pid, bootId: 'an-earlier-boot' })));
    const lock = await acquireDataDirLock(dataDir);
    expect(lock.tookOverFrom?.bootId).toBe('an-earlier-boot');
    await lock.release();
  });

  it('lets exactly one of several processes racing for one stale lock win', async () => {
    await writeFile(lockPath(), JSON.stringify(holder({ pid: deadPid() })));
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => acquireDataDirLock(dataDir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'DATA_DIR_LOCKED' });
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireDataDirLock>>>).value.release();
    // Released: nothing is left behind, not even the private drafts.
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(dataDir)).filter((name) => name.includes(DATA_DIR_LOCK_FILE))).toEqual([]);
  });
});
