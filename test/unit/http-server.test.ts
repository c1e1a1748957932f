import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { LogCapture } from '../support/app.js';

/** The one HTTP server: what a client gets when a handler fails before or after the response started. */
describe('HTTP server failures', () => {
  const logs = new LogCapture();
  let http: HttpServer;
  let url = '';

  beforeAll(async () => {
    http = createHttpServer(createLogger({ level: 'info', destination: logs }));
    http.router.add('GET', '/export', async ({ res }) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('id,answer\n1,first row\n');
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('database went away mid-export');
    });
    http.router.add('GET', '/early', async () => {
      throw new Error('failed before answering');
    });
    url = (await http.listen(0, '127.0.0.1')).url;
  });
  afterAll(async () => {
    await http.close();
  });

  it('cuts the connection when a streamed response fails half-way, so the cut file is not taken as complete', async () => {
    const outcome = await new Promise<{ status: number; body: string; complete: boolean }>((resolve, reject) => {
      request(`${url}/export`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, complete: res.complete }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, body, complete: res.complete }));
        res.on('aborted', () => resolve({ status: res.statusCode ?? 0, body, complete: false }));
      })
        .on('error', reject)
        .end();
    });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toContain('first row');
    expect(outcome.complete).toBe(false);
    // fetch, as a browser or script would use it, rejects instead of returning the partial text.
    const response = await fetch(`${url}/export`);
    await expect(response.text()).rejects.toThrow();
    expect(logs.text).toContain('request failed');
  });

  it('answers a failure before the response started with a JSON 500', async () => {
    const response = await fetch(`${url}/early`);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBeTruthy();
  });
});
