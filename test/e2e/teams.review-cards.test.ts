import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import type { Language } from '../../src/core/types.js';
import { teamsCardProblems } from '../support/teams-card-validation.js';
import { cardOf, startTeamsHarness, type Card, type TeamsHarness } from './teams-harness.js';

/**
 * Issue 19 in Teams, through the real adapter (JWT validation on, fake Bot Connector recording the cards):
 * a review with one 7,000-character answer and four short ones shows the start of all five, the
 * warning first, within Teams' host config; the respondent type and "edit N" come from pick lists; the
 * receipt says what really happens; `copy` sends the whole text back over several cards. Every card the
 * bot sent in the conversation passes Microsoft's `adaptivecards` validator with Teams' host config.
 */
const LONG = `Marker-Longstart: federal programs must listen to survivor-led groups of color. ${'Funding rules shut out small community groups, and the reporting they ask for costs more than the grant. '.repeat(70)}`.slice(0, 7000);
const SHORT = ['Marker-Second: hire survivors as paid consultants.', 'Marker-Third: write to us at harbor.light@example.org.', 'Marker-Fourth: fund language access.', 'Marker-Fifth: meet communities where they are.'];
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe.each<Language>(['en', 'es'])('Teams review and receipt cards (%s)', (language) => {
  let h: TeamsHarness;
  const c = t(language);
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  it('shows all five answers at review, within the host config, and sends a whole copy after the truthful receipt', async () => {
    const partner = h.partner({ locale: language === 'es' ? 'es-US' : 'en-US' });
    const intro = await partner.say(partner.install());
    expect(intro.text).toContain(c.introLanguageOffer);
    await partner.say(partner.submit({ action: 'agree' }));
    const types = await partner.say(partner.submit({ answer: 'Harbor Light' }));
    // Nine respondent-type buttons no longer: one pick list and a Choose button.
    expect(types.choices).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect((types.raw.actions as unknown[]).length).toBeLessThanOrEqual(6);
    const chooseTitle = (types.raw.actions as Array<{ title: string; data: Record<string, unknown> }>)[0];
    expect(chooseTitle).toMatchObject({ title: c.teamsCard.choose, data: {} });
    // Teams sends the list's value with the Choose button's (empty) data.
    const email = await partner.say(partner.submit({ ...chooseTitle?.data, choice: '2' }));
    expect(email.text).toContain(c.respondentTypeSaved(''));
    await partner.say(partner.submit({ action: 'skip' }));
    await partner.say(partner.submit({ answer: LONG, action: 'next' }));
    for (const answer of SHORT) await partner.say(partner.submit({ answer, action: 'next' }));

    const review = await partner.say(partner.message(language === 'es' ? 'revisar' : 'review'));
    // The start of every answer, each under its question's wording.
    // (7,000 characters fit the card whole; longer answers are shortened by answer, see teams.cards.test.ts.)
    expect(review.text).toContain(LONG.trimEnd());
    for (const answer of SHORT) expect(review.text).toContain(answer);
    expect(review.bytes).toBeLessThan(24 * 1024);
    // The personal-information warning comes first, naming question 3, with the icon beside the words.
    const warningAt = review.text.indexOf(c.reviewPiiTitle);
    expect(warningAt).toBeGreaterThan(-1);
    expect(warningAt).toBeLessThan(review.text.indexOf(c.reviewQuestion('1', '')));
    expect(review.text).toContain(`⚠ ${c.reviewPiiTitle}`);
    expect(review.text).toContain(c.reviewPiiLine('3', c.piiKinds.email));
    // One primary "Send my comment", "Edit an answer" as a pick list, "Discard draft" plain.
    const top = review.raw.actions as Array<{ type: string; title: string; style?: string }>;
    expect(top.map((action) => action.title)).toEqual([c.actions.submit, c.reviewEditAnswer, c.actions.cancel]);
    expect(top[0]?.style).toBe('positive');
    expect(top[2]?.style).toBeUndefined();
    expect(review.choices).toEqual(['edit 1', 'edit 2', 'edit 3', 'edit 4', 'edit 5']);

    // The "edit N" pick list opens that question, like typing it.
    const q2 = await partner.say(partner.submit({ choice: 'edit 2' }));
    expect(q2.text).toContain(c.questionHeading('2', '5'));
    await partner.say(partner.submit({ action: 'next' }));

    const receipt = await partner.say(partner.submit({ action: 'submit' }));
    expect(receipt.text).toContain(c.receiptReceived(c.receiptNext.off, '').split('\n')[0] as string);
    // No forwarding is configured in this harness: the receipt says so rather than "sent to the docket".
    expect(receipt.text).toContain(c.receiptNext.off);
    expect(receipt.actions).toContain('copy');

    const before = h.connector.delivered(partner.conversationId).length;
    // The bot answers the request after its cards are sent, so they are all recorded by now.
    expect((await partner.post(partner.message(language === 'es' ? 'copia' : 'copy'))).status).toBe(200);
    const copyCards = h.connector.delivered(partner.conversationId).slice(before).map(cardOf);
    const copy = squash(copyCards.map((card: Card) => card.text).join('\n'));
    expect(copy).toContain(squash(LONG));
    for (const answer of SHORT) expect(copy).toContain(answer);

    // Every card of the conversation, as Teams would check it.
    const all = h.connector.delivered(partner.conversationId).map(cardOf);
    expect(all.length).toBeGreaterThan(12);
    for (const card of all) expect(teamsCardProblems(card.raw), card.text.slice(0, 80)).toEqual([]);
  });
});
