import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseActivity } from '../../adapters/teams/parse.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/teams/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

const KEY = { channel: 'teams', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', userId: '6c1b7a5e-59b4-4a4a-9d0c-1f7c3a2b9e10' };

describe('Teams activity parsing (recorded payload shapes)', () => {
  it('a typed message: text input, delivery id = activity id, AAD object id as user, time zone, locale and the 29: id for the roster', () => {
    const parsed = parseActivity(fixture('message'));
    expect(parsed.kind).toBe('turn');
    if (parsed.kind !== 'turn') return;
    expect(parsed.key).toEqual(KEY);
    expect(parsed.isInvoke).toBe(false);
    expect(parsed.events).toEqual([
      { key: KEY, deliveryId: '1764342706602', input: { kind: 'text', text: 'Our org works with survivors in Houston.' }, profile: { timeZone: 'America/Chicago', locale: 'es-MX', platformUserId: '29:1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT' } },
    ]);
    expect(parsed.reference).toMatchObject({
      conversationId: 'a:1Xy9Zz_personal-conversation-id',
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      botId: '28:00000000-0000-4000-8000-00000000b071',
      userChannelId: '29:1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT',
      timeZone: 'America/Chicago',
    });
  });

  it('a card submit with text in the box and a button: the text first, then the action, each with its own delivery id', () => {
    const parsed = parseActivity(fixture('submit'));
    if (parsed.kind !== 'turn') throw new Error(parsed.kind);
    expect(parsed.events.map((event) => [event.deliveryId, event.input])).toEqual([
      ['1764342706700', { kind: 'text', text: 'Typed in the card box.' }],
      ['1764342706700#2', { kind: 'action', actionId: 'next' }],
    ]);
  });

  it('Action.Execute (invoke adaptiveCard/action): the verb is the command', () => {
    const parsed = parseActivity(fixture('invoke-execute'));
    if (parsed.kind !== 'turn') throw new Error(parsed.kind);
    expect(parsed.isInvoke).toBe(true);
    expect(parsed.events.map((event) => event.input)).toEqual([{ kind: 'action', actionId: 'review' }]);
  });

  it('removes only the bot\'s own @mention from the text', () => {
    const parsed = parseActivity(fixture('mention'));
    if (parsed.kind !== 'turn') throw new Error(parsed.kind);
    expect(parsed.events[0]?.input).toEqual({ kind: 'text', text: 'status <at>Not the bot</at>' });
  });

  it('installing the app starts the conversation; other member changes are ignored', () => {
    const installed = parseActivity(fixture('conversation-update-bot-added'));
    if (installed.kind !== 'turn') throw new Error(installed.kind);
    expect(installed.events.map((event) => event.input)).toEqual([{ kind: 'start' }]);
    expect(parseActivity(fixture('conversation-update-user-added')).kind).toBe('ignored');
    const added = parseActivity(fixture('installation-update-add'));
    expect(added.kind === 'turn' && added.events[0]?.input).toEqual({ kind: 'start' });
    expect(parseActivity(fixture('installation-update-remove')).kind).toBe('app-removed');
    // An app upgrade is neither a removal nor a new install.
    expect(parseActivity({ ...fixture('installation-update-remove'), action: 'remove-upgrade' }).kind).toBe('ignored');
    expect(parseActivity({ ...fixture('installation-update-add'), action: 'add-upgrade' }).kind).toBe('ignored');
    // Both install events of one installation share a delivery id: one intro.
    const viaUpdate = parseActivity({ ...fixture('conversation-update-bot-added'), timestamp: '2026-11-28T15:11:46.1Z' });
    const viaInstall = parseActivity({ ...fixture('installation-update-add'), timestamp: '2026-11-28T15:11:47.9Z' });
    expect(viaUpdate.kind === 'turn' && viaUpdate.events[0]?.deliveryId).toBe(viaInstall.kind === 'turn' && viaInstall.events[0]?.deliveryId);
  });

  it('ignores what it cannot use, without throwing', () => {
    const message = fixture('message');
    expect(parseActivity(null).kind).toBe('ignored');
    expect(parseActivity({ ...message, type: 'typing' }).kind).toBe('ignored');
    expect(parseActivity({ ...message, from: undefined }).kind).toBe('ignored');
    expect(parseActivity({ ...message, id: 'x'.repeat(600) }).kind).toBe('ignored');
    // An invalid time zone is dropped, not stored.
    const parsed = parseActivity({ ...message, localTimezone: 'Mars/Olympus', entities: [] });
    expect(parsed.kind === 'turn' && parsed.reference.timeZone).toBeUndefined();
    // The emulator sends no tenant.
    const emulator = parseActivity({ ...message, conversation: { id: 'c1' }, channelData: {} });
    expect(emulator.kind === 'turn' && emulator.key.tenantId).toBe('no-tenant');
  });
});
