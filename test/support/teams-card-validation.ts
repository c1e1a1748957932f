import { createRequire } from 'node:module';

/**
 * Checks an Adaptive Card the way Teams will treat it, with Microsoft's own `adaptivecards` library
 * (parse + validateProperties) and the Teams host config, plus the limits Teams adds around the card.
 *
 * The host config values are Teams' (the "microsoft-teams-light" host config Microsoft publishes with its
 * Adaptive Cards designer): interactive, at most 6 actions per action set, horizontal. Teams renders
 * schema version 1.5 and refuses messages over about 28 KB.
 *
 * The library's ESM build imports files without extensions, which Node refuses; its UMD build is the
 * same code, so that is what is loaded.
 */
interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    hostConfig: unknown;
    parse(json: unknown, context?: unknown): void;
    validateProperties(): { validationEvents: Array<{ phase: number; event: number; message: string }> };
  };
  HostConfig: new (json: unknown) => unknown;
  SerializationContext: new (targetVersion?: unknown) => { eventCount: number; getEventAt(index: number): { phase: number; event: number; message: string } };
  Version: { parse(text: string, context: unknown): unknown };
  ValidationEvent: Record<number, string>;
}

const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

export const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  actions: { maxActions: 6, actionsOrientation: 'Horizontal', actionAlignment: 'Left', showCard: { actionMode: 'Inline' } },
};
export const TEAMS_MAX_CARD_VERSION = '1.5';
export const TEAMS_MAX_MESSAGE_BYTES = 28 * 1024;

/** Every problem found, as "EventName: message"; an empty list means Teams shows the card as sent. */
export function teamsCardProblems(card: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = new AC.HostConfig(TEAMS_HOST_CONFIG);
  parsed.parse(card, context);
  for (let index = 0; index < context.eventCount; index += 1) {
    const event = context.getEventAt(index);
    problems.push(`${AC.ValidationEvent[event.event] ?? event.event}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) problems.push(`${AC.ValidationEvent[event.event] ?? event.event}: ${event.message}`);
  const version = String(card.version ?? '');
  if (!/^1\.[0-5]$/.test(version)) problems.push(`Version: ${version} is above Teams' ${TEAMS_MAX_CARD_VERSION}`);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes >= TEAMS_MAX_MESSAGE_BYTES) problems.push(`Size: ${bytes} bytes, Teams refuses ${TEAMS_MAX_MESSAGE_BYTES}`);
  problems.push(...actionCountProblems(card));
  return problems;
}

/** Our own count too (every action set, including the cards inside Action.ShowCard), not only the library's. */
function actionCountProblems(card: Record<string, unknown>, path = 'card'): string[] {
  const actions = Array.isArray(card.actions) ? (card.actions as Array<Record<string, unknown>>) : [];
  const problems = actions.length > TEAMS_HOST_CONFIG.actions.maxActions ? [`TooManyActions: ${path} has ${actions.length}`] : [];
  actions.forEach((action, index) => {
    if (action.type === 'Action.ShowCard' && typeof action.card === 'object' && action.card !== null) {
      problems.push(...actionCountProblems(action.card as Record<string, unknown>, `${path}.actions[${index}]`));
    }
  });
  return problems;
}
