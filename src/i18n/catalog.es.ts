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
  reviewHowTo:
    'Para mandarlo, pulse Enviar mi comentario o escriba enviar. Para cambiar una respuesta, pulse Editar pregunta y su número, o escriba editar y el número (por ejemplo: editar 2). Para desecharlo, pulse Descartar borrador o escriba descartar.',
  reviewHowToAfterDeadline:
    'Para cambiar una respuesta, escriba editar y su número (por ejemplo: editar 2). Para desechar su borrador, pulse Descartar borrador o escriba descartar.',

  // ── Submit ───────────────────────────────────────────────────────────────────────────────────────
  alreadySubmitted: (receipt) => `Su comentario ya se recibió. Su número de recibo es ${receipt}.`,
  afterSubmissionRefused: (receipt) =>
    `Su comentario ya se recibió, así que no se puede cambiar aquí. Su número de recibo es ${receipt}. Gracias por participar.`,
  submitFromReviewOnly: 'Para enviar su comentario, primero escriba revisar. Verá todas sus respuestas y podrá enviarlo desde ahí.',
  submitTooEarly: 'Podrá enviar su comentario después de pasar por las preguntas.',
  submitNothingAnswered:
    'Todavía no hay nada que enviar: todas las preguntas están vacías. Escriba editar y un número para contestar al menos una pregunta (por ejemplo: editar 1).',
  submitAfterDeadline: (date) =>
    `La fecha límite para los comentarios fue el ${date} y ya pasó, así que este comentario no se puede enviar. Su borrador se conserva.`,
  submitFailed: 'Perdón, su comentario no se pudo guardar en este momento. No se perdió nada: todas sus respuestas siguen aquí.\nLo guardaremos por usted en cuanto sea posible y le avisaremos aquí. También puede pulsar Enviar mi comentario (o escribir enviar) para intentarlo usted. Si antes cambia una respuesta, envíelo de nuevo cuando esté listo.',
  submitRetried: 'Buenas noticias: el comentario que envió antes no se pudo guardar en ese momento, y ahora sí quedó guardado.',
  submitFailedNotPending: 'Perdón, algo falló al enviar. No se perdió nada. Cuando quiera, escriba revisar y luego enviar.',

  // ── Storable text and permanent submit failures (issue 18 item 2) ────────────────────────────────
  submitRefusedPermanently:
    'Perdón, su comentario no se pudo guardar, y volver a intentarlo no lo resolverá: el problema es de nuestro lado. No se perdió nada: todas sus respuestas siguen aquí, y no se enviará nada sin usted.\nPor favor, avise al equipo de la consulta (las personas que le invitaron) que su comentario no se pudo guardar, para que lo arreglen. Puede escribir revisar para ver sus respuestas, y enviarlo de nuevo más tarde.',
  charactersRemoved:
    'Nota: su mensaje tenía caracteres invisibles que no se pueden guardar (como un carácter nulo), así que se quitaron. Todo lo demás se guarda tal como lo escribió.',

  // ── Cancel ───────────────────────────────────────────────────────────────────────────────────────
  cancelConfirm:
    '¿Quiere descartar su borrador? No se enviará nada de lo que escribió, y no se puede deshacer.\nEscriba sí para descartarlo, o no para conservarlo.',
  cancelled: 'Su borrador fue descartado. No se envió nada. Puede empezar de nuevo cuando quiera.',
  cancelKept: 'De acuerdo, su borrador se conserva.',
  clearKept: 'De acuerdo, su respuesta se conserva.',
  cancelNothing: 'Todavía no hay nada que descartar.',
  cancelAfterSubmit: (receipt) =>
    `Su comentario ya se recibió, así que no se puede retirar aquí. Su número de recibo es ${receipt}.`,
  stillWaiting: 'Antes le pedimos una confirmación. Escriba sí o no.',

  // ── Out-of-place and unknown ─────────────────────────────────────────────────────────────────────
  unknownCommand: 'Perdón, no entendí eso. Escriba ayuda para ver lo que puede hacer aquí.',
  reviewTextNotAdded:
    'Ese mensaje no se agregó a ninguna respuesta. Para agregar a una respuesta, primero escriba editar y el número de la pregunta (por ejemplo: editar 2).',
  alreadyAgreed: 'Usted ya aceptó. Escriba continuar para ver dónde está.',
  nothingBefore: 'Este es el primer paso, así que no hay nada antes.',
  nextInIntro: 'Para empezar, escriba acepto, por favor.',
  nextInReview: 'Este es el último paso. Pulse Enviar mi comentario (o escriba enviar) para mandarlo, o escriba editar y un número para cambiar una respuesta.',
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
    `Su comentario ya se recibió. Su número de recibo es ${receipt}. Escriba ayuda si necesita algo más.`,

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
    submit: 'enviar: mandar su comentario (el botón Enviar mi comentario)',
    status: 'estado: ver su avance y la fecha límite',
    cancel: 'descartar: desechar su borrador (el botón Descartar borrador)',
    resume: 'continuar: mostrar de nuevo el paso actual',
    copy: 'copia: recibir una copia del comentario que envió',
    reminders: 'parar recordatorios: no recibir más recordatorios antes de la fecha límite (activar recordatorios los vuelve a activar)',
    withdraw: 'retirar: quitar su comentario y su borrador de esta consulta para siempre',
  },
  helpAnytime: 'Puede escribir ayuda en cualquier momento.',

  // ── Button labels ────────────────────────────────────────────────────────────────────────────────
  actions: {
    agree: 'Acepto',
    otherLanguage: 'English (language en)',
    anonymous: 'Anónimo: prefiero no decirlo',
    next: 'Siguiente',
    nextToReview: 'Siguiente: volver a la revisión',
    nextLast: 'Siguiente: ir a la revisión',
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
    copy: 'Recibir una copia',
  },
  actionEdit: (n) => `Editar pregunta ${n}`,

  // ── Botones y palabras escritas coinciden (issue 19) ─────────────────────────────────────────────
  typedCommands: {
    agree: 'acepto',
    otherLanguage: 'language en',
    anonymous: 'anonimo',
    next: 'siguiente',
    nextToReview: 'siguiente',
    nextLast: 'siguiente',
    skip: 'omitir',
    back: 'atras',
    help: 'ayuda',
    review: 'revisar',
    submit: 'enviar',
    cancel: 'descartar',
    resume: 'continuar',
    yesCancel: 'si',
    yesClear: 'si',
    no: 'no',
    copy: 'copia',
  },
  typedEdit: (n) => `editar ${n}`,

  // ── La revisión como vista estructurada, recibos, copias, a quién contactar (issue 19) ───────────
  reviewPiiTitle: 'Atención: información personal',
  reviewShortened: (shown, total, command) =>
    `Acortada aquí: los primeros ${shown} de ${total} caracteres. Para leerla completa, escriba ${command}.`,
  reviewEditAnswer: 'Editar una respuesta',
  reviewEditWhich: '¿Qué respuesta quiere cambiar?',
  reviewEditGo: 'Editar esta respuesta',
  receiptReceived: (next, receipt) =>
    `Recibido. ${next}\nSu número de recibo es ${receipt}. Guárdelo, por favor: con él puede preguntar por su comentario más adelante.`,
  receiptNext: {
    'after-review':
      'Una persona moderadora lo revisa antes de publicarlo en el expediente público. Cuando se publique, recibirá aquí su número de seguimiento.',
    auto: 'Se está publicando ahora en el expediente público. Cuando se publique, recibirá aquí su número de seguimiento.',
    off: 'El envío al expediente no está configurado aquí: la agencia lo recibe desde este sistema, no a través del sitio web del expediente público.',
  },
  receiptSentOn: (date, next, receipt) => `Su comentario se recibió el ${date}. ${next}\nSu número de recibo es ${receipt}.`,
  receiptCopyOffer: 'Para recibir una copia de lo que envió, pulse Recibir una copia o escriba copia.',
  contactLine: (name, how) => `¿Preguntas sobre esta consulta? Comuníquese con ${name}: ${how}`,
  contactOr: (first, second) => `${first} o ${second}`,
  noticeLine: (url) => `El aviso oficial: ${url}`,
  copyHeading: (title) => `Una copia de su comentario: ${title}`,
  copySubmittedAt: (date) => `Recibido: ${date}`,
  copyReceipt: (receipt) => `Número de recibo: ${receipt}`,
  copyFrom: (organization, respondentType) => `De: ${organization} (${respondentType})`,
  copyQuestion: (n, text) => `Pregunta ${n}: ${text}`,
  copyAnswerLabel: 'Su respuesta:',
  copyNoAnswer: '(sin respuesta)',
  copyNotYet: 'La copia está lista cuando haya enviado su comentario. Para ver sus respuestas ahora, escriba revisar.',
  copyDocketTracking: (tracking) => `Publicado en el expediente: número de seguimiento ${tracking}`,
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
    // Staff previews (issue 17): stands for the progress line, which differs for each partner.
    progressPreview: '[Hasta dónde llegó cada participante, p. ej. «Ha respondido 2 de 5 preguntas hasta ahora. Su borrador está guardado.»]',
    stopped: 'Listo: no recibirá más recordatorios. Su borrador se conserva. Escriba activar recordatorios si cambia de opinión.',
    started: 'Listo: recibirá recordatorios otra vez antes de la fecha límite. Escriba parar recordatorios para detenerlos.',
  },

  withdraw: {
    ask: 'Retirar elimina su envío (si lo hizo) y su borrador de esta consulta para siempre. Los organizadores no los verán. Para continuar, escriba: retirar confirmar. Para conservarlo todo, simplemente siga.',
    askAction: 'Sí, retirar todo (retirar confirmar)',
    done: 'Listo: su envío y su borrador fueron eliminados. Gracias por su tiempo. Puede empezar de nuevo en cualquier momento antes de la fecha límite.',
    closed: 'La consulta ya cerró, así que las respuestas ya no se pueden retirar aquí. Comuníquese con los organizadores.',
  },

  forwarded: (receipt, tracking) =>
    `Publicado en el expediente: número de seguimiento ${tracking}. Su comentario (recibo ${receipt}) ya está en el expediente público de regulations.gov: guarde el número de seguimiento para encontrarlo allí.`,

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

  // ── Registro público: el nombre de la organización se revisa como una respuesta (issue 18) ─────────
  reviewPiiOrganizationLine: (kinds) => `Nombre de la organización: ${kinds}`,
  reviewPiiOrganizationAdvice:
    'Si se trata de una persona sobreviviente o de cualquier otra persona, cámbielo, por favor. Escriba atrás hasta llegar a la pregunta de la organización y escriba un nombre nuevo o anónimo. Aun así, puede enviar su comentario tal como está.',


  // ── Email: double opt-in, unsubscribe, invitations, the web chat's "Remind me by email" (issue 17) ─────
  email: {
    resumeLink: 'Su enlace privado para continuar donde lo dejó (en cualquier dispositivo; no lo comparta, abre su borrador):',
    stopLink: 'Para dejar de recibir estos recordatorios, abra este enlace (un clic, nada más que hacer):',
    inviteSubject: (title) => `Una invitación: ${title}`,
    inviteLink: 'Su enlace privado para empezar (abre un borrador propio; no lo comparta):',
    inviteStopLink: 'Si prefiere no recibir recordatorios sobre esto, abra este enlace:',
    confirmSubject: (title) => `Confirme su correo para los recordatorios: ${title}`,
    confirmBody: (title) =>
      `Alguien pidió, en el chat web de "${title}" (una Solicitud de Información federal), que se envíen recordatorios a esta dirección antes de la fecha límite.`,
    confirmLink: (hours) => `Si fue usted, abra este enlace y pulse Confirmar (funciona durante ${hours} horas):`,
    confirmIgnore: 'Si no fue usted, no tiene que hacer nada: ignore este correo y no recibirá nada más de nosotros.',
    pageTitle: 'Recordatorios por correo',
    confirmHeading: 'Confirme su correo para los recordatorios',
    confirmText: (email) => `Pulse Confirmar para recibir algunos recordatorios en ${email} antes de la fecha límite, cada uno con un enlace privado para continuar su borrador. Si no lo pidió, simplemente cierre esta página.`,
    confirmButton: 'Confirmar',
    confirmedHeading: 'Gracias: su correo está confirmado',
    confirmedText: (email) => `Los recordatorios irán a ${email}. Cada uno tiene un enlace para detenerlos, y puede escribir parar recordatorios en el chat cuando quiera.`,
    backToChat: 'Ir al chat',
    linkInvalid: 'Este enlace ya no funciona: ya se usó, caducó o quedó cortado. Puede pedir uno nuevo en el chat, en Recordarme por correo electrónico.',
    unsubscribeHeading: 'Detener los recordatorios',
    unsubscribeText: (email) => `Pulse Detener recordatorios y ${email} no recibirá más recordatorios de esta consulta. Su borrador se conserva.`,
    unsubscribeButton: 'Detener recordatorios',
    unsubscribedHeading: 'Listo: no habrá más recordatorios',
    unsubscribedText: (email) => `${email} no recibirá más recordatorios. Su borrador se conserva. Si cambia de opinión, escriba activar recordatorios en el chat.`,
    panel: {
      title: 'Recordarme por correo electrónico',
      purpose:
        'Esta dirección se usa solo para enviarle algunos recordatorios antes de la fecha límite, cada uno con un enlace privado para continuar en cualquier dispositivo. El correo de contacto de las preguntas es otro: permite que el equipo le contacte sobre su comentario, y se mantiene privado.',
      emailLabel: 'Su correo para los recordatorios',
      check: 'Envíenme algunos recordatorios antes de la fecha límite',
      save: 'Guardar',
      stateNone: 'Todavía no hay correos de recordatorio.',
      statePending: (email) => `Enviamos un mensaje a ${email}. Abra el enlace que contiene para confirmar: hasta entonces, no se envía nada más allí.`,
      stateOn: (email) => `Los recordatorios van a ${email}. Para detenerlos, desmarque la casilla y guarde, o escriba parar recordatorios.`,
      stateStopped: (email) => `Los recordatorios a ${email} están detenidos. Marque la casilla y guarde para recibirlos de nuevo.`,
      refusedAddress: 'Ya enviamos varios mensajes de confirmación a esta dirección hoy, así que no enviaremos otro ahora. Busque los anteriores (también en correo no deseado) o inténtelo de nuevo mañana.',
      refusedSession: 'Ha pedido varios mensajes de confirmación hoy, así que no enviaremos otro ahora. Inténtelo de nuevo mañana.',
      sendFailed: 'No pudimos enviar el mensaje de confirmación ahora. No se guardó nada. Inténtelo de nuevo en unos minutos.',
      badEmail: 'Escriba un correo electrónico como nombre@ejemplo.org.',
      failed: 'Su elección no se guardó. Inténtelo de nuevo.',
    },
  },
  teamsCard: {
    answerLabel: 'Su respuesta',
    answerPlaceholder: 'Escriba aquí y pulse Guardar. También puede escribir en el cuadro del chat.',
    send: 'Guardar',
    respondentTypeLabel: 'Elija cómo responde y pulse Elegir.',
    choose: 'Elegir',
    more: 'Más',
    shortened: 'Algunas respuestas largas se acortan en esta tarjeta para que quepa en Teams. No se quitó nada de lo guardado.',
    received: 'Recibido.',
  },

  // ── Web chat page (adapters/webchat/public, issue 19) ────────────────────────────────────────────────
  webchatPage: {
    answerLimit: 'Una respuesta puede tener hasta {limit} caracteres.',
    counter: '{count} de {limit} caracteres',
    tooLong:
      'No se envió: tiene {count} caracteres, y una respuesta puede tener hasta {limit}. Su texto sigue en el cuadro. Acórtelo o envíelo en dos partes: la segunda se añade a la primera.',
    introNotesHeading: 'Antes de empezar',
    introNotice: 'Lea el aviso oficial',
    introContact: '¿Preguntas? Comuníquese con {name}:',
    warningIcon: 'Advertencia',
    reviewAnswer: 'Su respuesta',
    downloadCopy: 'Descargar una copia',
    downloadFailed: 'No se pudo descargar la copia. Inténtelo de nuevo, o escriba copia para verla aquí.',
    print: 'Imprimir',
  },
};

