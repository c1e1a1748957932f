import { spawn, type ChildProcess } from 'node:child_process';

/** The bot as a real process (`node <args>`), once it has printed the address it serves. */
export function spawnBot(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<{ child: ChildProcess; url: string; output(): string }> {
  return spawnBotCommand(process.execPath, args, env, timeoutMs);
}

/**
 * The bot started by any command (`npm start`, `npm run start:prod`), once the banner has printed the
 * address to open. `child` is the process that command started (npm itself, for `npm start`).
 */
export async function spawnBotCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<{ child: ChildProcess; url: string; output(): string }> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      // Never leave a half-started bot behind (it would hold its DATA_DIR's lock and a port).
      child.kill('SIGKILL');
      reject(new Error(`no URL printed:\n${output}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const found = /Open (http:\/\/[^\s]+)\/ in a browser/.exec(output);
      if (found?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(found[1]);
      }
    }, 50);
  });
  return { child, url, output: () => output };
}

/** SIGTERM (or another signal), then the exit code. */
export function stopBot(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
