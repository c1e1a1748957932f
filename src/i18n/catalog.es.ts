import type { Catalog } from './catalog.en.js';

/**
 * Todo lo que dice el motor, en español (trato de "usted"). Typed as `Catalog`, so a missing or extra key
 * is a compile error. Commands are named here with their Spanish words; English ones work too.
 */
export const es: Catalog = {
  locale: 'es-US',

  // ── Intro ────────────────────────────────────────────────────────────────────────────────────────
  askedBy: (who) => `Quién pregunta: ${who}`,
  deadlineLine: (date, daysLeft) => `Fecha límite para los comentarios: ${date} (${daysLeft}).`,
  deadlinePassedLine: (date) => `La fecha límite para los comentarios fue el ${date}. Ya pasó.`,
  daysLeft: (days, formatted) =>
    days <= 0 ? 'hoy es el último día' : days === 1 ? 'queda 1 día' : `quedan ${formatted} días`,
  beforeYouStart: 'Antes de empezar, lea esto, por favor:',
  publicRecord:
    'Sus respuestas se enviarán como comentarios públicos. Van a un expediente federal, que es un registro público: cualquier persona puede leerlas.',
  noPersonalInfo:
    'No incluya información personal sobre sobrevivientes ni sobre nadie más. Es decir: ni nombres, ni datos de contacto, ni detalles de casos, ni números de Seguro Social, ni información médica.',
  contentNote: 'Aviso sobre el contenido: las preguntas tratan sobre la trata de personas. Puede omitir cualquier pregunta.',
  introAfterDeadline:
    'Todavía puede leer las preguntas y escribir un borrador, pero ya no se pueden enviar comentarios por medio de este bot.',
  introHowToAgree: 'Si está de acuerdo en continuar, escriba acepto.',
  introLanguageOffer: 'To read this in English, type: language en',
  introNudge: 'Para empezar, escriba acepto. To read this in English, type: language en',
  welcomeBack: 'Hola de nuevo. Aquí es donde se quedó.',
  flowUpdated:
    'El cuestionario se actualizó desde su último mensaje. No se perdió nada de lo que escribió: las preguntas con nueva redacción están marcadas y las respuestas a preguntas eliminadas se conservan en la revisión.',

  // ── Organization ─────────────────────────────────────────────────────────────────────────────────
  organizationPrompt: (maxChars) =>
    `¿Cómo se llama su organización? (Hasta ${maxChars} caracteres.)\nSi prefiere no decirlo, escriba anónimo.`,
  organizationCurrentNamed: (name) => `Usted nos dijo: ${name}\nEscriba otro nombre para cambiarlo, o siguiente para dejarlo así.`,
  organizationCurrentAnonymous: 'Usted eligió no dar el nombre. Escriba un nombre para cambiarlo, o siguiente para dejarlo así.',
  organizationEmpty: 'El nombre estaba vacío. Escriba el nombre de su organización, o anónimo.',
  organizationTooLong: (length, maxChars) =>
    `Ese nombre tiene ${length} caracteres. Use ${maxChars} caracteres o menos, por favor.`,
  organizationSaved: (name) => `Gracias. Organización: ${name}`,
  organizationAnonymous: 'Gracias. Su comentario se enviará sin nombre de organización.',
  organizationNeeded: 'Primero escriba el nombre de su organización, o escriba anónimo.',

  // ── Respondent type ──────────────────────────────────────────────────────────────────────────────
  respondentTypePrompt: '¿Cuál de estas opciones describe mejor su caso? Escriba el número o el nombre.',
  respondentTypeCurrent: (label) => `Usted eligió: ${label}. Escriba otro número para cambiarlo, o siguiente para dejarlo así.`,
  respondentTypeNotFound: (total) => `Perdón, no reconocí esa opción. Escriba un número del 1 al ${total}, o el nombre.`,
  respondentTypeSaved: (label) => `Gracias. Usted responde como: ${label}`,
  respondentTypeNeeded: 'Primero elija una opción, por favor. Si ninguna le corresponde, elija Otro.',

  // ── Contact email ────────────────────────────────────────────────────────────────────────────────
  contactEmailPrompt:
    'Si quiere que el equipo pueda comunicarse con usted sobre su comentario, escriba su correo electrónico.\nSe guarda en privado y no forma parte del comentario público.\nSi prefiere no darlo, escriba omitir.',
  contactEmailCurrent: (email) => `Usted nos dio: ${email}. Escriba otra dirección para cambiarla, o siguiente para dejarla así.`,
  contactEmailCurrentNone: 'Usted eligió no dar un correo. Escriba uno para agregarlo, o siguiente para continuar.',
  contactEmailSaved: 'Gracias. Su correo se guardó en privado.',
  contactEmailSkipped: 'Está bien. No se guardará ningún correo.',
  contactEmailNeeded: 'Escriba su correo electrónico, o escriba omitir para no darlo.',
  emailInvalid: (reason) => `Eso no parece un correo electrónico: ${reason}\nInténtelo de nuevo, o escriba omitir.`,
  emailReasons: {
    empty: 'el mensaje estaba vacío.',
    spaces: 'un correo electrónico no lleva espacios.',
    missingAt: 'necesita el signo @, como nombre@ejemplo.org.',
    manyAt: 'tiene más de un signo @.',
    missingLocal: 'falta algo antes del signo @.',
    missingDomain: 'la parte después del signo @ debe parecerse a ejemplo.org.',
    tooLong: 'es demasiado largo para un correo electrónico.',
  },

  // ── Questions ────────────────────────────────────────────────────────────────────────────────────
  questionHeading: (n, total) => `Pregunta ${n} de ${total}`,
  questionHowTo:
    'Escriba su respuesta en uno o varios mensajes. Cada mensaje se agrega a su respuesta.\nCuando termine, escriba siguiente. Para no contestar esta pregunta, escriba omitir. Para ideas, escriba ayuda.',
  questionHowToFromReview:
    'Cada mensaje que envíe se agrega a su respuesta. Cuando termine, escriba siguiente para volver a la revisión.',
  questionExisting: (length) =>
    `Abajo está su respuesta hasta ahora (${length} caracteres). Los mensajes nuevos se agregan al final. Para empezar esta respuesta de nuevo, escriba borrar.`,
  questionReworded: 'Esta pregunta cambió de redacción después de que usted la respondió. Revise que su respuesta todavía corresponda.',
  answerSaved: (n, length) => `Guardado. Su respuesta a la pregunta ${n} tiene ahora ${length} caracteres.`,
  answerGoOn: 'Puede enviar otro mensaje para agregar más, o escribir siguiente para continuar.',
  answerGoOnToReview: 'Puede enviar otro mensaje para agregar más, o escribir siguiente para volver a la revisión.',
  answerEmpty: 'Ese mensaje estaba vacío, así que no se agregó nada.',
  answerReplaced: (n, length) => `Guardado. Su respuesta a la pregunta ${n} se reemplazó. Ahora tiene ${length} caracteres.`,
  revisionApplied: (n, length) => `Se guardó su cambio. Su respuesta a la pregunta ${n} tiene ahora ${length} caracteres.`,
  revisionNotApplied:
    'Usted editó un mensaje, pero sus respuestas guardadas no cambiaron: una edición solo cambia su respuesta si es de su último mensaje en la pregunta abierta. Para cambiar una respuesta, escriba editar y el número de la pregunta (por ejemplo: editar 2).',
  answerTooLong: (n, wouldBe, limit, kept) =>
    `Ese mensaje no se agregó. Con él, su respuesta a la pregunta ${n} tendría ${wouldBe} caracteres, y una respuesta puede tener como máximo ${limit}.\nLo que guardó antes no cambió (${kept} caracteres). Puede enviar un mensaje más corto.`,
  skippedQuestion: (n) => `Pregunta ${n} omitida.`,
  skipKeptText: (n) =>
    `La pregunta ${n} ya tiene texto, así que se queda en su respuesta. (Para quitarlo, vuelva a la pregunta y escriba borrar.)`,
  clearConfirm: (n, length) =>
    `¿Quiere quitar toda su respuesta a la pregunta ${n} (${length} caracteres)? No se puede deshacer.\nEscriba sí para quitarla, o no para conservarla.`,
  cleared: (n) => `Se quitó su respuesta a la pregunta ${n}. Puede escribir una nueva ahora, o escribir siguiente.`,
  clearNothing: 'Aquí no hay ninguna respuesta que quitar.',
  clearOnlyOnQuestion: 'Borrar funciona en una pregunta. Primero escriba editar y el número de la pregunta, por ejemplo: editar 2',
  daysLeftLine: (days, formatted) =>
    days <= 0
      ? 'Hoy es el último día para enviar su comentario.'
      : days === 1
        ? 'Queda 1 día para enviar su comentario.'
        : `Quedan ${formatted} días para enviar su comentario.`,
  deadlinePassedShort: (date) => `La fecha límite (${date}) ya pasó.`,

  // ── Review ───────────────────────────────────────────────────────────────────────────────────────
  reviewHeading: 'Revise su comentario antes de enviarlo, por favor.',
  reviewFrom: (organization, respondentType) => `De: ${organization} (${respondentType})`,
  reviewAnonymous: 'Anónimo',
  reviewQuestion: (n, text) => `Pregunta ${n}: ${text}`,
  reviewSkipped: '(omitida)',
  reviewNotAnswered: '(sin respuesta)',
  reviewReworded: '(Esta pregunta cambió de redacción después de que usted la respondió. Revise que su respuesta todavía corresponda.)',
  reviewRetiredHeading:
    'Estas respuestas son de preguntas que se eliminaron del cuestionario. Se conservan en su borrador, pero no se enviarán. Si quiere conservar algo, cópielo en otra respuesta (escriba editar y un número).',
  reviewRetiredAnswer: (n: string) => `Pregunta eliminada ${n}, su respuesta:`,
  reviewLength: (total, limit) =>
    `Extensión: sus respuestas suman ${total} caracteres. El cuadro de comentarios del expediente admite ${limit}.`,
  reviewOverLimit: (total, limit) =>
    `Extensión: sus respuestas suman ${total} caracteres. Es más que los ${limit} caracteres que admite el cuadro de comentarios del expediente.\nSu texto completo se enviará de todos modos. Cuando los moderadores lo publiquen, adjuntarán el texto completo como documento.`,
  reviewPiiHeading: 'Revise estas respuestas, por favor. Podrían contener información personal:',
  reviewPiiLine: (n, kinds) => `Pregunta ${n}: ${kinds}`,
  reviewPiiAdvice: (n) =>
    `Si se trata de una persona sobreviviente o de cualquier otra persona, quítelo, por favor. Por ejemplo, escriba editar ${n}, luego borrar, y escriba la respuesta de nuevo sin eso. Aun así, puede enviar su comentario tal como está.`,
  piiKinds: {
    email: 'un correo electrónico',
    phone: 'un número de teléfono',
    ssn: 'un número de Seguro Social',
    'street-address': 'una dirección postal',
    // Issue 18: fechas de nacimiento y posibles nombres de persona.
    'date-of-birth': 'una fecha de nacimiento',
    'personal-name': 'lo que puede ser el nombre de una persona',
  },
  listJoin: (items) => items.join(', '),
  reviewPublicReminder: 'Recuerde: su comentario será un registro público en un expediente federal. Su correo de contacto se guarda en privado.',
  reviewHowTo: 'Escriba enviar para mandarlo, editar y un número para cambiar una respuesta (por ejemplo: editar 2), o cancelar para descartarlo.',
  reviewHowToAfterDeadline: 'Escriba editar y un número para cambiar una respuesta, o cancelar para descartar su borrador.',

  // ── Submit ───────────────────────────────────────────────────────────────────────────────────────
  submitted: (receipt) =>
    `Gracias. Su comentario fue enviado.\nSu número de recibo es ${receipt}. Guárdelo, por favor: con él puede preguntar por su comentario más adelante.`,
  alreadySubmitted: (receipt) => `Su comentario ya fue enviado. Su número de recibo es ${receipt}.`,
  submittedOn: (date, receipt) => `Su comentario se envió el ${date}.\nSu número de recibo es ${receipt}.`,
  afterSubmissionRefused: (receipt) =>
    `Su comentario ya fue enviado, así que no se puede cambiar aquí. Su número de recibo es ${receipt}. Gracias por participar.`,
  submitFromReviewOnly: 'Para enviar su comentario, primero escriba revisar. Verá todas sus respuestas y podrá enviarlo desde ahí.',
  submitTooEarly: 'Podrá enviar su comentario después de pasar por las preguntas.',
  submitNothingAnswered:
    'Todavía no hay nada que enviar: todas las preguntas están vacías. Escriba editar y un número para contestar al menos una pregunta (por ejemplo: editar 1).',
  submitAfterDeadline: (date) =>
    `La fecha límite para los comentarios fue el ${date} y ya pasó, así que este comentario no se puede enviar. Su borrador se conserva.`,
  submitFailed: 'Perdón, su comentario no se pudo guardar en este momento. No se perdió nada: todas sus respuestas siguen aquí.\nLo guardaremos por usted en cuanto sea posible y le avisaremos aquí. También puede escribir enviar para intentarlo usted. Si antes cambia una respuesta, envíelo de nuevo cuando esté listo.',
  submitRetried: 'Buenas noticias: el comentario que envió antes no se pudo guardar en ese momento, y ahora sí quedó guardado.',
  submitFailedNotPending: 'Perdón, algo falló al enviar. No se perdió nada. Cuando quiera, escriba revisar y luego enviar.',

  // ── Cancel ───────────────────────────────────────────────────────────────────────────────────────
  cancelConfirm:
    '¿Quiere descartar su borrador? No se enviará nada de lo que escribió, y no se puede deshacer.\nEscriba sí para descartarlo, o no para conservarlo.',
  cancelled: 'Su borrador fue descartado. No se envió nada. Puede empezar de nuevo cuando quiera.',
  cancelKept: 'De acuerdo, su borrador se conserva.',
  clearKept: 'De acuerdo, su respuesta se conserva.',
  cancelNothing: 'Todavía no hay nada que descartar.',
  cancelAfterSubmit: (receipt) =>
    `Su comentario ya fue enviado, así que no se puede retirar aquí. Su número de recibo es ${receipt}.`,
  stillWaiting: 'Antes le pedimos una confirmación. Escriba sí o no.',

  // ── Out-of-place and unknown ─────────────────────────────────────────────────────────────────────
  unknownCommand: 'Perdón, no entendí eso. Escriba ayuda para ver lo que puede hacer aquí.',
  reviewTextNotAdded:
    'Ese mensaje no se agregó a ninguna respuesta. Para agregar a una respuesta, primero escriba editar y el número de la pregunta (por ejemplo: editar 2).',
  alreadyAgreed: 'Usted ya aceptó. Escriba continuar para ver dónde está.',
  nothingBefore: 'Este es el primer paso, así que no hay nada antes.',
  nextInIntro: 'Para empezar, escriba acepto, por favor.',
  nextInReview: 'Este es el último paso. Escriba enviar para mandar su comentario, o editar y un número para cambiar una respuesta.',
  skipNotHere: 'Aquí no hay nada que omitir.',
  skipOrganization: 'Si prefiere no dar el nombre de su organización, escriba anónimo.',
  skipRespondentType: 'Esta respuesta hace falta para ordenar los comentarios. Si ninguna opción le corresponde, elija Otro.',
  reviewTooEarly: 'Podrá revisar sus respuestas cuando llegue a las preguntas.',
  editTooEarly: 'Podrá ir a una pregunta cuando llegue a las preguntas.',
  editRange: (total) => `Hay ${total} preguntas. Escriba editar y un número del 1 al ${total}, por ejemplo: editar 2`,
  nothingToConfirm: 'Ahora no hay nada que confirmar.',
  anonymousNotHere: 'Anónimo solo se usa para el nombre de la organización.',
  languageUnknown: 'Escriba idioma es para español, o language en para inglés.',
  afterSubmissionNavigation: (receipt) =>
    `Su comentario ya fue enviado. Su número de recibo es ${receipt}. Escriba ayuda si necesita algo más.`,

  // ── Status ───────────────────────────────────────────────────────────────────────────────────────
  statusWhere: (place) => `Dónde está: ${place}.`,
  statusAnswered: (answered, total) => `Preguntas contestadas: ${answered} de ${total}.`,
  stepNames: {
    intro: 'la introducción',
    organization: 'el nombre de su organización',
    respondentType: 'cómo responde (tipo de participante)',
    contactEmail: 'su correo de contacto',
    review: 'la revisión de sus respuestas',
    submitted: 'enviado',
  },
  statusQuestion: (n, total) => `pregunta ${n} de ${total}`,

  // ── Help ─────────────────────────────────────────────────────────────────────────────────────────
  helpHeading: 'Lo que puede escribir aquí:',
  helpCommands: {
    agree: 'acepto: aceptar el aviso y empezar',
    language: 'language en: in English',
    anonymous: 'anónimo: no dar el nombre de su organización',
    next: 'siguiente: pasar al siguiente paso',
    skip: 'omitir: dejar esto sin contestar',
    back: 'atrás: volver un paso',
    review: 'revisar: ver todas sus respuestas',
    edit: 'editar 2: ir a la pregunta 2 (sirve cualquier número)',
    clear: 'borrar: quitar esta respuesta y empezarla de nuevo',
    submit: 'enviar: mandar su comentario',
    status: 'estado: ver su avance y la fecha límite',
    cancel: 'cancelar: descartar su borrador',
    resume: 'continuar: mostrar de nuevo el paso actual',
    reminders: 'parar recordatorios: no recibir más recordatorios antes de la fecha límite (activar recordatorios los vuelve a activar)',
    withdraw: 'retirar: quitar su comentario y su borrador de esta consulta para siempre',
  },
  helpAnytime: 'Puede escribir ayuda en cualquier momento.',

  // ── Button labels ────────────────────────────────────────────────────────────────────────────────
  actions: {
    agree: 'Acepto',
    otherLanguage: 'English',
    anonymous: 'Prefiero no decirlo',
    next: 'Siguiente',
    nextToReview: 'Listo, volver a la revisión',
    nextLast: 'Ir a la revisión',
    skip: 'Omitir',
    back: 'Atrás',
    help: 'Ayuda',
    review: 'Revisar mis respuestas',
    submit: 'Enviar mi comentario',
    cancel: 'Descartar borrador',
    resume: 'Continuar',
    yesCancel: 'Sí, descartarlo',
    yesClear: 'Sí, quitarla',
    no: 'No, conservar',
  },
  actionEdit: (n) => `Editar pregunta ${n}`,
  filesNotRead: 'Solo puedo leer texto escrito, así que no abrí ni guardé el archivo que compartió. Escriba o pegue su respuesta como mensaje.',

  reminders: {
    invite: (title, questionCount, deadline) =>
      `Hola. Le invitamos a compartir su experiencia y sus opiniones para «${title}», una Solicitud de Información federal. Son ${questionCount} preguntas, puede omitir cualquiera y puede parar en cualquier momento y volver más tarde. Los comentarios se cierran el ${deadline}.`,
    inviteStart: 'Comenzar',
    countdown: (daysLeftText, title) => `Un recordatorio sobre «${title}»: ${daysLeftText}.`,
    progressNone: 'Todavía no ha respondido ninguna pregunta. Toma unos minutos y puede omitir cualquier pregunta.',
    progressSome: (answered, total) => `Hasta ahora ha respondido ${answered} de ${total} preguntas. Su borrador está guardado.`,
    fromStaff: (message) => `Una nota de los organizadores: ${message}`,
    resume: (step) => `Continuar (${step})`,
    resumeStart: 'Empezar',
    stop: 'No más recordatorios',
    howToStop: 'Para dejar de recibir estos recordatorios, escriba parar recordatorios. Para recibirlos otra vez, escriba activar recordatorios.',
    emailSubject: (title) => `Un recordatorio: ${title}`,
    emailResume: 'Su enlace privado para continuar donde lo dejó (en cualquier dispositivo; no lo comparta, abre su borrador):',
    emailAction: (label, typed) => `${label}: abra el enlace y escriba ${typed}`,
    stopped: 'Listo: no recibirá más recordatorios. Su borrador se conserva. Escriba activar recordatorios si cambia de opinión.',
    started: 'Listo: recibirá recordatorios otra vez antes de la fecha límite. Escriba parar recordatorios para detenerlos.',
  },

  withdraw: {
    ask: 'Retirar elimina su envío (si lo hizo) y su borrador de esta consulta para siempre. Los organizadores no los verán. Para continuar, escriba: retirar confirmar. Para conservarlo todo, simplemente siga.',
    askAction: 'Retirar todo',
    done: 'Listo: su envío y su borrador fueron eliminados. Gracias por su tiempo. Puede empezar de nuevo en cualquier momento antes de la fecha límite.',
    closed: 'La consulta ya cerró, así que las respuestas ya no se pueden retirar aquí. Comuníquese con los organizadores.',
  },

  forwarded: (receipt, tracking) =>
    `Su comentario (recibo ${receipt}) ya está en el expediente público de regulations.gov. Su número de seguimiento es ${tracking}: guárdelo para encontrar su comentario allí.`,

  staffChat: {
    notStaff: 'Este comando es para el personal de la consulta. Si usted es parte del personal, pida a un administrador que le agregue a STAFF_USERS.',
    help: 'Comandos del personal: /rfi-admin status (la lista y los últimos envíos), /rfi-admin remind unfinished (o not-started, in-progress).',
    status: (total, invited, started, submitted, optedOut, unreachable) =>
      `Lista: ${total} participantes. Sin empezar: ${invited}. En curso: ${started}. Enviados: ${submitted}. Sin recordatorios: ${optedOut}. Sin contacto posible: ${unreachable}.`,
    lastSend: (audience, sent, total, failed, done) =>
      `Último envío (${audience}): ${sent} de ${total} enviados, ${failed} fallidos${done ? ', terminado' : ', en curso'}.`,
    queued: (count, audience) => `Recordatorios en cola para participantes ${audience}: ${count}. Escriba /rfi-admin status para seguirlos.`,
    refused: (reason) => `No se envió nada: ${reason}`,
  },

  teamsCard: {
    answerLabel: 'Su respuesta',
    answerPlaceholder: 'Escriba aquí y pulse Enviar. También puede escribir en el cuadro del chat.',
    send: 'Enviar',
    shortened: 'Algunas respuestas largas se acortan en esta tarjeta para que quepa en Teams. No se quitó nada de lo guardado.',
    received: 'Recibido.',
  },
};
