import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point inward: conversations/ → src/ ← adapters/.
 * Nothing in src/ may import a platform SDK or an adapter; src/app.ts is the one wiring file allowed to
 * import adapters. botbuilder may appear only under adapters/teams/.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const WIRING_FILE = 'src/app.ts';
const PLATFORM_PACKAGES = ['@slack/bolt', '@slack/web-api', '@slack/socket-mode', 'botbuilder', '@microsoft/agents-hosting'];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) files.push(path);
  }
  return files;
}

/** Every module specifier in import/export/require/dynamic import statements. */
function importedSpecifiers(source: string): string[] {
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[\w*{}\s,]+\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

describe('architecture: dependencies point inward', () => {
  it('finds imports in every syntax (guards the guard)', () => {
    const sample = `import { App } from '@slack/bolt';\nimport type { X } from "botbuilder";\nexport * from '../adapters/slack/index.js';\nconst m = await import('@slack/web-api');\nconst r = require("botbuilder");`;
    expect(importedSpecifiers(sample)).toEqual(['@slack/bolt', 'botbuilder', '../adapters/slack/index.js', '@slack/web-api', 'botbuilder']);
  });

  it('src/ imports no platform SDK and no adapter (the wiring file excepted)', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('src')) {
      const specifiers = importedSpecifiers(await readFile(join(ROOT, file), 'utf8'));
      for (const specifier of specifiers) {
        const isPlatform = PLATFORM_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));
        const isAdapter = specifier.includes('adapters/');
        if (isPlatform || (isAdapter && file !== WIRING_FILE)) offenders.push(`${file} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('botbuilder / botframework-* are imported only under adapters/teams/ (tests, benchmarks and scripts included)', async () => {
    const isBotFramework = (specifier: string) =>
      specifier === 'botbuilder' || specifier.startsWith('botbuilder-') || specifier.startsWith('botbuilder/') || specifier.startsWith('botframework-');
    const offenders: string[] = [];
    const inside: string[] = [];
    for (const dir of ['src', 'adapters', 'conversations', 'test', 'bench', 'scripts']) {
      if (!existsSync(join(ROOT, dir))) continue;
      for (const file of await sourceFiles(dir)) {
        if (file === 'test/unit/architecture.test.ts') continue; // its own samples name the packages
        const specifiers = importedSpecifiers(await readFile(join(ROOT, file), 'utf8'));
        if (!specifiers.some(isBotFramework)) continue;
        if (relative('adapters/teams', file).startsWith('..')) offenders.push(file);
        else inside.push(file);
      }
    }
    expect(offenders).toEqual([]);
    // Guards the guard: the Teams adapter itself is seen importing the SDK.
    expect(inside).toContain('adapters/teams/bot-framework.ts');
  });

  it('only src/config.ts reads process.env', async () => {
    const offenders: string[] = [];
    for (const dir of ['src', 'adapters', 'conversations']) {
      for (const file of await sourceFiles(dir)) {
        if (file === 'src/config.ts' || file === 'src/main.ts') continue;
        if (/process\.env/.test(await readFile(join(ROOT, file), 'utf8'))) offenders.push(file);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('architecture: the core layers', () => {
  it('src/core/ holds neutral types and ports: it imports nothing else in src/', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('src/core')) {
      for (const specifier of importedSpecifiers(await readFile(join(ROOT, file), 'utf8'))) {
        if (specifier.startsWith('.') && !specifier.startsWith('./')) offenders.push(`${file} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('adapters import the core only through its public surface, src/index.ts', async () => {
    const offenders: string[] = [];
    let seen = 0;
    for (const file of await sourceFiles('adapters')) {
      for (const specifier of importedSpecifiers(await readFile(join(ROOT, file), 'utf8'))) {
        if (!specifier.includes('src/')) continue;
        seen += 1;
        if (!/^(\.\.\/)+src\/index\.js$/.test(specifier)) offenders.push(`${file} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(seen).toBeGreaterThan(0); // guards the guard
  });

  it('nothing branches on an error\'s name string: errors are told apart by class or by code', async () => {
    const branchesOnName = /\b(?:error|err|cause|e|caught|reason)\.name\s*[!=]==?|\.name\s*[!=]==?\s*['"`]\w*Error['"`]/;
    expect(branchesOnName.test("if (error.name === 'FetchError')")).toBe(true); // guards the guard
    const offenders: string[] = [];
    for (const dir of ['src', 'adapters', 'conversations', 'scripts', 'bench']) {
      if (!existsSync(join(ROOT, dir))) continue;
      for (const file of await sourceFiles(dir)) {
        const lines = (await readFile(join(ROOT, file), 'utf8')).split('\n');
        lines.forEach((line, index) => {
          if (branchesOnName.test(line)) offenders.push(`${file}:${index + 1}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });

  it("the SQL client stays behind the stores: only src/store/, a feature's sql/ folder and src/database.ts use it", async () => {
    const allowed = (file: string) => file.startsWith('src/store/') || /^src\/\w+\/sql\//.test(file) || file === 'src/database.ts';
    const offenders: string[] = [];
    let seen = 0;
    for (const dir of ['src', 'adapters', 'scripts']) {
      for (const file of await sourceFiles(dir)) {
        if (!importedSpecifiers(await readFile(join(ROOT, file), 'utf8')).some((specifier) => specifier.endsWith('/sql-client.js'))) continue;
        seen += 1;
        if (!allowed(file)) offenders.push(file);
      }
    }
    expect(offenders).toEqual([]);
    expect(seen).toBeGreaterThan(0); // guards the guard
  });

  it('each feature registers its own migrations: no file creates the tables of two features', async () => {
    const featureOfTable: Record<string, string> = { submissions: 'comment store', staff_tokens: 'moderation', teams_conversations: 'teams references' };
    const offenders: string[] = [];
    const created = new Set<string>();
    for (const file of await sourceFiles('src')) {
      const source = await readFile(join(ROOT, file), 'utf8');
      const features = new Set<string>();
      for (const match of source.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g)) {
        const feature = featureOfTable[match[1] ?? ''];
        if (feature === undefined) continue;
        features.add(feature);
        created.add(match[1] ?? '');
      }
      if (features.size > 1) offenders.push(`${file}: ${[...features].join(', ')}`);
    }
    expect(offenders).toEqual([]);
    expect([...created].sort()).toEqual(Object.keys(featureOfTable).sort()); // guards the guard
  });

  it('every error class in the project is an AppError with a code from the typed list', async () => {
    const offenders: string[] = [];
    for (const dir of ['src', 'adapters', 'conversations', 'scripts']) {
      for (const file of await sourceFiles(dir)) {
        if (file.includes('/public/')) continue; // browser scripts run outside the server
        for (const match of (await readFile(join(ROOT, file), 'utf8')).matchAll(/class\s+(\w+)\s+extends\s+(\w+)/g)) {
          if (match[2] === 'Error' && match[1] !== 'AppError') offenders.push(`${file}: ${match[1]} extends Error`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
