import { describe, expect, it } from 'vitest';
import {
  joinInputParts,
  parseBlockAction,
  parseMessageEvent,
  parseSlashCommand,
  parseViewSubmission,
  slackTextToPlain,
} from '../../adapters/slack/parse.js';
import { escapeMrkdwn, renderEditModal, renderReplies, splitEscaped, splitForInputs } from '../../adapters/slack/render.js';
import { verifySignedRequest } from '../../adapters/slack/verify.js';
import { slackEn, slackEs } from '../../src/i18n/catalog.slack.js';
import { blockAction, dmEvent, editEvent, viewSubmission } from '../fixtures/slack/payloads.js';

describe('slack parse', () => {
  it('turns Slack message text into the partner\'s plain words', () => {
    const cases: Array<[string, string]> = [
      ['A &amp; B &lt; C &gt; D', 'A & B < C > D'],
      ['&lt;!channel&gt; literally', '<!channel> literally'],
      ['hey <!channel> and <!here>', 'hey @channel and @here'],
      ['ask <@U123> or <@U456|maria>', 'ask @U123 or @maria'],
      ['see <#C123|general>', 'see #general'],
      ['visit <http://example.org|example.org>', 'visit example.org'],
      ['visit <https://example.org/x>', 'visit https://example.org/x'],
      ['<http://evil.example|click here>', 'click here (http://evil.example)'],
      ['write <mailto:a@example.org|a@example.org>', 'write a@example.org'],
      ['&amp;lt; stays', '&lt; stays'],
    ];
    for (const [slack, plain] of cases) expect(slackTextToPlain(slack), slack).toBe(plain);
  });

  it('parses a DM into a text turn keyed by team and user, with the event id as delivery id', () => {
    const event = dmEvent('U1', 'hello &amp; welcome', { eventId: 'Ev123' });
    expect(parseMessageEvent(event)).toEqual({
      kind: 'turn',
      key: { channel: 'slack', tenantId: 'T0001', userId: 'U1' },
      deliveryId: 'event:Ev123',
      input: { kind: 'text', text: 'hello & welcome' },
      replyChannel: 'DU1',
    });
  });

  it('ignores bot messages, subtypes, channels and empty text', () => {
    const variants: Array<(event: Record<string, unknown>) => void> = [
      (event) => (event.bot_id = 'B1'),
      (event) => (event.subtype = 'bot_message'),
      (event) => (event.subtype = 'channel_join'),
      (event) => (event.subtype = 'message_deleted'),
      (event) => (event.channel_type = 'channel'),
      (event) => (event.text = '   '),
      (event) => delete event.user,
    ];
    for (const change of variants) {
      const payload = dmEvent('U1', 'hello');
      change(payload.event as Record<string, unknown>);
      expect(parseMessageEvent(payload).kind).toBe('ignore');
    }
    expect(parseMessageEvent({ nonsense: true }).kind).toBe('ignore');
    expect(parseMessageEvent(null).kind).toBe('ignore');
  });

  it('parses the partner editing a message, and ignores edits by others or with the same text', () => {
    const edit = parseMessageEvent(editEvent('U1', 'old &amp; text', 'new text'));
    expect(edit).toMatchObject({ kind: 'turn', input: { kind: 'reviseMessage', previousText: 'old & text', text: 'new text' } });
    const byBot = editEvent('U1', 'a', 'b');
    ((byBot.event as Record<string, Record<string, unknown>>).message as Record<string, unknown>).bot_id = 'B1';
    expect(parseMessageEvent(byBot).kind).toBe('ignore');
    expect(parseMessageEvent(editEvent('U1', 'same', 'same')).kind).toBe('ignore');
  });

  it('parses /rfi subcommands; anything else is help', () => {
    const form = (text: string, channel = 'DU1') => ({ team_id: 'T1', user_id: 'U1', channel_id: channel, text, trigger_id: 'trig1', command: '/rfi' });
    expect(parseSlashCommand(form(''))).toMatchObject({ kind: 'turn', input: { kind: 'start' }, replyChannel: 'DU1' });
    expect(parseSlashCommand(form('start', 'C1'))).toMatchObject({ kind: 'turn', input: { kind: 'start' }, replyChannel: 'U1' });
    expect(parseSlashCommand(form('status'))).toMatchObject({ input: { kind: 'action', actionId: 'status' } });
    expect(parseSlashCommand(form('help'))).toMatchObject({ input: { kind: 'action', actionId: 'help' } });
    expect(parseSlashCommand(form('language es'))).toMatchObject({ input: { kind: 'action', actionId: 'language es' } });
    expect(parseSlashCommand(form('idioma en'))).toMatchObject({ input: { kind: 'action', actionId: 'language en' } });
    expect(parseSlashCommand(form('submit'))).toMatchObject({ kind: 'help', inDm: true });
    expect(parseSlashCommand(form('language fr'))).toMatchObject({ kind: 'help', inDm: true });
  });

  it('parses button presses: the same delivery gives the same delivery id, another click another one', () => {
    const first = blockAction('U1', 'rfi_cmd_0', 'next', { actionTs: '1.1' });
    const a = parseBlockAction(first);
    const b = parseBlockAction(first);
    const c = parseBlockAction(blockAction('U1', 'rfi_cmd_0', 'next', { actionTs: '1.2' }));
    expect(a).toMatchObject({ kind: 'turn', input: { kind: 'action', actionId: 'next' } });
    expect(a.kind === 'turn' && b.kind === 'turn' && a.deliveryId === b.deliveryId).toBe(true);
    expect(a.kind === 'turn' && c.kind === 'turn' && a.deliveryId !== c.deliveryId).toBe(true);
    expect(parseBlockAction(blockAction('U1', 'rfi_edit_answer', '3'))).toMatchObject({ kind: 'openEditModal', questionNumber: 3 });
    expect(parseBlockAction(blockAction('U1', 'rfi_edit_answer', 'x')).kind).toBe('ignore');
    expect(parseBlockAction(blockAction('U1', 'someone_else', 'next')).kind).toBe('ignore');
  });
});

