import type { Language } from '../core/types.js';
import type { UserFacingErrorCode } from '../errors.js';
import { languageOfLocale } from './catalog.js';

/** User-facing messages of the HTTP APIs, by error code, in every supported language. */
export const httpErrorMessages: Record<Language, Record<UserFacingErrorCode, string>> = {
  en: {
    BODY_TOO_LARGE: 'That message is too large to send at once. Please send it in smaller parts.',
    MALFORMED_JSON: 'The request could not be read. Please reload the page and try again.',
    INVALID_REQUEST: 'The request was not in the expected form. Please reload the page and try again.',
    NOT_FOUND: 'We could not find your earlier draft. It may have expired after the deadline, or it was started in another browser. You can start a new conversation here.',
    ROUTE_NOT_FOUND: 'There is nothing at this address.',
    METHOD_NOT_ALLOWED: 'This address does not accept that kind of request.',
    RATE_LIMITED: 'Too many requests from your connection. Please wait a minute and try again.',
    SESSION_STORE_UNAVAILABLE: 'The bot cannot reach its session store right now. Nothing was lost; please try again in a minute.',
    COMMENT_STORE_UNAVAILABLE: 'The bot cannot reach its database right now. Nothing was lost; please try again in a minute.',
    SESSION_CONFLICT: 'Too many messages arrived at once. Please send your last message again.',
    SESSION_TOO_NEW: 'The bot is being updated right now. Your draft is safe; please try again in a few minutes.',
    INTERNAL: 'Something went wrong on our side. Nothing you sent was lost; please try again.',
  },
  es: {
    BODY_TOO_LARGE: 'Ese mensaje es demasiado grande para enviarlo de una vez. Envíelo en partes más pequeñas.',
    MALFORMED_JSON: 'No pudimos leer la solicitud. Vuelva a cargar la página e inténtelo de nuevo.',
    INVALID_REQUEST: 'La solicitud no tenía la forma esperada. Vuelva a cargar la página e inténtelo de nuevo.',
    NOT_FOUND: 'No encontramos su borrador anterior. Puede haber caducado después de la fecha límite, o se empezó en otro navegador. Puede empezar una conversación nueva aquí.',
    ROUTE_NOT_FOUND: 'No hay nada en esta dirección.',
    METHOD_NOT_ALLOWED: 'Esta dirección no acepta ese tipo de solicitud.',
    RATE_LIMITED: 'Demasiadas solicitudes desde su conexión. Espere un minuto e inténtelo de nuevo.',
    SESSION_STORE_UNAVAILABLE: 'El bot no puede conectarse a su almacén de sesiones ahora. No se perdió nada; inténtelo de nuevo en un minuto.',
    COMMENT_STORE_UNAVAILABLE: 'El bot no puede conectarse a su base de datos ahora. No se perdió nada; inténtelo de nuevo en un minuto.',
    SESSION_CONFLICT: 'Llegaron demasiados mensajes a la vez. Envíe de nuevo su último mensaje, por favor.',
    SESSION_TOO_NEW: 'El bot se está actualizando en este momento. Su borrador está a salvo; inténtelo de nuevo en unos minutos.',
    INTERNAL: 'Algo salió mal de nuestro lado. No se perdió nada de lo que envió; inténtelo de nuevo.',
  },
};

// --- Abuse controls (issue 18): a 429 says how long to wait, and that nothing typed is lost. ---
/** The RATE_LIMITED message when the wait is known; `{wait}` is replaced with a phrase from `waitPhrase`. */
export const rateLimitedMessages: Record<Language, { text: string; seconds: (n: number) => string; minutes: (n: number) => string }> = {
  en: {
    text: 'We are getting a lot of messages from your connection right now, so we need a short pause. Nothing you wrote is lost. Please try again in {wait}.',
    seconds: (n) => (n === 1 ? '1 second' : `${n} seconds`),
    minutes: (n) => (n === 1 ? '1 minute' : `${n} minutes`),
  },
  es: {
    text: 'Estamos recibiendo muchos mensajes desde su conexión en este momento, así que necesitamos una breve pausa. No se perdió nada de lo que escribió. Inténtelo de nuevo en {wait}.',
    seconds: (n) => (n === 1 ? '1 segundo' : `${n} segundos`),
    minutes: (n) => (n === 1 ? '1 minuto' : `${n} minutos`),
  },
};

export function rateLimitedMessage(language: Language, retryAfterSeconds: number): string {
  const phrases = rateLimitedMessages[language];
  const wait = retryAfterSeconds < 90 ? phrases.seconds(retryAfterSeconds) : phrases.minutes(Math.ceil(retryAfterSeconds / 60));
  return phrases.text.replace('{wait}', wait);
}

/** Picks the language from an Accept-Language header (Spanish if it is preferred, English otherwise). */
export function languageFromHeader(acceptLanguage: string | undefined): Language {
  return languageOfLocale(acceptLanguage?.split(',')[0]);
}
