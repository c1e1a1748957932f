import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '../errors.js';

/**
 * One process per data directory. PGlite is Postgres inside this process, without Postgres's own
 * postmaster.pid: two processes on one DATA_DIR (the bot and `npm run admin`, two bots on different
 * ports) would each write the same files, and one's writes are lost or the database is corrupted.
 *
 * Contract:
 * - `acquireDataDirLock(dir)` resolves once this process holds `dir/rfibot.lock`, or rejects with
 *   DATA_DIR_LOCKED naming the directory and the holder (pid, command, since when), whatever PORT either uses.
 * - The lock file is created complete and atomically: written to a private file first, then hard-linked
 *   to its name (link fails if the name exists), so a reader never sees a half-written lock.
 * - A lock whose holder is gone (killed, crashed, machine rebooted) is stale and taken over. "Gone" is
 *   judged by pid AND identity, so a reused pid is not mistaken for the holder: on Linux the holder's
 *   process start time (/proc/<pid>/stat) and the boot id are recorded and compared. A holder on another
 *   host (a shared volume) cannot be checked and is never taken over.
 * - Takeover is done by whoever holds `rfibot.lock.takeover` (hard-linked exclusively, like the lock): it
 *   judges the lock again, removes it only if still stale, and then links its own. The others see the
 *   takeover file's live holder, or the new lock, and refuse. Two processes racing to take over one stale
 *   lock: exactly one wins. (An earlier version moved the stale file aside with rename and could, in a
 *   race, move a lock another racer had just taken: two winners, about one CI run in three.)
 * - `release()` removes the lock only while it is still ours. A process that dies leaves a stale lock,
 *   which the next start takes over.
 */
export const DATA_DIR_LOCK_FILE = 'rfibot.lock';

export interface LockHolder {
  pid: number;
  command: string;
  /** When the holder took the lock (ISO 8601). */
  since: string;
  hostname: string;
  /** Linux: the holder's start time in clock ticks since boot (/proc/<pid>/stat field 22); null elsewhere. */
  processStart: string | null;
  /** Linux: /proc/sys/kernel/random/boot_id when the lock was taken; null elsewhere. */
  bootId: string | null;
}

export interface DataDirLock {
  path: string;
  /** The stale holder this process took over from, if any (for a log line). */
  tookOverFrom: LockHolder | null;
  release(): Promise<void>;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat (starttime); the command name in field 2 may contain spaces and parentheses. */
export function processStartOf(pid: number): string | null {
  return procStat(pid)?.start ?? null;
}

function procStat(pid: number): { state: string; start: string | null } | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? null };
}

function bootId(): string | null {
  return readProc('/proc/sys/kernel/random/boot_id');
}