describe('slack render', () => {
  it('escapes everything it echoes so nothing pings or links', () => {
    const [message] = renderReplies([{ text: 'Answer: <!channel> <@U123> <http://evil|click> & more' }], { language: 'en' });
    const section = message?.blocks[0] as { text: { type: string; text: string } };
    expect(section.text.type).toBe('mrkdwn');
    expect(section.text.text).toBe('Answer: &lt;!channel&gt; &lt;@U123&gt; &lt;http://evil|click&gt; &amp; more');
    expect(message?.text).not.toMatch(/[<>]/);
  });

  it('renders every action as a button whose value is the typed command, plus Edit answer on a question', () => {
    const [message] = renderReplies(
      [{ text: 'Pregunta 2 de 5\n¿Qué…?', actions: [{ id: 'next', label: 'Next' }, { id: 'skip', label: 'Skip' }], progress: { index: 2, total: 5 } }],
      { language: 'es', editQuestionNumber: 2 },
    );
    const actions = message?.blocks.find((block) => block.type === 'actions') as { elements: Array<{ action_id: string; value: string; text: { text: string } }> };
    expect(actions.elements.map((element) => element.value)).toEqual(['next', 'skip', '2']);
    expect(new Set(actions.elements.map((element) => element.action_id)).size).toBe(3);
    expect(actions.elements[2]?.text.text).toBe(slackEs.editAnswerButton);
    // Progress is shown on answer acknowledgements, not repeated when the text already starts with it.
    expect(message?.blocks[0]).toMatchObject({ type: 'section' });
    const [ack] = renderReplies([{ text: 'Saved.', progress: { index: 2, total: 5 } }], { language: 'es', editQuestionNumber: 2 });
    expect(ack?.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Pregunta 2 de 5' }] });
    expect(ack?.text).toBe('Saved.');
  });

  it('splits long replies into sections of at most 3,000 characters and messages of at most 50 blocks', () => {
    const long = Array.from({ length: 60 }, (_, index) => `Paragraph ${index} ${'word & '.repeat(400)}`).join('\n\n');
    const messages = renderReplies([{ text: long, actions: [{ id: 'submit', label: 'Send' }] }], { language: 'en' });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const block of message.blocks) {
        if (block.type === 'section') expect((block.text as { text: string }).text.length).toBeLessThanOrEqual(3000);
      }
    }
    expect(messages.at(-1)?.blocks.at(-1)?.type).toBe('actions');
    expect(messages[0]?.blocks.some((block) => block.type === 'actions')).toBe(false);
    const joined = messages.flatMap((message) => message.blocks.filter((block) => block.type === 'section').map((block) => (block.text as { text: string }).text)).join(' ');
    expect(joined.replace(/\s+/g, ' ')).toBe(escapeMrkdwn(long).replace(/\s+/g, ' '));
  });

  it('splitEscaped never cuts an escape sequence', () => {
    for (const piece of splitEscaped('&'.repeat(5000), 3000)) expect(piece).toMatch(/^(&amp;)+$/);
  });

  it('splits long answers across modal inputs and joins them back exactly', () => {
    const samples = [
      '',
      'short answer',
      `${'a'.repeat(2990)} ${'b'.repeat(2990)}\n\n${'c'.repeat(2500)}\n${'d'.repeat(100)}`,
      'x'.repeat(7000),
      `${'word '.repeat(2000)}end`,
      `${'😀'.repeat(2000)}`,
    ];
    for (const text of samples) {
      const { parts, joins } = splitForInputs(text);
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(3000);
      expect(joinInputParts(parts, joins)).toBe(text);
    }
  });

  it('the edit modal round-trips a long answer through view_submission', () => {
    const answer = `${'First paragraph, rather long. '.repeat(150)}\n\n${'Second <b>&amp; one. '.repeat(120)}`;
    const view = renderEditModal({ language: 'en', questionNumber: 2, questionCount: 5, questionText: 'Q?', currentAnswer: answer, maxAnswerChars: 20000, replyChannel: 'D1' });
    const inputs = (view.blocks as Array<{ type: string; element?: { initial_value?: string; max_length?: number } }>).filter((block) => block.type === 'input');
    expect(inputs.length).toBeGreaterThan(2);
    expect(inputs.at(-1)?.element?.initial_value).toBeUndefined();
    const values = inputs.map((block) => block.element?.initial_value ?? '');
    const parsed = parseViewSubmission(viewSubmission('U1', view, values));
    expect(parsed).toMatchObject({ kind: 'replace', questionNumber: 2, text: answer, replyChannel: 'D1' });
    const added = parseViewSubmission(viewSubmission('U1', view, [...values.slice(0, -1), 'More.']));
    expect(added.kind === 'replace' && added.text).toBe(`${answer}\n\nMore.`);
  });

  it('Slack catalog has the same keys in English and Spanish', () => {
    expect(Object.keys(slackEs).sort()).toEqual(Object.keys(slackEn).sort());
    expect(slackEn.modalTitle.length).toBeLessThanOrEqual(24);
    expect(slackEs.modalTitle.length).toBeLessThanOrEqual(24);
  });
});

