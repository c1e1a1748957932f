import { expect } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { actionIds, allText, receiptOf, WebchatClient } from '../support/webchat-client.js';

export const ANSWERS = {
  q1a: 'Racial equity means survivors of color get the same protection and services. Lantern-7731 marker.',
  q1b: 'Labor trafficking cases in agriculture are often overlooked. Second paragraph marker Heron-4410.',
  q3: 'Agencies should share disaggregated data with community researchers. Marker Juniper-2290.',
  q5: 'Pay community partners for their time in listening sessions. Marker Osprey-8812.',
  email: 'partner.contact+rfi@example.org',
  organization: 'Harbor Light Survivor Network',
};

/**
 * Answers the whole RFI through the web chat HTTP API, the way a partner does: buttons where offered,
 * typed commands elsewhere. Returns the receipt after checking the submission in the comment store.
 */
export async function answerWholeRfi(app: RunningApp): Promise<{ receipt: string; client: WebchatClient }> {
  const client = new WebchatClient(app.url);
  const intro = await client.start();
  expect(actionIds(intro)).toContain('agree');
  expect(actionIds(intro)).toContain('language es');

  await client.press('agree');
  await client.send(ANSWERS.organization);
  await client.send('1');
  await client.send(ANSWERS.email);
  expect((await client.state()).step).toBe('question:1');

  const ack = await client.send(ANSWERS.q1a);
  expect(allText(ack)).toContain(String(ANSWERS.q1a.length));
  await client.send(ANSWERS.q1b);
  const q2 = await client.press('next');
  expect(allText(q2)).toMatch(/Question 2 of 5/);
  await client.send('skip');
  await client.send(ANSWERS.q3);
  await client.send('NEXT');
  await client.press('skip');
  await client.send(ANSWERS.q5);
  const review = await client.send('review');
  expect(actionIds(review)).toContain('submit');
  const reviewText = allText(review);
  expect(reviewText).toContain(ANSWERS.q3);

  const submitted = await client.press('submit');
  const receipt = receiptOf(submitted);
  expect(receipt).toMatch(/^RFI-[0-9A-Z-]+$/);
  expect((await client.state()).receipt).toBe(receipt);
  return { receipt: receipt as string, client };
}

export async function expectStoredSubmission(app: RunningApp, receipt: string): Promise<void> {
  const stored = await app.commentStore.getByReceipt(receipt);
  expect(stored).not.toBeNull();
  if (!stored) return;
  expect(stored.channel).toBe('webchat');
  expect(stored.organization).toBe(ANSWERS.organization);
  expect(stored.respondentType).toBe(app.flow.respondentTypes[0]?.id);
  expect(stored.language).toBe('en');
  expect(stored.flowId).toBe(app.flow.id);
  expect(stored.answers.map((answer) => answer.answer)).toEqual([
    `${ANSWERS.q1a}\n\n${ANSWERS.q1b}`,
    null,
    ANSWERS.q3,
    null,
    ANSWERS.q5,
  ]);
  expect(stored.answers.map((answer) => answer.question)).toEqual(app.flow.questions.map((question) => question.text.en));
  expect(JSON.stringify(stored)).not.toContain(ANSWERS.email);
  const contact = await app.commentStore.getPrivateContact(stored.id);
  expect(contact?.contactEmail).toBe(ANSWERS.email);
}
