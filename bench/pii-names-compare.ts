import nlp from 'compromise';
import { findNames } from '../src/flow/pii/names.js';
import { loadSample, score, type Span } from '../test/support/pii-sample.js';
import { repeatTo } from '../test/support/hostile-text.js';
import { machine, writeSection } from './results-file.js';

/**
 * `npm run bench:pii-names` (issue 18, item 5): the two ways of spotting personal names, on the labelled
 * samples, and their cost on 20,000 characters.
 * - the first-name list (stdlib's English lists plus our additions), followed by a capitalised surname:
 *   what src/flow/pii/names.ts does;
 * - compromise 14's `people()`, kept only when its last word is capitalised (a surname follows).
 * compromise is a dev dependency for this comparison only.
 */
interface CompromisePerson {
  text: string;
  offset: { start: number; length: number };
}

function compromiseNames(text: string): Span[] {
  const people = nlp(text).people().json({ offset: true }) as CompromisePerson[];
  return people.flatMap((person) => {
    const words = person.text.replace(/[.,;:!?]+$/, '').split(/\s+/);
    const last = words[words.length - 1] ?? '';
    if (words.length < 2 || !/^\p{Lu}/u.test(last)) return [];
    return [{ kind: 'personal-name' as const, start: person.offset.start, end: person.offset.start + person.offset.length }];
  });
}

function msFor(find: (text: string) => unknown, text: string): number {
  for (let i = 0; i < 3; i += 1) find(text);
  const started = performance.now();
  for (let i = 0; i < 3; i += 1) find(text);
  return (performance.now() - started) / 3;
}

async function main(): Promise<void> {
  const methods: Array<[string, (text: string) => Span[]]> = [
    ['first-name list + capitalised surname (chosen)', findNames],
    ['compromise people() + capitalised surname', compromiseNames],
  ];
  const prose = repeatTo('Our case manager Maria Lopez met the family at the bus station in Austin. ', 20_000);
  const hostile = repeatTo('a.', 20_000);
  const rows: string[] = [];
  for (const [name, find] of methods) {
    const cells = (['tuning', 'heldOut'] as const).map((which) => {
      const result = score(loadSample(which), find, ['personal-name'])['personal-name'];
      return result ? `${result.precision.toFixed(2)} / ${result.recall.toFixed(2)} (${result.falsePositives} false, ${result.falseNegatives} missed)` : '—';
    });
    rows.push(`| ${name} | ${cells.join(' | ')} | ${msFor(find, prose).toFixed(1)} | ${msFor(find, hostile).toFixed(1)} |`);
  }
  const body = `## Personal names: first-name list vs compromise (\`npm run bench:pii-names\`)

${new Date().toISOString()} · ${await machine()}

Precision / recall of "possible personal name" hints (a hint counts when it overlaps a labelled name). "tuning" is test/fixtures/pii/labelled-sample.txt (250 sentences, the list's stop words were tuned on it); "held out" is labelled-heldout.txt (67 sentences written afterwards, never tuned on).

| method | tuning P / R | held out P / R | ms per 20,000 chars of prose | ms per 20,000 chars of "a." |
|---|---|---|---|---|
${rows.join('\n')}`;
  console.log(body);
  await writeSection(new URL('./RESULTS.md', import.meta.url).pathname, 'pii-names', body);
}

await main();
