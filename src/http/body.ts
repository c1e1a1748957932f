import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.js';

/** Reads a request body up to `limitBytes`; larger bodies are refused (413) without buffering them. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    throw new AppError('BODY_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > limitBytes) {
      req.resume();
      throw new AppError('BODY_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; a malformed one is a 400, never a crash. */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const raw = await readBody(req, limitBytes);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (cause) {
    throw new AppError('MALFORMED_JSON', 'The request body is not valid JSON.', { cause });
  }
}
