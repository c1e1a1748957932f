import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../deploy/teams/icons.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const APP_ID = '00000000-0000-4000-8000-00000000b071';

interface TeamsManifest {
  id: string;
  bots: Array<{ commandLists: Array<{ commands: Array<{ title: string }> }> }>;
  localizationInfo: { additionalLanguages: unknown[] };
  icons: unknown;
  developer: { privacyUrl: string };
  name: { short: string };
  description: { short: string };
}

/** Reads a zip's entries through its central directory (no unzip tool needed). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Checks a PNG byte by byte: signature, chunk CRCs, IHDR, and decodes the pixels. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('ascii');
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 4 + 1) * height);
  return { width, height, pixels: raw };
}

describe('npm run teams:package', () => {
  it('writes a zip with manifest.json (bot id, personal scope) and valid 192×192 colour and 32×32 outline icons', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rfibot-teams-pkg-'));
    try {
      const out = join(dir, 'app.zip');
      await run('npx', ['tsx', 'scripts/teams-package.ts', '--app-id', APP_ID, '--website-url', 'https://rfi.example.org', '--out', out], { cwd: ROOT });
      const files = unzip(await readFile(out));
      expect([...files.keys()].sort()).toEqual(['color.png', 'es.json', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(String(files.get('manifest.json'))) as TeamsManifest;
      expect(manifest.id).toBe(APP_ID);
      expect(manifest.bots).toEqual([expect.objectContaining({ botId: APP_ID, scopes: ['personal'] })]);
      expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
      expect(manifest.developer.privacyUrl).toBe('https://rfi.example.org/privacy');
      expect(manifest.name.short.length).toBeLessThanOrEqual(30);
      expect(manifest.description.short.length).toBeLessThanOrEqual(80);
      expect(JSON.stringify(manifest)).not.toContain('{{');

      // Spanish: every localization file the manifest names is in the zip, with the limits Teams checks,
      // and every localized command exists in the English command list.
      expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'es', file: 'es.json' }]);
      const spanish = JSON.parse(String(files.get('es.json'))) as Record<string, string>;
      expect(spanish['name.short']?.length).toBeLessThanOrEqual(30);
      expect(spanish['name.full']?.length).toBeLessThanOrEqual(100);
      expect(spanish['description.short']?.length).toBeLessThanOrEqual(80);
      expect(spanish['description.full']?.length).toBeLessThanOrEqual(4000);
      const commands = manifest.bots[0]?.commandLists[0]?.commands ?? [];
      for (const key of Object.keys(spanish).filter((name) => name.startsWith('bots['))) {
        const index = Number(/commands\[(\d+)\]/.exec(key)?.[1]);
        expect(commands[index], key).toBeDefined();
      }

      const color = decodePng(files.get('color.png') as Buffer);
      expect([color.width, color.height]).toEqual([192, 192]);
      const outline = decodePng(files.get('outline.png') as Buffer);
      expect([outline.width, outline.height]).toEqual([32, 32]);
      // Teams: the outline icon is white on transparent only, and not empty.
      let white = 0;
      for (let y = 0; y < 32; y += 1) {
        for (let x = 0; x < 32; x += 1) {
          const at = y * (32 * 4 + 1) + 1 + x * 4;
          const [r, g, b, a] = outline.pixels.subarray(at, at + 4);
          expect(a === 0 || (r === 255 && g === 255 && b === 255 && a === 255)).toBe(true);
          if (a === 255) white += 1;
        }
      }
      expect(white).toBeGreaterThan(40);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to build without a valid app id or with http:// addresses, saying how to fix it', async () => {
    const failure = await run('npx', ['tsx', 'scripts/teams-package.ts', '--app-id', 'nope', '--website-url', 'http://rfi.example.org', '--out', join(tmpdir(), 'never.zip')], {
      cwd: ROOT,
      env: { ...process.env, MICROSOFT_APP_ID: '' },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/--app-id: use the Microsoft App ID/);
    expect(failure?.stderr).toMatch(/--website-url: Teams requires an https:\/\/ address/);
  });
});
