import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/core/types.js';
import { t } from '../../src/i18n/catalog.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { dmEvent } from '../fixtures/slack/payloads.js';
import { buttonFor, startSlackApp } from '../fixtures/slack/harness.js';
import { blockAction } from '../fixtures/slack/payloads.js';

/**
 * Issue 19 in Slack, through the real adapter (signed requests, fake Slack Web API recording every
 * chat.postMessage): a review with one 7,000-character answer and four short ones shows the start of
 * all five, the warning first; the receipt says what really happens; `copy` sends the whole text back;
 * every message of the conversation stays within Block Kit's limits, fallback text included.
 */
const LONG = `Marker-Longstart: federal programs must listen to survivor-led groups of color & their allies. ${'Funding rules shut out small community groups <and> the reporting they ask for costs more than the grant & more. '.repeat(70)}`.slice(0, 7000);
const SHORT = ['Marker-Second: hire survivors as paid consultants.', 'Marker-Third: write to us at harbor.light@example.org.', 'Marker-Fourth: fund language access.', 'Marker-Fifth: meet communities where they are.'];
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe.each<Language>(['en', 'es'])('Slack review and receipt messages (%s)', (language) => {
  let harness: Awaited<ReturnType<typeof startSlackApp>>;
  const c = t(language);
  beforeAll(async () => {
    harness = await startSlackApp();
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  it('shows all five answers at review within Block Kit limits, and sends a whole copy after the truthful receipt', async () => {
    const { client, slackApi } = harness;
    const user = `ULONG${language.toUpperCase()}`;
    const dm = (text: string) => client.expectReplies(() => client.sendEvent(dmEvent(user, text)));
    const start = slackApi.posts().length;
    await dm('hello');
    if (language === 'es') await dm('idioma es');
    await dm(language === 'es' ? 'acepto' : 'agree');
    await dm('Harbor Light');
    await dm('2');
    await dm(language === 'es' ? 'omitir' : 'skip');
    for (const answer of [LONG, ...SHORT]) {
      // Slack delivers what the partner typed with &, < and > escaped.
      await dm(esc(answer));
      await dm(language === 'es' ? 'siguiente' : 'next');
    }
    const review = await dm(language === 'es' ? 'revisar' : 'review');
    const text = review.map((post) => post.text).join('\n');
    expect(text).toContain(esc(LONG.slice(0, 200)));
    for (const answer of SHORT) expect(text).toContain(esc(answer));
    // The long answer is shortened in its section, saying so with how to read it whole.
    expect(text).toContain(esc(c.typedEdit('1')));
    expect(text).toMatch(new RegExp(c.reviewShortened('X', 'Y', 'Z').split('X')[0] as string));
    // The warning first, with the icon beside its words, naming question 3.
    expect(text.indexOf(c.reviewPiiTitle)).toBeGreaterThan(-1);
    expect(text.indexOf(c.reviewPiiTitle)).toBeLessThan(text.indexOf(c.reviewQuestion('1', '')));
    expect(text).toContain(`:warning: *${c.reviewPiiTitle}*`);
    // Question wording in bold, apart from its answer.
    expect(text).toContain(`*${c.reviewQuestion('2', '')}`);
    const buttons = review.flatMap((post) => post.blocks.filter((block) => block.type === 'actions').flatMap((block) => block.elements as Array<{ value: string; style?: string; text: { text: string } }>));
    expect(buttons.find((button) => button.value === 'submit')).toMatchObject({ style: 'primary', text: { text: c.actions.submit } });
    expect(buttons.find((button) => button.value === 'cancel')?.style).toBeUndefined();

    const receipt = await client.expectReplies(() => client.sendInteraction(blockAction(user, buttonFor(review, 'submit').action_id, 'submit')));
    const receiptText = receipt.map((post) => post.text).join('\n');
    expect(receiptText).toMatch(/RFI-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(receiptText).toContain(esc(c.receiptNext.off));

    const copy = await dm(language === 'es' ? 'copia' : 'copy');
    const copyText = squash(copy.map((post) => post.text).join('\n'));
    expect(copyText).toContain(squash(esc(LONG)));
    for (const answer of SHORT) expect(copyText).toContain(esc(answer));

    // Every message the bot sent in this conversation, against Slack's limits.
    const sent = slackApi.callsTo('chat.postMessage').slice(start).filter((call) => call.outcome === 'ok');
    const all = slackApi.posts().slice(start);
    expect(sent.length).toBe(all.length);
    for (const [index, post] of all.entries()) {
      const fallback = String(sent[index]?.body.text ?? '');
      expect(blockKitProblems({ text: fallback, blocks: post.blocks }), post.text.slice(0, 60)).toEqual([]);
    }
  });
});
