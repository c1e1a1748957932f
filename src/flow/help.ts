import type { Reply } from '../core/types.js';
import type { Catalog } from '../i18n/catalog.js';
import { currentPrompt } from './prompts.js';
import type { Session, Step } from './session.js';
import { catalogOf, joinParagraphs, type TurnEnv } from './turn.js';

type HelpCommand = keyof Catalog['helpCommands'];

/** Only the commands that do something on each step, so the list stays short. */
const COMMANDS_BY_STEP: Readonly<Record<Step, readonly HelpCommand[]>> = {
  intro: ['agree', 'language', 'status', 'reminders'],
  organization: ['anonymous', 'next', 'back', 'status', 'cancel', 'language'],
  respondentType: ['next', 'back', 'status', 'cancel', 'language'],
  contactEmail: ['skip', 'next', 'back', 'status', 'cancel', 'language'],
  question: ['next', 'skip', 'back', 'review', 'edit', 'clear', 'status', 'cancel', 'reminders', 'language'],
  review: ['submit', 'edit', 'back', 'status', 'cancel', 'reminders', 'language'],
  submitted: ['copy', 'status', 'withdraw', 'language'],
};

/** The flow's own help for this step (kind words about what to write), in the session's language. */
function stepHelp(env: TurnEnv, session: Session): string {
  const lang = session.language;
  const help = env.flow.help;
  switch (session.step) {
    case 'intro':
      return help.intro[lang];
    case 'organization':
      return help.organization[lang];
    case 'respondentType':
      return help.respondentType[lang];
    case 'contactEmail':
      return help.contactEmail[lang];
    case 'question':
      return env.flow.questions[session.questionIndex]?.help[lang] ?? '';
    case 'review':
      return help.review[lang];
    case 'submitted':
      return catalogOf(session).afterSubmissionNavigation(session.submission?.receipt ?? '');
  }
}

export function helpReply(env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const commands = COMMANDS_BY_STEP[session.step].map((name) => c.helpCommands[name]);
  const prompt = currentPrompt(env, session);
  return {
    text: joinParagraphs([stepHelp(env, session), `${c.helpHeading}\n${commands.join('\n')}`, c.helpAnytime]),
    ...(prompt.actions ? { actions: prompt.actions } : {}),
    ...(prompt.progress ? { progress: prompt.progress } : {}),
  };
}
