import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';

/**
 * Slack's documented Block Kit limits for a chat.postMessage, checked on what the bot really sent (the
 * fake Slack API's record). The shapes are @slack/types' own; the numbers are from Slack's reference:
 * 50 blocks a message, 3,000 characters of section text, 150 of header text, 10 context elements,
 * 25 elements in an actions block, 75 characters of button text and 2,000 of its value, 255 of an
 * action_id; the top-level `text` at most 40,000 (ours is kept under 3,000), properly escaped.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionTextChars: 3000,
  headerTextChars: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonTextChars: 75,
  buttonValueChars: 2000,
  actionIdChars: 255,
  messageTextChars: 40_000,
} as const;

const KNOWN_TYPES = new Set<KnownBlock['type']>(['section', 'actions', 'context', 'header', 'divider']);

/** An "&" that does not start &amp; &lt; &gt; is text cut inside an escape (or never escaped). */
const BARE_AMPERSAND = /&(?!amp;|lt;|gt;)/;

export function blockKitProblems(message: { text: string; blocks: Array<Record<string, unknown>> }): string[] {
  const problems: string[] = [];
  const length = (text: string) => [...text].length;
  if (message.blocks.length > SLACK_LIMITS.blocksPerMessage) problems.push(`${message.blocks.length} blocks`);
  if (length(message.text) > SLACK_LIMITS.messageTextChars) problems.push('text too long');
  if (message.text.trim() === '') problems.push('empty fallback text');
  if (BARE_AMPERSAND.test(message.text)) problems.push(`fallback text has a bare &: …${message.text.slice(-20)}`);
  message.blocks.forEach((raw, index) => {
    const type = raw.type as KnownBlock['type'];
    if (!KNOWN_TYPES.has(type)) problems.push(`block ${index}: unexpected type ${String(type)}`);
    if (type === 'section') {
      const block = raw as unknown as SectionBlock;
      const text = block.text?.text ?? '';
      if (length(text) > SLACK_LIMITS.sectionTextChars) problems.push(`block ${index}: section text ${length(text)} chars`);
      if (text.trim() === '') problems.push(`block ${index}: empty section`);
      if (BARE_AMPERSAND.test(text)) problems.push(`block ${index}: bare &`);
    }
    if (type === 'header') {
      const block = raw as unknown as HeaderBlock;
      if (length(block.text.text) > SLACK_LIMITS.headerTextChars) problems.push(`block ${index}: header too long`);
    }
    if (type === 'context') {
      const block = raw as unknown as ContextBlock;
      if (block.elements.length > SLACK_LIMITS.contextElements) problems.push(`block ${index}: ${block.elements.length} context elements`);
    }
    if (type === 'actions') {
      const block = raw as unknown as ActionsBlock;
      if (block.elements.length > SLACK_LIMITS.actionsElements) problems.push(`block ${index}: ${block.elements.length} buttons`);
      for (const element of block.elements) {
        const button = element as Button;
        if (button.type !== 'button') continue;
        if (length(button.text.text) > SLACK_LIMITS.buttonTextChars) problems.push(`block ${index}: button text "${button.text.text}"`);
        if ((button.value ?? '').length > SLACK_LIMITS.buttonValueChars) problems.push(`block ${index}: button value too long`);
        if ((button.action_id ?? '').length > SLACK_LIMITS.actionIdChars) problems.push(`block ${index}: action_id too long`);
      }
    }
  });
  return problems;
}
