import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FlowDefinitionError, loadFlows, parseFlow } from '../../conversations/index.js';
import rfiFlow from '../../conversations/rfi-racial-equity-2022.js';

/** The five questions as published in the notice (also checked against the RFI file in docs/rfi/). */
const RFI_QUESTIONS = [
  'What does racial equity mean in terms of human trafficking? Are there special considerations for labor or sex trafficking?',
  'How have federal anti-trafficking programs, systems and policies hindered advancing racial equity? How can the executive branch address this?',
  'How can the agencies that are part of the operating group individually and collectively integrate racial equity into their anti-trafficking work domestically and internationally, such as with investigations, prosecutions, victim services, grants, procurements, supply chain, research and data collection, and public outreach?',
  'What are some ways to address the compounded barriers at the intersections of systemic racism and other forms of discrimination, such as discrimination against persons with disabilities, LGBTQ+ persons, and women and girls, in anti-trafficking programs?',
  'How can the agencies that are part of the operating group incorporate racial equity into their community and stakeholder engagements?',
];

const RFI_FILE = new URL('../../docs/rfi/racial-equity-anti-trafficking-2022.md', import.meta.url);

/** The numbered list under "## The five questions", each item's wrapped lines joined with one space. */
function questionsFromRfiFile(markdown: string): string[] {
  const section = markdown.split('## The five questions')[1]?.split('\n## ')[0] ?? '';
  return section
    .split(/\n(?=\d+\. )/)
    .filter((item) => /^\d+\. /.test(item.trim()))
    .map((item) => item.trim().replace(/^\d+\.\s+/, '').replace(/\s*\n\s*/g, ' '));
}

describe('the RFI flow', () => {
  const flow = parseFlow(rfiFlow, 'conversations/rfi-racial-equity-2022.ts');

  it('has the expected identity, deadline and limits', () => {
    expect(flow.id).toBe('rfi-racial-equity-2022');
    expect(flow.version).toBe(1);
    expect(flow.deadline).toBe('2022-03-15T23:59:59-04:00');
    expect(flow.timeZone).toBe('America/New_York');
    expect(flow.commentLimitChars).toBe(5000);
    expect(flow.respondentTypes.map((type) => type.id)).toEqual([
      'survivor-led-organization',
      'direct-service-provider',
      'advocacy-or-faith-based-organization',
      'researcher-or-academic',
      'government',
      'individual',
      'other',
    ]);
  });

  it('asks the five questions with the notice\'s English wording, verbatim and in order', () => {
    expect(flow.questions.map((question) => question.text.en)).toEqual(RFI_QUESTIONS);
  });

  // The notice ships in the repository (docs/rfi/), so this always runs.
  it('matches the RFI file word for word', () => {
    expect(questionsFromRfiFile(readFileSync(RFI_FILE, 'utf8'))).toEqual(RFI_QUESTIONS);
  });

  it('has a Spanish question and help for all five', () => {
    expect(flow.questions).toHaveLength(5);
    for (const question of flow.questions) {
      expect(question.text.es).toMatch(/^¿.+\?$/s);
      expect(question.text.es).not.toBe(question.text.en);
      expect(question.help.es.length).toBeGreaterThan(40);
      expect(question.help.en.length).toBeGreaterThan(40);
    }
  });

  it('labels every respondent type differently in each language', () => {
    for (const language of ['en', 'es'] as const) {
      const labels = flow.respondentTypes.map((type) => type.label[language].toLowerCase());
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe('parseFlow', () => {
  it('names the source and the field path of a missing translation', () => {
    const broken = structuredClone(rfiFlow) as { questions: Array<{ text: { en: string; es: string } }> };
    broken.questions[2]!.text.es = '   ';
    expect(() => parseFlow(broken, 'conversations/foo.ts')).toThrowError(
      new FlowDefinitionError('conversations/foo.ts: questions.2.text.es: Spanish text is required', 'conversations/foo.ts'),
    );
  });

  it('lists every problem, one line each', () => {
    const broken = { ...structuredClone(rfiFlow), id: 'Bad Id', timeZone: 'Mars/Olympus' };
    try {
      parseFlow(broken, 'conversations/bar.ts');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowDefinitionError);
      const lines = (error as Error).message.split('\n');
      expect(lines).toContain('conversations/bar.ts: id: use lowercase letters, digits and dashes');
      expect(lines).toContain('conversations/bar.ts: timeZone: use an IANA time zone such as America/New_York');
    }
  });

  it('reports duplicate question ids', () => {
    const broken = structuredClone(rfiFlow) as { questions: Array<{ id: string }> };
    broken.questions[1]!.id = broken.questions[0]!.id;
    expect(() => parseFlow(broken, 'x.ts')).toThrow(/x\.ts: questions\.1\.id: duplicate question id/);
  });
});

describe('loadFlows', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function folder(files: Record<string, string>): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'flows-'));
    const dir = join(root, 'conversations');
    dirs.push(root);
    await mkdir(dir);
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    return dir;
  }

  it('finds the shipped flow in conversations/', async () => {
    const flows = await loadFlows();
    expect([...flows.keys()]).toContain('rfi-racial-equity-2022');
  });

  it('loads every flow module in a folder, skipping index and test files', async () => {
    const flow = JSON.stringify({ ...structuredClone(rfiFlow), id: 'second-flow' });
    const dir = await folder({
      'second.mjs': `export default ${flow};`,
      'index.mjs': 'throw new Error("index must be skipped");',
      'second.test.mjs': 'throw new Error("tests must be skipped");',
      'notes.md': 'not a module',
    });
    const flows = await loadFlows(dir);
    expect([...flows.keys()]).toEqual(['second-flow']);
  });

  it('fails with the file and field named', async () => {
    const broken = structuredClone(rfiFlow) as { title: { en: string; es?: string } };
    delete broken.title.es;
    const dir = await folder({ 'foo.mjs': `export default ${JSON.stringify(broken)};` });
    await expect(loadFlows(dir)).rejects.toThrow(/^conversations\/foo\.mjs: title\.es: /);
    await expect(loadFlows(dir)).rejects.toBeInstanceOf(FlowDefinitionError);
  });

  it('fails on a module without a default export, and on two flows with one id', async () => {
    const noDefault = await folder({ 'a.mjs': 'export const flow = {};' });
    await expect(loadFlows(noDefault)).rejects.toThrow(/conversations\/a\.mjs: \(root\): no default export/);
    const flow = JSON.stringify(rfiFlow);
    const twice = await folder({ 'a.mjs': `export default ${flow};`, 'b.mjs': `export default ${flow};` });
    await expect(loadFlows(twice)).rejects.toThrow(/conversations\/b\.mjs: id: "rfi-racial-equity-2022" is already used by conversations\/a\.mjs/);
  });
});