describe('slack verification (Bolt + future bound)', () => {
  const example = {
    signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
    rawBody:
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    timestamp: '1531420618',
  };
  it('accepts Slack\'s example at its time, within 5 minutes either way, and nothing beyond', () => {
    const at = (offsetSec: number) => verifySignedRequest({ ...example, nowMs: (1531420618 + offsetSec) * 1000 });
    expect(at(0)).toEqual({ ok: true });
    expect(at(299)).toEqual({ ok: true });
    expect(at(-299)).toEqual({ ok: true });
    expect(at(301)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(at(-301)).toEqual({ ok: false, reason: 'future-timestamp' });
    expect(verifySignedRequest({ ...example, rawBody: `${example.rawBody}x`, nowMs: 1531420618000 }).ok).toBe(false);
    expect(verifySignedRequest({ ...example, signature: undefined, nowMs: 1531420618000 })).toEqual({ ok: false, reason: 'missing-headers' });
    expect(verifySignedRequest({ ...example, timestamp: 'soon', nowMs: 1531420618000 })).toEqual({ ok: false, reason: 'missing-headers' });
  });
});

describe('Slack fallback text (issue 19)', () => {
  it('is cut before escaping, so it never ends inside an entity', async () => {
    const { fallbackText, renderReplies } = await import('../../adapters/slack/render.js');
    for (let pad = 0; pad < 6; pad += 1) {
      const raw = `${'x'.repeat(2890 + pad)}${'& '.repeat(40)}`;
      const text = fallbackText(raw);
      expect(text.length).toBeLessThanOrEqual(2900);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(text.endsWith('…')).toBe(true);
    }
    const [message] = renderReplies([{ text: `${'y'.repeat(2897)}&&&&&&&&` }], { language: 'en' });
    expect(message?.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });
});
