import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/moderation/csv.js';
import { encodeCursor, parseCursor, parseFilters, parseLimit } from '../../src/moderation/filters.js';
import { moderationMessages } from '../../src/moderation/messages.js';
import { toRegulationsItem } from '../../src/moderation/regulations.js';
import type { ModerationSubmission } from '../../src/moderation/submission-view.js';
import { APP_MIGRATIONS } from '../../src/database.js';
import { migrate } from '../../src/store/migrations.js';
import { createPgliteClient } from '../../src/store/pglite-client.js';

describe('CSV cells', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['plain', 'plain'],
    ['a=1', 'a=1'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
  it('ends rows with CRLF and leaves nulls empty', () => {
    expect(csvRow(['a', null, 3])).toBe('a,,3\r\n');
  });
});

describe('filters', () => {
  const options = { questionCount: 5, respondentTypes: ['individual', 'government'] };
  it('makes a date-only "to" include the whole day', () => {
    const parsed = parseFilters(new URLSearchParams('from=2022-03-01&to=2022-03-15'), options);
    expect(parsed).toEqual({ ok: true, value: { fromIso: '2022-03-01T00:00:00.000Z', toIso: '2022-03-16T00:00:00.000Z' } });
  });
  it('lists every bad parameter', () => {
    const parsed = parseFilters(new URLSearchParams('question=0&respondentType=alien&committee=x&includeQuarantined=maybe'), options);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.split(':')[0])).toEqual(['question', 'respondentType', 'committee', 'includeQuarantined']);
  });
  it('bounds the limit to 1..200 and round-trips cursors', () => {
    expect(parseLimit(new URLSearchParams('limit=200'))).toEqual({ ok: true, value: 200 });
    expect(parseLimit(new URLSearchParams('limit=201')).ok).toBe(false);
    const cursor = { submittedAt: '2022-03-01 10:00:00.123456+00', id: 'abc' };
    expect(parseCursor(new URLSearchParams({ cursor: encodeCursor(cursor) }))).toEqual({ ok: true, value: cursor });
    expect(parseCursor(new URLSearchParams('cursor=bm9wZQ')).ok).toBe(false);
  });
});

describe('regulations.gov comment bodies', () => {
  const base: ModerationSubmission = {
    id: 's1',
    receipt: 'RFI-AAAA',
    submittedAt: '2022-03-01T00:00:00.000Z',
    channel: 'webchat',
    language: 'en',
    organization: null,
    organizationRedacted: null,
    respondentType: 'individual',
    flowId: 'f',
    flowVersion: 1,
    answers: [
      { questionId: 'a', index: 1, question: 'Q one?', answer: 'Original with a name', redacted: 'Redacted [name]' },
      { questionId: 'b', index: 2, question: 'Q two?', answer: null, redacted: null },
    ],
    flags: [],
    committees: [],
    piiHints: [],
    possibleDuplicateOf: null,
  };
  it('is anonymous without an organization and uses the redacted text', () => {
    const item = toRegulationsItem(base, 'DOC-1');
    expect(item.body.data.attributes).toMatchObject({ submitterType: 'Anonymous', comment: '1. Q one?\n\nRedacted [name]' });
    expect(item.body.data.attributes).not.toHaveProperty('organization');
    expect(item.attachment).toBeNull();
  });
  it('cuts long text to 5,000 characters, notes the attachment, and never splits an emoji', () => {
    const long = { ...base, answers: [{ questionId: 'a', index: 1, question: 'Q?', answer: '😀'.repeat(3000), redacted: null }] };
    const item = toRegulationsItem(long, 'DOC-1');
    const comment = item.body.data.attributes.comment;
    expect(comment.length).toBeLessThanOrEqual(5000);
    expect(comment).toContain('RFI-AAAA-full-text.txt');
    expect(comment).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(item.attachment?.text).toContain('😀'.repeat(3000));
  });
});

describe('moderation messages', () => {
  it('has every key in English and Spanish, none empty', () => {
    expect(Object.keys(moderationMessages.es).sort()).toEqual(Object.keys(moderationMessages.en).sort());
    for (const text of [...Object.values(moderationMessages.en), ...Object.values(moderationMessages.es)]) expect(text.trim()).not.toBe('');
  });
});

describe('migration 0100_moderation', () => {
  it('backfills pii-suspected and the search document for submissions stored before it existed', async () => {
    const client = await createPgliteClient('memory://');
    try {
      await migrate(client, 'pglite', APP_MIGRATIONS.filter((mig) => mig.id < '0100'));
      const insert = `INSERT INTO submissions (id, receipt, flow_id, flow_version, respondent_type, language, channel, submitted_at, pii_hints)
        VALUES ($1, $2, 'f', 1, 'individual', 'en', 'webchat', now(), $3::jsonb)`;
      await client.query(insert, ['with-hint', 'R1', JSON.stringify([{ questionId: 'q', kind: 'email', start: 0, end: 3 }])]);
      await client.query(insert, ['without', 'R2', '[]']);
      await client.query(
        `INSERT INTO submission_answers (submission_id, question_id, question_index, question_text, answer) VALUES ('without', 'q', 1, 'Q', 'Older answer about heron nests')`,
      );
      await migrate(client, 'pglite', APP_MIGRATIONS);
      const found = await client.query<{ id: string }>(`SELECT id FROM submissions WHERE search_document @@ websearch_to_tsquery('simple', 'heron')`);
      expect(found.rows).toEqual([{ id: 'without' }]);
      const flags = await client.query<{ submission_id: string; flag: string }>('SELECT submission_id, flag FROM submission_flags');
      expect(flags.rows).toEqual([{ submission_id: 'with-hint', flag: 'pii-suspected' }]);
    } finally {
      await client.close();
    }
  });
});

describe('moderation dependencies', () => {
  it('imports no adapter and no platform SDK', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const root = join(process.cwd(), 'src', 'moderation');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(join(root, file), 'utf8');
      expect(text, file).not.toMatch(/from '(\.\.\/)+adapters\/|@slack\/|botbuilder|@microsoft\//);
    }
  });
});
