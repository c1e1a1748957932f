/**
 * Everything the engine says, in English. Flow-specific text (questions, help per question, who is asking)
 * lives in the flow file in conversations/; this catalog holds the words of the conversation itself.
 *
 * Numbers and dates arrive already formatted for the language (the engine formats them), so these
 * functions only place them in a sentence. Typed commands are named in this language's words here; the
 * engine accepts the commands of both languages whatever the current one.
 *
 * Wording rules: plain, kind, short sentences; no emoji or colour carries meaning; no Markdown tables.
 */
export const en = {
  locale: 'en-US',

  // ── Intro ────────────────────────────────────────────────────────────────────────────────────────
  askedBy: (who: string) => `Asked by: ${who}`,
  deadlineLine: (date: string, daysLeft: string) => `Deadline for comments: ${date} (${daysLeft}).`,
  deadlinePassedLine: (date: string) => `The deadline for comments was ${date}. It has passed.`,
  daysLeft: (days: number, formatted: string) =>
    days <= 0 ? 'today is the last day' : days === 1 ? '1 day left' : `${formatted} days left`,
  beforeYouStart: 'Before you start, please read this:',
  publicRecord:
    'Your answers will be sent as public comments. They go on a federal docket, which is public record: anyone can read them.',
  noPersonalInfo:
    'Please do not include personal information about survivors or anyone else. That means no names, contact details, case details, Social Security numbers or medical information.',
  contentNote: 'A note on content: the questions are about human trafficking. You may skip any question.',
  introAfterDeadline:
    'You can still read the questions and write a draft, but comments can no longer be sent through this bot.',
  introHowToAgree: 'If you agree to go on, type agree.',
  introLanguageOffer: 'Para leer esto en español, escriba: idioma es',
  introNudge: 'To begin, please type agree. Para español, escriba: idioma es',
  welcomeBack: 'Welcome back. Here is where you left off.',
  flowUpdated:
    'The questionnaire was updated since your last message. Nothing you wrote was lost: questions that were reworded are marked, and answers to questions that were removed are kept at the review.',

  // ── Organization ─────────────────────────────────────────────────────────────────────────────────
  organizationPrompt: (maxChars: string) =>
    `What is the name of your organization? (Up to ${maxChars} characters.)\nIf you would rather not say, type anonymous.`,
  organizationCurrentNamed: (name: string) => `You told us: ${name}\nType a new name to change it, or next to keep it.`,
  organizationCurrentAnonymous: 'You chose to stay anonymous. Type a name to change that, or next to keep it.',
  organizationEmpty: 'The name was empty. Please type your organization\'s name, or anonymous.',
  organizationTooLong: (length: string, maxChars: string) =>
    `That name is ${length} characters long. Please keep it to ${maxChars} characters or fewer.`,
  organizationSaved: (name: string) => `Thank you. Organization: ${name}`,
  organizationAnonymous: 'Thank you. Your comment will be sent without an organization name.',
  organizationNeeded: 'Please type your organization\'s name first, or type anonymous.',

  // ── Respondent type ──────────────────────────────────────────────────────────────────────────────
  respondentTypePrompt: 'Which of these best describes you? Type the number or the name.',
  respondentTypeCurrent: (label: string) => `You chose: ${label}. Type another number to change it, or next to keep it.`,
  respondentTypeNotFound: (total: string) => `Sorry, I did not recognise that. Please type a number from 1 to ${total}, or the name.`,
  respondentTypeSaved: (label: string) => `Thank you. You are answering as: ${label}`,
  respondentTypeNeeded: 'Please choose one first. If none fits, choose Other.',

  // ── Contact email ────────────────────────────────────────────────────────────────────────────────
  contactEmailPrompt:
    'If you would like the team to be able to contact you about your comment, type your email address.\nIt is kept private and is not part of the public comment.\nIf you would rather not, type skip.',
  contactEmailCurrent: (email: string) => `You gave: ${email}. Type another address to change it, or next to keep it.`,
  contactEmailCurrentNone: 'You chose not to give an email. Type one to add it, or next to go on.',
  contactEmailSaved: 'Thank you. Your email is saved privately.',
  contactEmailSkipped: 'That is fine. No email will be kept.',
  contactEmailNeeded: 'Please type your email address, or type skip to leave it out.',
  emailInvalid: (reason: string) => `That does not look like an email address: ${reason}\nPlease try again, or type skip.`,
  emailReasons: {
    empty: 'the message was empty.',
    spaces: 'an email address has no spaces in it.',
    missingAt: 'it needs an @ sign, like name@example.org.',
    manyAt: 'it has more than one @ sign.',
    missingLocal: 'something is missing before the @ sign.',
    missingDomain: 'the part after the @ sign should look like example.org.',
    tooLong: 'it is too long for an email address.',
  },

  // ── Questions ────────────────────────────────────────────────────────────────────────────────────
  questionHeading: (n: string, total: string) => `Question ${n} of ${total}`,
  questionHowTo:
    'Write your answer in one message or several. Each message is added to your answer.\nWhen you are done, type next. To leave this question out, type skip. For ideas, type help.',
  questionHowToFromReview:
    'Each message you send is added to your answer. When you are done, type next to go back to the review.',
  questionExisting: (length: string) =>
    `Your answer so far (${length} characters) is below. New messages are added to the end. To start this answer over, type clear.`,
  questionReworded: 'This question was reworded after you answered it. Please check that your answer still fits.',
  answerSaved: (n: string, length: string) => `Saved. Your answer to question ${n} is now ${length} characters long.`,
  answerGoOn: 'You can send another message to add more, or type next to go on.',
  answerGoOnToReview: 'You can send another message to add more, or type next to go back to the review.',
  answerEmpty: 'That message was empty, so nothing was added.',
  answerReplaced: (n: string, length: string) => `Saved. Your answer to question ${n} was replaced. It is now ${length} characters long.`,
  revisionApplied: (n: string, length: string) => `Your edit was saved. Your answer to question ${n} is now ${length} characters long.`,
  revisionNotApplied:
    'You edited a message, but your saved answers did not change: an edit only changes your answer when it is to your last message on the open question. To change an answer, type edit and the question number (for example: edit 2).',
  answerTooLong: (n: string, wouldBe: string, limit: string, kept: string) =>
    `That message was not added. With it, your answer to question ${n} would be ${wouldBe} characters, and one answer can be at most ${limit} characters.\nWhat you saved before is unchanged (${kept} characters). You can send a shorter message instead.`,
  skippedQuestion: (n: string) => `Question ${n} skipped.`,
  skipKeptText: (n: string) =>
    `Question ${n} already has some text, so it stays in your answer. (To remove it, go back to the question and type clear.)`,
  clearConfirm: (n: string, length: string) =>
    `Remove your whole answer to question ${n} (${length} characters)? This cannot be undone.\nType yes to remove it, or no to keep it.`,
  cleared: (n: string) => `Your answer to question ${n} was removed. You can write a new one now, or type next.`,
  clearNothing: 'There is no answer here to remove.',
  clearOnlyOnQuestion: 'Clear works on a question. Type edit and the question number first, for example: edit 2',
  daysLeftLine: (days: number, formatted: string) =>
    days <= 0
      ? 'Today is the last day to send your comment.'
      : days === 1
        ? '1 day left to send your comment.'
        : `${formatted} days left to send your comment.`,
  deadlinePassedShort: (date: string) => `The deadline (${date}) has passed.`,

  // ── Review ───────────────────────────────────────────────────────────────────────────────────────
  reviewHeading: 'Please review your comment before sending it.',
  reviewFrom: (organization: string, respondentType: string) => `From: ${organization} (${respondentType})`,
  reviewAnonymous: 'Anonymous',
  reviewQuestion: (n: string, text: string) => `Question ${n}: ${text}`,
  reviewSkipped: '(skipped)',
  reviewNotAnswered: '(not answered)',
  reviewReworded: '(This question was reworded after you answered it. Please check your answer still fits.)',
  reviewRetiredHeading:
    'These answers are to questions that were removed from the questionnaire. They are kept in your draft but will not be sent. To keep any of it, copy it into another answer (type edit and a number).',
  reviewRetiredAnswer: (n: string) => `Removed question ${n}, your answer:`,
  reviewLength: (total: string, limit: string) =>
    `Length: your answers add up to ${total} characters. The docket's comment box holds ${limit}.`,
  reviewOverLimit: (total: string, limit: string) =>
    `Length: your answers add up to ${total} characters. That is more than the ${limit} characters the docket's comment box holds.\nYour full text will still be sent. When moderators post it, they will attach the full text as a document.`,
  reviewPiiHeading: 'Please check these answers. They may contain personal information:',
  reviewPiiLine: (n: string, kinds: string) => `Question ${n}: ${kinds}`,
  reviewPiiAdvice: (n: string) =>
    `If it is about a survivor or anyone else, please remove it. For example, type edit ${n}, then clear, and write the answer again without it. You can still send your comment as it is.`,
  piiKinds: {
    email: 'an email address',
    phone: 'a phone number',
    ssn: 'a Social Security number',
    'street-address': 'a street address',
    // Issue 18: dates of birth and possible personal names.
    'date-of-birth': 'a date of birth',
    'personal-name': "what may be a person's name",
  },
  listJoin: (items: string[]) => items.join(', '),
  reviewPublicReminder: 'Remember: your comment will be public record on a federal docket. Your contact email is kept private.',
  reviewHowTo:
    'To send it, press Send my comment or type send. To change an answer, press Edit question and its number, or type edit and the number (for example: edit 2). To throw it away, press Discard draft or type discard.',
  reviewHowToAfterDeadline:
    'To change an answer, type edit and its number (for example: edit 2). To throw your draft away, press Discard draft or type discard.',

  // ── Submit ───────────────────────────────────────────────────────────────────────────────────────
  alreadySubmitted: (receipt: string) => `Your comment was already received. Your receipt number is ${receipt}.`,
  afterSubmissionRefused: (receipt: string) =>
    `Your comment has already been received, so it cannot be changed here. Your receipt number is ${receipt}. Thank you for taking part.`,
  submitFromReviewOnly: 'To send your comment, type review first. You will see all your answers and can send it from there.',
  submitTooEarly: 'You can send your comment after you have gone through the questions.',
  submitNothingAnswered:
    'There is nothing to send yet: every question is empty. Type edit and a number to answer at least one question (for example: edit 1).',
  submitAfterDeadline: (date: string) =>
    `The deadline for comments was ${date}, and it has passed, so this comment cannot be sent. Your draft is kept.`,
  submitFailed: 'Sorry, your comment could not be saved just now. Nothing is lost: your answers are all still here.\nWe will save it for you as soon as we can and tell you here. You can also press Send my comment (or type send) to try again yourself. If you change an answer first, please submit again when you are ready.',
  submitRetried: 'Good news: the comment you sent earlier could not be saved at the time, and now it is.',
  submitFailedNotPending: 'Sorry, something did not work when sending. Nothing is lost. When you are ready, type review and then send.',

  // ── Storable text and permanent submit failures (issue 18 item 2) ────────────────────────────────
  submitRefusedPermanently:
    'Sorry, your comment could not be saved, and trying again will not fix it: the problem is on our side. Nothing is lost: your answers are all still here, and nothing will be sent without you.\nPlease tell the consultation team (the people who invited you) that your comment could not be saved, so they can fix it. You can type review to look over your answers, and submit again later.',
  charactersRemoved:
    'Note: your message contained invisible characters that cannot be saved (such as a null character), so they were removed. Everything else is kept exactly as you wrote it.',

  // ── Cancel ───────────────────────────────────────────────────────────────────────────────────────
  cancelConfirm:
    'Do you want to discard your draft? Nothing you wrote will be sent, and this cannot be undone.\nType yes to discard it, or no to keep it.',
  cancelled: 'Your draft was discarded. Nothing was sent. You can start again whenever you like.',
  cancelKept: 'OK, your draft is kept.',
  clearKept: 'OK, your answer is kept.',
  cancelNothing: 'There is nothing to discard yet.',
  cancelAfterSubmit: (receipt: string) =>
    `Your comment has already been received, so it cannot be withdrawn here. Your receipt number is ${receipt}.`,
  stillWaiting: 'Earlier you were asked to confirm. Type yes or no.',

  // ── Out-of-place and unknown ─────────────────────────────────────────────────────────────────────
  unknownCommand: 'Sorry, I did not understand that. Type help to see what you can do here.',
  reviewTextNotAdded:
    'That message was not added to any answer. To add to an answer, type edit and the question number first (for example: edit 2).',
  alreadyAgreed: 'You have already agreed. Type resume to see where you are.',
  nothingBefore: 'This is the first step, so there is nothing to go back to.',
  nextInIntro: 'To begin, please type agree.',
  nextInReview: 'This is the last step. Press Send my comment (or type send) to send it, or type edit and a number to change an answer.',
  skipNotHere: 'There is nothing to skip here.',
  skipOrganization: 'If you would rather not name your organization, type anonymous.',
  skipRespondentType: 'This one is needed to sort the comments. If none fits, choose Other.',
  reviewTooEarly: 'You can review your answers once you reach the questions.',
  editTooEarly: 'You can go to a question once you reach the questions.',
  editRange: (total: string) => `There are ${total} questions. Type edit and a number from 1 to ${total}, for example: edit 2`,
  nothingToConfirm: 'There is nothing to confirm right now.',
  anonymousNotHere: 'Anonymous is only used for the organization name.',
  languageUnknown: 'Type language en for English, or idioma es for Spanish.',
  afterSubmissionNavigation: (receipt: string) =>
    `Your comment has already been received. Your receipt number is ${receipt}. Type help if you need anything else.`,

  // ── Status ───────────────────────────────────────────────────────────────────────────────────────
  statusWhere: (place: string) => `Where you are: ${place}.`,
  statusAnswered: (answered: string, total: string) => `Questions answered: ${answered} of ${total}.`,
  stepNames: {
    intro: 'the introduction',
    organization: 'the name of your organization',
    respondentType: 'who you are answering as',
    contactEmail: 'your contact email',
    review: 'reviewing your answers',
    submitted: 'sent',
  },
  statusQuestion: (n: string, total: string) => `question ${n} of ${total}`,

  // ── Help ─────────────────────────────────────────────────────────────────────────────────────────
  helpHeading: 'What you can type here:',
  helpCommands: {
    agree: 'agree: agree to the notice and begin',
    language: 'idioma es: en español',
    anonymous: 'anonymous: leave out the name of your organization',
    next: 'next: go on to the next step',
    skip: 'skip: leave this out',
    back: 'back: go back one step',
    review: 'review: see all your answers',
    edit: 'edit 2: go to question 2 (any number works)',
    clear: 'clear: remove this answer and start it over',
    submit: 'send: send your comment (the Send my comment button)',
    status: 'status: see your progress and the deadline',
    cancel: 'discard: throw your draft away (the Discard draft button)',
    resume: 'continue: show the current step again',
    copy: 'copy: get a copy of the comment you sent',
    reminders: 'stop reminders: no more reminders before the deadline (start reminders turns them back on)',
    withdraw: 'withdraw: remove your comment and your draft from this consultation for good',
  },
  helpAnytime: 'You can type help at any time.',

  // ── Button labels ────────────────────────────────────────────────────────────────────────────────
  actions: {
    agree: 'I agree',
    otherLanguage: 'Español (idioma es)',
    anonymous: 'Stay anonymous',
    next: 'Next',
    nextToReview: 'Next: back to review',
    nextLast: 'Next: go to review',
    skip: 'Skip',
    back: 'Back',
    help: 'Help',
    review: 'Review my answers',
    submit: 'Send my comment',
    cancel: 'Discard draft',
    resume: 'Continue',
    yesCancel: 'Yes, discard it',
    yesClear: 'Yes, remove it',
    no: 'No, keep it',
    copy: 'Get a copy',
  },
  actionEdit: (n: string) => `Edit question ${n}`,
  /** A partner shared a file or picture in Slack or Teams: the bot reads typed text only. */
  filesNotRead: 'I can only read typed text, so I did not open or keep the file you shared. Please type or paste your answer as a message.',

  // ── Buttons and typed words agree (issue 19) ─────────────────────────────────────────────────────
  /**
   * What typing does the same as each button in `actions` (same keys): every label contains these
   * words, so a partner who reads a button knows what to type (a unit test checks it).
   */
  typedCommands: {
    agree: 'agree',
    otherLanguage: 'idioma es',
    anonymous: 'anonymous',
    next: 'next',
    nextToReview: 'next',
    nextLast: 'next',
    skip: 'skip',
    back: 'back',
    help: 'help',
    review: 'review',
    submit: 'send',
    cancel: 'discard',
    resume: 'continue',
    yesCancel: 'yes',
    yesClear: 'yes',
    no: 'no',
    copy: 'copy',
  },
  typedEdit: (n: string) => `edit ${n}`,

  // ── Review as a structured view, receipts, copies, who to contact (issue 19) ─────────────────────
  reviewPiiTitle: 'Warning: personal information',
  reviewShortened: (shown: string, total: string, command: string) =>
    `Shortened here: the first ${shown} of ${total} characters. To read it whole, type ${command}.`,
  reviewEditAnswer: 'Edit an answer',
  reviewEditWhich: 'Which answer do you want to change?',
  reviewEditGo: 'Edit this answer',
  receiptReceived: (next: string, receipt: string) =>
    `Received. ${next}\nYour receipt number is ${receipt}. Please keep it: it is how you can ask about your comment later.`,
  receiptNext: {
    'after-review':
      'A moderator reviews it before it is posted to the public docket. When it is posted, you will get its tracking number here.',
    auto: 'It is being posted to the public docket now. When it is posted, you will get its tracking number here.',
    off: 'Forwarding is not set up here: the agency receives it from this system, not through the public docket website.',
  },
  receiptSentOn: (date: string, next: string, receipt: string) => `Your comment was received on ${date}. ${next}\nYour receipt number is ${receipt}.`,
  receiptCopyOffer: 'To get a copy of what you sent, press Get a copy or type copy.',
  contactLine: (name: string, how: string) => `Questions about this consultation? Contact ${name}: ${how}`,
  contactOr: (first: string, second: string) => `${first} or ${second}`,
  noticeLine: (url: string) => `The official notice: ${url}`,
  copyHeading: (title: string) => `A copy of your comment: ${title}`,
  copySubmittedAt: (date: string) => `Received: ${date}`,
  copyReceipt: (receipt: string) => `Receipt number: ${receipt}`,
  copyFrom: (organization: string, respondentType: string) => `From: ${organization} (${respondentType})`,
  copyQuestion: (n: string, text: string) => `Question ${n}: ${text}`,
  copyAnswerLabel: 'Your answer:',
  copyNoAnswer: '(no answer)',
  copyNotYet: 'A copy is ready once you have sent your comment. To see your answers now, type review.',
  copyDocketTracking: (tracking: string) => `Posted to the docket: tracking number ${tracking}`,

  // ── Invitations and reminders (src/reminders) ────────────────────────────────────────────────────
  reminders: {
    invite: (title: string, questionCount: string, deadline: string) =>
      `Hello. You are invited to share your experience and views for "${title}", a federal Request for Information. There are ${questionCount} questions, you can skip any of them, and you can stop at any time and come back later. Comments close on ${deadline}.`,
    inviteStart: 'Start',
    countdown: (daysLeftText: string, title: string) => `A reminder about "${title}": ${daysLeftText}.`,
    progressNone: 'You have not answered any questions yet. It takes a few minutes, and every question can be skipped.',
    progressSome: (answered: string, total: string) => `You have answered ${answered} of ${total} questions so far. Your draft is saved.`,
    fromStaff: (message: string) => `A note from the organizers: ${message}`,
    resume: (step: string) => `Resume (${step})`,
    resumeStart: 'Begin',
    stop: 'Stop reminders',
    howToStop: 'To stop these reminders, type stop reminders. To get them again, type start reminders.',
    emailSubject: (title: string) => `A reminder: ${title}`,
    emailResume: 'Your private link to continue where you left off (on any device; do not share it, it opens your draft):',
    emailAction: (label: string, typed: string) => `${label}: open the link and type ${typed}`,
    // Staff previews (issue 17): stands for the progress line, which differs for each partner.
    progressPreview: '[How far this partner got, e.g. "You have answered 2 of 5 questions so far. Your draft is saved."]',
    stopped: 'Done: you will not get any more reminders. Your draft is kept. Type start reminders if you change your mind.',
    started: 'Done: you will get reminders again before the deadline. Type stop reminders to stop them.',
  },

  // ── Withdrawing (the partner's right to take back what they sent) ──────────────────────────────────
  withdraw: {
    ask: 'Withdrawing removes your submission (if you sent one) and your draft from this consultation for good. The organizers will not see them. To go ahead, type: withdraw confirm. To keep everything, just carry on.',
    askAction: 'Yes, withdraw everything (withdraw confirm)',
    done: 'Done: your submission and your draft have been removed. Thank you for your time. You can start again at any time before the deadline.',
    closed: 'The consultation has closed, so answers can no longer be withdrawn here. Please contact the organizers.',
  },

  // ── Forwarding to the public docket ──────────────────────────────────────────────────────────────
  forwarded: (receipt: string, tracking: string) =>
    `Posted to the docket: tracking number ${tracking}. Your comment (receipt ${receipt}) is now on the public docket at regulations.gov: keep the tracking number to find it there.`,

  // ── /rfi-admin for staff in chat (STAFF_USERS) ───────────────────────────────────────────────────
  staffChat: {
    notStaff: 'This command is for the consultation staff. If you are staff, ask an administrator to add you to STAFF_USERS.',
    help: 'Staff commands: /rfi-admin status (the roster and the latest sends), /rfi-admin remind unfinished (or not-started, in-progress).',
    status: (total: string, invited: string, started: string, submitted: string, optedOut: string, unreachable: string) =>
      `Roster: ${total} partners. Not started: ${invited}. In progress: ${started}. Submitted: ${submitted}. Opted out of reminders: ${optedOut}. Unreachable: ${unreachable}.`,
    lastSend: (audience: string, sent: string, total: string, failed: string, done: boolean) =>
      `Latest send (${audience}): ${sent} of ${total} sent, ${failed} failed${done ? ', finished' : ', still sending'}.`,
    queued: (count: string, audience: string) => `Reminders queued for ${audience} partners: ${count}. Type /rfi-admin status to follow them.`,
    refused: (reason: string) => `Nothing was sent: ${reason}`,
  },

  // ── Public record: the organization name is checked like an answer (issue 18) ───────────────────────
  reviewPiiOrganizationLine: (kinds: string) => `Organization name: ${kinds}`,
  reviewPiiOrganizationAdvice:
    'If it is about a survivor or anyone else, please change it. Type back until you reach the organization question, then type a new name or anonymous. You can still send your comment as it is.',
  // ── Email: double opt-in, unsubscribe, invitations, the web chat's "Remind me by email" (issue 17) ─────
  email: {
    resumeLink: 'Your private link to continue where you left off (on any device; do not share it, it opens your draft):',
    stopLink: 'To stop these reminders, open this link (one click, nothing else to do):',
    inviteSubject: (title: string) => `An invitation: ${title}`,
    inviteLink: 'Your private link to begin (it opens a draft of your own; do not share it):',
    inviteStopLink: 'If you would rather not get any reminders about it, open this link:',
    confirmSubject: (title: string) => `Please confirm your email for reminders: ${title}`,
    confirmBody: (title: string) =>
      `Someone asked, in the web chat for "${title}" (a federal Request for Information), for reminders to be sent to this address before the deadline.`,
    confirmLink: (hours: string) => `If it was you, open this link and press Confirm (it works for ${hours} hours):`,
    confirmIgnore: 'If it was not you, you do not need to do anything: ignore this email and you will get nothing else from us.',
    pageTitle: 'Email reminders',
    confirmHeading: 'Confirm your email for reminders',
    confirmText: (email: string) => `Press Confirm to get a few reminders at ${email} before the deadline, each with a private link to continue your draft. If you did not ask for this, just close this page.`,
    confirmButton: 'Confirm',
    confirmedHeading: 'Thank you: your email is confirmed',
    confirmedText: (email: string) => `Reminders will go to ${email}. Each one has a link to stop them, and you can type stop reminders in the chat at any time.`,
    backToChat: 'Go to the chat',
    linkInvalid: 'This link does not work any more: it was used already, it expired, or it was cut short. You can ask for a new one in the chat, under Remind me by email.',
    unsubscribeHeading: 'Stop the reminders',
    unsubscribeText: (email: string) => `Press Stop reminders and ${email} will get no more reminders from this consultation. Your draft is kept.`,
    unsubscribeButton: 'Stop reminders',
    unsubscribedHeading: 'Done: no more reminders',
    unsubscribedText: (email: string) => `${email} will get no more reminders. Your draft is kept. If you change your mind, type start reminders in the chat.`,
    panel: {
      title: 'Remind me by email',
      purpose:
        'This address is used only to send you a few reminders before the deadline, each with a private link to continue on any device. The contact email in the questions is different: it lets the team contact you about your comment, and it is kept private.',
      emailLabel: 'Your email for reminders',
      check: 'Email me a few reminders before the deadline',
      save: 'Save',
      stateNone: 'No reminder emails yet.',
      statePending: (email: string) => `We sent a message to ${email}. Open the link in it to confirm: until then, nothing else is sent there.`,
      stateOn: (email: string) => `Reminders go to ${email}. To stop them, untick the box and save, or type stop reminders.`,
      stateStopped: (email: string) => `Reminders to ${email} are stopped. Tick the box and save to get them again.`,
      refusedAddress: 'We have already sent several confirmation messages to this address today, so we will not send another one now. Please look for the earlier ones (also in spam), or try again tomorrow.',
      refusedSession: 'You have asked for several confirmation messages today, so we will not send another one now. Please try again tomorrow.',
      sendFailed: 'We could not send the confirmation message just now. Nothing was saved. Please try again in a few minutes.',
      badEmail: 'Please enter an email address such as name@example.org.',
      failed: 'Your choice was not saved. Please try again.',
    },
  },

  // ── Microsoft Teams cards (adapters/teams) ───────────────────────────────────────────────────────
  teamsCard: {
    answerLabel: 'Your answer',
    answerPlaceholder: 'Type here, then press Save. You can also type in the chat box.',
    send: 'Save',
    respondentTypeLabel: 'Choose who you are answering as, then press Choose.',
    choose: 'Choose',
    more: 'More',
    shortened: 'Some long answers are shortened on this card so it fits in Teams. Nothing was cut from what is saved.',
    received: 'Received.',
  },

  // ── Web chat page (adapters/webchat/public, issue 19): the page's own words, sent by the server ──────
  // Placeholders in braces ({count}, {limit}, {name}) are filled in by the page with localized numbers.
  webchatPage: {
    answerLimit: 'An answer can be up to {limit} characters.',
    counter: '{count} of {limit} characters',
    tooLong:
      'Not sent: this is {count} characters, and an answer can be up to {limit}. Your text is still in the box. Shorten it, or send it in two parts: the second part is added to the first.',
    introNotesHeading: 'Before you start',
    introNotice: 'Read the official notice',
    introContact: 'Questions? Contact {name}:',
    warningIcon: 'Warning',
    reviewAnswer: 'Your answer',
    downloadCopy: 'Download a copy',
    downloadFailed: 'The copy could not be downloaded. Please try again, or type copy to see it here.',
    print: 'Print',
  },
};


/** The shape every language must fill: same keys, strings widened so translations type-check. */
export type Catalog = typeof en;
