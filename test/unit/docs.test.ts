import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../src/config.js';

/**
 * The README is the front door and docs/ the guides: every link between them resolves (file and
 * anchor), and every environment variable the bot reads is documented.
 */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const DOCS = ['README.md', ...markdownFiles('docs')];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading?.[1]) continue;
    anchors.add(
      heading[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}

function links(markdown: string): string[] {
  const withoutFences = markdown.replace(/```[\s\S]*?```/g, '');
  return [...withoutFences.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
}

describe('the README and the guides', () => {
  it('every relative link resolves to a file in the repository, and every anchor to a heading', () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      const text = readFileSync(file, 'utf8');
      for (const target of links(text)) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const resolved = path === '' ? file : join(dirname(file), path);
        if (!existsSync(resolved)) {
          broken.push(`${file}: ${target} (no such file)`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) {
          broken.push(`${file}: ${target} (no heading #${anchor} in ${relative('.', resolved)})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('the README links every guide in docs/', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const guide of ['partners', 'staff', 'moderators', 'slack', 'teams', 'operations', 'security', 'development']) {
      expect(readme).toContain(`(docs/${guide}.md)`);
      expect(existsSync(`docs/${guide}.md`)).toBe(true);
    }
  });

  it('every environment variable the bot reads is in the README and explained in docs/operations.md', () => {
    const readme = readFileSync('README.md', 'utf8');
    const operations = readFileSync('docs/operations.md', 'utf8');
    expect(ENV_VARIABLES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
    expect(ENV_VARIABLES.filter((name) => !operations.includes(`| \`${name}\` |`))).toEqual([]);
  });

  it("the README's first screen says what the bot is, the two commands, and where each reader goes", () => {
    const firstScreen = readFileSync('README.md', 'utf8').split('\n').slice(0, 70).join('\n');
    expect(firstScreen).toContain('npm ci && npm start');
    expect(firstScreen).toContain('npm test');
    expect(firstScreen).toContain('/moderate/roster');
    expect(firstScreen).toContain('(docs/staff.md)');
  });
});
