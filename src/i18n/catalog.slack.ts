import type { Language } from '../core/types.js';

/**
 * Words the Slack adapter adds around the engine's replies (buttons, the edit modal, App Home, slash
 * command answers, delivery problems). English and Spanish, same keys (checked by a unit test).
 * Slack limits: modal titles and button labels are short (24 and 75 characters).
 */
export const slackEn = {
  editAnswerButton: 'Edit answer',
  editAnswerHint: 'To rewrite the whole answer in a box, press Edit answer.',
  modalTitle: 'Edit answer',
  modalSave: 'Save',
  modalCancel: 'Cancel',
  modalQuestion: (n: string, total: string) => `Question ${n} of ${total}`,
  modalPartLabel: (part: string, parts: string) => (parts === '1' ? 'Your answer' : `Your answer, part ${part} of ${parts}`),
  modalHowTo: (perBox: string) =>
    `What you save here replaces your whole answer to this question. One box holds up to ${perBox} characters; a longer answer is split across several boxes and joined back in order when you save.`,
  modalEmpty: 'Please write something here. To remove your whole answer, type clear in the chat instead.',
  modalTooLong: (length: string, limit: string) =>
    `Together the boxes hold ${length} characters; one answer can be at most ${limit}. Please shorten it. Nothing has been changed yet.`,
  modalOnlyOnQuestion: 'The edit box works on a question. Type edit and the question number first, for example: edit 2',
  modalOpenFailed:
    'The edit box could not be opened. Nothing was changed. Please press Edit answer again, or keep writing your answer as messages.',
  homeTitle: 'Your comment',
  homeNotStarted: 'You have not started yet. It takes a few minutes, and you can stop and come back at any time.',
  homeWhere: (place: string) => `Where you are: ${place}.`,
  homeAnswered: (answered: string, total: string) => `Questions answered: ${answered} of ${total}.`,
  homeReceipt: (receipt: string) => `Your comment was received. Your receipt number is ${receipt}.`,
  homeHowTo: 'Answer in the Messages tab of this app. You can also type /rfi start, /rfi status or /rfi help anywhere.',
  homeStart: 'Start',
  homeResume: 'Resume',
  homeStatus: 'Show my status',
  slashHelp: 'Type /rfi start to begin or continue, /rfi status to see your progress, /rfi help for help, or /rfi language es (or en) to change the language.',
  slashSentToDm: 'I answered you in a direct message (the Messages tab of this app), so your answers stay out of this channel.',
  deliveryFailed:
    'Sorry, Slack did not deliver one of my replies. Whatever you sent is saved. Type resume to see where you are.',
  channelNotice: 'Please answer in a direct message with me, not in a channel: your answers are only sent when you submit them.',
};

export type SlackCatalog = typeof slackEn;

export const slackEs: SlackCatalog = {
  editAnswerButton: 'Editar respuesta',
  editAnswerHint: 'Para reescribir toda la respuesta en un cuadro, pulse Editar respuesta.',
  modalTitle: 'Editar respuesta',
  modalSave: 'Guardar',
  modalCancel: 'Cancelar',
  modalQuestion: (n, total) => `Pregunta ${n} de ${total}`,
  modalPartLabel: (part, parts) => (parts === '1' ? 'Su respuesta' : `Su respuesta, parte ${part} de ${parts}`),
  modalHowTo: (perBox) =>
    `Lo que guarde aquí reemplaza toda su respuesta a esta pregunta. Cada cuadro admite hasta ${perBox} caracteres; una respuesta más larga se reparte en varios cuadros y se vuelve a unir en orden al guardar.`,
  modalEmpty: 'Escriba algo aquí, por favor. Para borrar toda su respuesta, escriba borrar en el chat.',
  modalTooLong: (length, limit) =>
    `En total los cuadros tienen ${length} caracteres; una respuesta puede tener como máximo ${limit}. Acórtela, por favor. Todavía no se cambió nada.`,
  modalOnlyOnQuestion: 'El cuadro de edición funciona en una pregunta. Escriba primero editar y el número de la pregunta, por ejemplo: editar 2',
  modalOpenFailed:
    'No se pudo abrir el cuadro de edición. No se cambió nada. Pulse Editar respuesta otra vez, o siga escribiendo su respuesta en mensajes.',
  homeTitle: 'Su comentario',
  homeNotStarted: 'Todavía no ha empezado. Lleva unos minutos, y puede parar y volver cuando quiera.',
  homeWhere: (place) => `Dónde está: ${place}.`,
  homeAnswered: (answered, total) => `Preguntas respondidas: ${answered} de ${total}.`,
  homeReceipt: (receipt) => `Su comentario se recibió. Su número de recibo es ${receipt}.`,
  homeHowTo: 'Responda en la pestaña Mensajes de esta aplicación. También puede escribir /rfi start, /rfi status o /rfi help en cualquier lugar.',
  homeStart: 'Empezar',
  homeResume: 'Continuar',
  homeStatus: 'Ver mi avance',
  slashHelp: 'Escriba /rfi start para empezar o continuar, /rfi status para ver su avance, /rfi help para obtener ayuda, o /rfi language en (o es) para cambiar el idioma.',
  slashSentToDm: 'Le respondí en un mensaje directo (la pestaña Mensajes de esta aplicación), para que sus respuestas no queden en este canal.',
  deliveryFailed:
    'Lo siento, Slack no entregó una de mis respuestas. Lo que usted envió está guardado. Escriba continuar para ver dónde está.',
  channelNotice: 'Responda en un mensaje directo conmigo, no en un canal, por favor: sus respuestas solo se envían cuando usted las manda.',
};

export function slackText(language: Language): SlackCatalog {
  return language === 'es' ? slackEs : slackEn;
}
