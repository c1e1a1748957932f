import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbuseLimitRules } from '../../src/http/abuse-limits.js';
import { startTeamsHarness, type TeamsHarness, type TeamsPartner } from './teams-harness.js';

/**
 * The submission limit on Teams: every activity comes from the Bot Connector's addresses, so the client
 * there is the Teams user (one user's submits never use up another's); the site-wide limit still holds,
 * and a partner over it is told kindly in the chat, with the draft left as it was.
 */
const roomy = { limit: 10_000, windowMs: 60_000 };
const rules: AbuseLimitRules = {
  session: { client: roomy, site: roomy },
  turn: { client: roomy, site: roomy },
  submission: { client: { limit: 1, windowMs: 600_000 }, site: { limit: 2, windowMs: 600_000 } },
};

describe('submission limits on Teams', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({}, { abuseLimits: rules });
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  async function toReview(partner: TeamsPartner, answer: string): Promise<void> {
    await partner.say(partner.install());
    await partner.say(partner.message('agree'));
    await partner.say(partner.message('anonymous'));
    await partner.say(partner.message('1'));
    await partner.say(partner.message('skip'));
    await partner.say(partner.message(answer));
    const review = await partner.say(partner.message('review'));
    expect(review.actions).toContain('submit');
  }

  it('counts per Teams user, and over the site-wide limit says so in the chat and keeps the draft', async () => {
    for (const answer of ['First partner answer.', 'Second partner answer.']) {
      const partner = h.partner();
      await toReview(partner, answer);
      expect((await partner.say(partner.message('submit'))).text).toMatch(/RFI-/);
    }
    const third = h.partner({ locale: 'es-ES' });
    await toReview(third, 'Tercera respuesta, que no debe perderse.');
    const refused = await third.say(third.message('enviar'));
    expect(refused.text).toMatch(/No se perdió nada de lo que escribió\. Inténtelo de nuevo en \d+ minutos?\./);
    expect((await h.app.dispatcher.view(third.key))?.stage).not.toBe('submitted');
    const session = await h.app.loadSession(third.key);
    expect(session?.step).toBe('review');
    expect(Object.values(session?.answers ?? {})).toContain('Tercera respuesta, que no debe perderse.');
  });
});
