import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Postgres cluster of a test's own, on another port (the shared one on 5432 stays up), that the test
 * may stop and start: initdb into a temporary directory as the `postgres` user (Postgres refuses to run
 * as root), trust authentication, 127.0.0.1 only.
 */
export function ownPostgres(port: number) {
  const version = readdirSync('/usr/lib/postgresql').sort().at(-1);
  const bin = (name: string) => `/usr/lib/postgresql/${version}/bin/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'rfibot-pg-'));
  const asPostgres = (args: string[]) => {
    const runAs = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    const [command, ...rest] = [...runAs, ...args];
    execFileSync(command as string, rest, { stdio: 'pipe', timeout: 60_000 });
  };
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  asPostgres([bin('initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => asPostgres([bin('pg_ctl'), '-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']),
    /** `immediate`: like a crash or a pulled cable, no goodbye to the clients. */
    stop: () => asPostgres([bin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']),
    remove: () => {
      try {
        asPostgres([bin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
