import { describe, expect, it } from 'vitest';
import { escapeMarkdown, MAX_CARD_BYTES, renderTurn } from '../../adapters/teams/render.js';
import { inputModeFor } from '../../src/dispatcher/view.js';
import type { Reply } from '../../src/core/types.js';

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
const textOf = (card: ReturnType<typeof renderTurn>['card']) =>
  card.body.filter((element) => element.type === 'TextBlock').map((element) => String(element.text));

describe('Teams Adaptive Card rendering', () => {
  it('one card per turn: all texts, the last reply\'s buttons as Action.Submit { action }, an input box when the step takes text', () => {
    const replies: Reply[] = [
      { text: 'Thank you. Organization: Harbor Light' },
      { text: 'Question 1 of 5\n\nWhat does racial equity mean?\n\n29 days left to send your comment.', actions: [{ id: 'skip', label: 'Skip' }, { id: 'help', label: 'Help' }], progress: { index: 1, total: 5 } },
    ];
    const { card, shortened } = renderTurn(replies, { language: 'en', inputMode: inputModeFor('question'), maxAnswerChars: 20000 });
    expect(shortened).toBe(false);
    expect(textOf(card).map(unescape)).toEqual(['Thank you. Organization: Harbor Light', 'Question 1 of 5', 'What does racial equity mean?', '29 days left to send your comment.']);
    const input = card.body.find((element) => element.type === 'Input.Text');
    expect(input).toMatchObject({ id: 'answer', isMultiline: true, maxLength: 20000 });
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Save', data: {} },
      { type: 'Action.Submit', title: 'Skip', data: { action: 'skip' } },
      { type: 'Action.Submit', title: 'Help', data: { action: 'help' } },
    ]);
  });

  it('speaks the partner\'s language on its own labels', () => {
    const { card } = renderTurn([{ text: 'Pregunta 1 de 5' }], { language: 'es', inputMode: 'answer', maxAnswerChars: 100 });
    expect(card.actions?.[0]?.title).toBe('Guardar');
    expect(card.body.find((element) => element.type === 'Input.Text')?.label).toBe('Su respuesta');
    expect(inputModeFor('review')).toBe('none');
  });

  it('escapes markdown so partner text cannot make links, emphasis, headings, lists or mentions', () => {
    const cases: Array<[string, string]> = [
      ['[click](https://evil.example)', '\\[click\\]\\(https\\://evil.example\\)'],
      ['**bold** _it_ ~~s~~ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\`'],
      ['# Heading', '\\# Heading'],
      ['- item', '\\- item'],
      ['1. item', '1\\. item'],
      ['<at>Boss</at>', '\\<at\\>Boss\\</at\\>'],
      ['see www.evil.example', 'see www\\.evil.example'],
      ['back\\slash', 'back\\\\slash'],
      ['Plain sentence, with commas: fine.', 'Plain sentence, with commas: fine.'],
    ];
    for (const [input, expected] of cases) {
      expect(escapeMarkdown(input), input).toBe(expected);
      expect(unescape(escapeMarkdown(input)), input).toBe(input);
    }
  });

  it('a long plain reply fits the card limit: long paragraphs shortened with a note, short ones whole', () => {
    const long = (n: number) => `Answer ${n}: ${'Agencies must fund survivor-led groups fairly. '.repeat(420)}`;
    const text = [1, 2, 3, 4, 5].map((n) => `Question ${n}: A question?\n\n${long(n)}`).join('\n\n');
    const reply: Reply = { text, actions: [{ id: 'submit', label: 'Send my comment' }, { id: 'edit 1', label: 'Edit question 1' }] };
    const rendered = renderTurn([reply], { language: 'en', inputMode: 'none', maxAnswerChars: 20000 });
    expect(Buffer.byteLength(JSON.stringify(rendered.card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(rendered.shortened).toBe(true);
    const blocks = textOf(rendered.card).map(unescape);
    for (let n = 1; n <= 5; n += 1) {
      expect(blocks).toContain(`Question ${n}: A question?`);
      expect(blocks.some((block) => block.startsWith(`Answer ${n}: Agencies`) && block.endsWith('…'))).toBe(true);
    }
    expect(blocks.at(-1)).toContain('Nothing was cut from what is saved');
    expect(rendered.card.actions?.map((action) => (action.data as { action?: string }).action)).toEqual(['submit', 'edit 1']);
  });

  it('never splits a surrogate pair when shortening', () => {
    const rendered = renderTurn([{ text: '😀'.repeat(20000) }], { language: 'en', inputMode: 'none', maxAnswerChars: 100 });
    expect(rendered.bytes).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(String(rendered.card.body[0]?.text)).toMatch(/^(😀)+…$/u);
  });
});