function myIdentity(now: Date): LockHolder {
  return {
    pid: process.pid,
    command: [process.argv0, ...process.argv.slice(1)].join(' ').slice(0, 300),
    since: now.toISOString(),
    hostname: hostname(),
    processStart: processStartOf(process.pid),
    bootId: bootId(),
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the recorded holder still runs (and is the same process, not a reused pid). */
export function holderState(holder: LockHolder): 'alive' | 'gone' | 'unknown-host' {
  if (holder.hostname !== hostname()) return 'unknown-host';
  const currentBoot = bootId();
  if (holder.bootId && currentBoot && holder.bootId !== currentBoot) return 'gone';
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || !pidAlive(holder.pid)) return 'gone';
  const current = procStat(holder.pid);
  // A zombie (exited, not yet reaped by its parent) still answers kill(pid, 0) but holds nothing.
  if (current?.state === 'Z' || current?.state === 'X') return 'gone';
  if (holder.processStart && current?.start && current.start !== holder.processStart) return 'gone';
  return 'alive';
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string') return null;
    return {
      pid: value.pid,
      command: typeof value.command === 'string' ? value.command : '(unknown command)',
      since: typeof value.since === 'string' ? value.since : '(unknown time)',
      hostname: value.hostname,
      processStart: typeof value.processStart === 'string' ? value.processStart : null,
      bootId: typeof value.bootId === 'string' ? value.bootId : null,
    };
  } catch {
    return null;
  }
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

function lockedError(dir: string, lockPath: string, holder: LockHolder | null, state: 'alive' | 'unknown-host' | 'unreadable'): AppError {
  const who =
    holder === null
      ? `an unreadable lock file (${lockPath})`
      : `process ${holder.pid} (${holder.command})${holder.pid === process.pid ? ' — this same process' : ''}${state === 'unknown-host' ? ` on host ${holder.hostname}` : ''}, since ${holder.since}`;
  const stop = holder && state === 'alive' ? ` (process ${holder.pid}: Ctrl+C in its terminal, or kill -TERM ${holder.pid})` : '';
  const lines = [
    `The data directory ${dir} is in use by ${who}.`,
    'The embedded database (PGlite) can be opened by one process at a time.',
    `- While the bot runs, do admin work in the browser instead of "npm run admin": tokens at /moderate/tokens, the roster and its CSV upload at /moderate/roster.`,
    `- Or stop the bot${stop}, then run this again.`,
    '- To run a second bot, give it its own DATA_DIR, or use Postgres (DATABASE_URL).',
  ];
  if (state !== 'alive') lines.push(`- If you are sure no process uses this directory, delete ${lockPath} and try again.`);
  return new AppError('DATA_DIR_LOCKED', lines.join('\n'));
}

export async function acquireDataDirLock(dataDir: string, now: Date = new Date()): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, DATA_DIR_LOCK_FILE);
  const tag = `${process.pid}.${randomBytes(6).toString('hex')}`;
  const draft = join(dir, `.${DATA_DIR_LOCK_FILE}.${tag}`);
  await writeFile(draft, JSON.stringify(myIdentity(now)), { flag: 'wx' });
  let tookOverFrom: LockHolder | null = null;
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        await link(draft, lockPath);
        const ourInode = (await stat(lockPath)).ino;
        return { path: lockPath, tookOverFrom, release: () => releaseIfOurs(lockPath, ourInode) };
      } catch (error) {
        if (errno(error) !== 'EEXIST') throw error;
      }
      let text: string;
      try {
        text = await readFile(lockPath, 'utf8');
      } catch (error) {
        if (errno(error) === 'ENOENT') continue; // released meanwhile: try again
        throw error;
      }
      const holder = parseHolder(text);
      if (holder === null) throw lockedError(dir, lockPath, null, 'unreadable');
      const state = holderState(holder);
      if (state !== 'gone') throw lockedError(dir, lockPath, holder, state);
      // Stale. Only the process holding the takeover file (created exclusively) may remove it, and it
      // judges the lock again once it holds it: moving the lock aside while racing could move (and
      // lose) a live lock another racer had just taken.
      const takeover = `${lockPath}.takeover`;
      try {
        await link(draft, takeover);
      } catch (error) {
        if (errno(error) !== 'EEXIST') throw error;
        const other = parseHolder(await readFile(takeover, 'utf8').catch(() => ''));
        if (other && holderState(other) === 'gone') {
          // A process died while taking over: clear its takeover file and judge again.
          await unlink(takeover).catch(() => undefined);
          continue;
        }
        throw lockedError(dir, lockPath, other ?? holder, other ? 'alive' : 'unreadable');
      }
      try {
        const again = await readFile(lockPath, 'utf8').catch((error: unknown) => (errno(error) === 'ENOENT' ? null : Promise.reject(error)));
        if (again !== null) {
          const current = parseHolder(again);
          if (current === null) throw lockedError(dir, lockPath, null, 'unreadable');
          const currentState = holderState(current);
          if (currentState !== 'gone') throw lockedError(dir, lockPath, current, currentState);
          await unlink(lockPath);
          tookOverFrom = current;
        }
      } finally {
        await unlink(takeover).catch(() => undefined);
      }
    }
    throw lockedError(dir, lockPath, null, 'unreadable');
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function releaseIfOurs(lockPath: string, ourInode: number): Promise<void> {
  try {
    if ((await stat(lockPath)).ino === ourInode) await unlink(lockPath);
  } catch (error) {
    if (errno(error) !== 'ENOENT') throw error;
  }
}
