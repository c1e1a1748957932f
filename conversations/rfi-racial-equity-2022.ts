import type { FlowInput } from '../src/flow/definition.js';

/**
 * Request for Information: advancing racial equity in federal anti-trafficking work (February 2022).
 * Source: U.S. Department of State notice in the Federal Register, on behalf of the Senior Policy
 * Operating Group (SPOG) of the President's Interagency Task Force to Monitor and Combat Trafficking in
 * Persons. See docs/rfi/racial-equity-anti-trafficking-2022.md.
 *
 * The English questions are the notice's wording, VERBATIM (a test compares them), in the notice's order.
 * Changing any wording means bumping `version`. Help text is ours: plain and kind, for small, busy
 * organizations and for survivors, who must never feel they have to tell their own story.
 */
export default {
  id: 'rfi-racial-equity-2022',
  version: 1,
  title: {
    en: 'Racial equity in federal anti-trafficking work: Request for Information',
    es: 'Equidad racial en el trabajo federal contra la trata de personas: Solicitud de Información',
  },
  askedBy: {
    en: "The Senior Policy Operating Group of the President's Interagency Task Force to Monitor and Combat Trafficking in Persons, in a U.S. Department of State notice (February 2022).",
    es: 'El Grupo Operativo de Políticas de Alto Nivel (SPOG, por sus siglas en inglés) del Grupo de Trabajo Interinstitucional del Presidente para Monitorear y Combatir la Trata de Personas, en un aviso del Departamento de Estado de los EE. UU. (febrero de 2022).',
  },
  purpose: {
    en: 'The federal agencies that work against human trafficking want to hear how their work can advance racial equity. There are five questions. Your experience matters, whether you answer one question or all five.',
    es: 'Las agencias federales que trabajan contra la trata de personas quieren saber cómo su trabajo puede promover la equidad racial. Hay cinco preguntas. Su experiencia es importante, ya sea que conteste una pregunta o las cinco.',
  },
  // noticeUrl and contact (the notice's Federal Register address and its "for further information"
  // contact) are left out on purpose: docs/rfi/ does not state them, and a made-up address on a
  // federal consultation would be worse than none. A deployment adds both here (docs/partners.md);
  // the intro and every receipt then show them.
  deadline: '2022-03-15T23:59:59-04:00',
  timeZone: 'America/New_York',
  commentLimitChars: 5000,
  respondentTypes: [
    {
      id: 'survivor-led-organization',
      label: { en: 'Survivor-led organization', es: 'Organización dirigida por sobrevivientes' },
    },
    {
      id: 'direct-service-provider',
      label: { en: 'Direct service provider', es: 'Proveedor de servicios directos' },
    },
    {
      id: 'advocacy-or-faith-based-organization',
      label: { en: 'Advocacy or faith-based organization', es: 'Organización de defensa o basada en la fe' },
    },
    {
      id: 'researcher-or-academic',
      label: { en: 'Researcher or academic', es: 'Investigador o académico' },
    },
    {
      id: 'government',
      label: { en: 'Government', es: 'Gobierno' },
    },
    {
      id: 'individual',
      label: { en: 'Individual', es: 'Persona a título individual' },
    },
    {
      id: 'other',
      label: { en: 'Other', es: 'Otro' },
    },
  ],
  questions: [
    {
      id: 'racial-equity-meaning',
      text: {
        en: 'What does racial equity mean in terms of human trafficking? Are there special considerations for labor or sex trafficking?',
        es: '¿Qué significa la equidad racial en relación con la trata de personas? ¿Hay consideraciones especiales para la trata con fines laborales o sexuales?',
      },
      help: {
        en: 'There is no right answer. You could say what racial equity looks like in your work, or where you see people of color treated differently: for example, in who is seen as a victim, who is arrested, or who gets help. If labor trafficking and sex trafficking look different where you are, you can say how. Please speak in general terms and do not describe any one person.',
        es: 'No hay una respuesta correcta. Puede decir cómo se ve la equidad racial en su trabajo, o dónde ve que a las personas de color se las trata de otra manera: por ejemplo, en quién es reconocido como víctima, a quién se arresta o quién recibe ayuda. Si la trata laboral y la trata sexual se ven distintas donde usted está, puede decir cómo. Hable en términos generales y no describa a ninguna persona en particular, por favor.',
      },
    },
    {
      id: 'federal-barriers',
      text: {
        en: 'How have federal anti-trafficking programs, systems and policies hindered advancing racial equity? How can the executive branch address this?',
        es: '¿De qué manera los programas, sistemas y políticas federales contra la trata de personas han obstaculizado el avance de la equidad racial? ¿Cómo puede el poder ejecutivo abordar esto?',
      },
      help: {
        en: 'Think of rules, funding, forms, eligibility or practices that made things harder for the people you serve or for your organization. Then, if you can, say what would help instead. Short, concrete examples are very useful. You do not need to know which agency is responsible.',
        es: 'Piense en reglas, fondos, formularios, requisitos o prácticas que hicieron las cosas más difíciles para las personas a las que usted atiende o para su organización. Luego, si puede, diga qué ayudaría en su lugar. Los ejemplos cortos y concretos son muy útiles. No necesita saber qué agencia es responsable.',
      },
    },
    {
      id: 'agency-integration',
      text: {
        en: 'How can the agencies that are part of the operating group individually and collectively integrate racial equity into their anti-trafficking work domestically and internationally, such as with investigations, prosecutions, victim services, grants, procurements, supply chain, research and data collection, and public outreach?',
        es: '¿Cómo pueden las agencias que forman parte del grupo operativo, de forma individual y en conjunto, integrar la equidad racial en su trabajo contra la trata de personas, dentro del país y a nivel internacional, por ejemplo en las investigaciones, los procesos judiciales, los servicios a víctimas, las subvenciones, las compras públicas, las cadenas de suministro, la investigación y la recopilación de datos, y la divulgación pública?',
      },
      help: {
        en: 'You can pick just one area you know well, such as victim services, grants or research, and answer only for that. The operating group brings together 20 federal departments and agencies, including State, Justice, Labor, Health and Human Services and Homeland Security.',
        es: 'Puede elegir una sola área que conozca bien, como los servicios a víctimas, las subvenciones o la investigación, y responder solo sobre esa. El grupo operativo reúne a 20 departamentos y agencias federales, entre ellos los de Estado, Justicia, Trabajo, Salud y Servicios Humanos, y Seguridad Nacional.',
      },
    },
    {
      id: 'intersecting-barriers',
      text: {
        en: 'What are some ways to address the compounded barriers at the intersections of systemic racism and other forms of discrimination, such as discrimination against persons with disabilities, LGBTQ+ persons, and women and girls, in anti-trafficking programs?',
        es: '¿Cuáles son algunas formas de abordar las barreras que se suman donde el racismo sistémico se cruza con otras formas de discriminación, como la discriminación contra las personas con discapacidad, las personas LGBTQ+, y las mujeres y las niñas, en los programas contra la trata de personas?',
      },
      help: {
        en: 'This is about people who face more than one kind of unfair treatment at once, for example a Black transgender woman, or an immigrant with a disability. You could share what gets in their way in programs, and what has worked to remove those barriers.',
        es: 'Se trata de personas que enfrentan más de un tipo de trato injusto a la vez, por ejemplo una mujer trans negra, o una persona inmigrante con una discapacidad. Puede contar qué obstáculos encuentran en los programas y qué ha funcionado para quitarlos.',
      },
    },
    {
      id: 'community-engagement',
      text: {
        en: 'How can the agencies that are part of the operating group incorporate racial equity into their community and stakeholder engagements?',
        es: '¿Cómo pueden las agencias que forman parte del grupo operativo incorporar la equidad racial en su relación con las comunidades y con las partes interesadas?',
      },
      help: {
        en: 'Think of how agencies ask communities for input, like this request. Who is invited, and who is left out? What would make it easier for your community to take part: language, timing, pay for your time, who is in the room, or something else?',
        es: 'Piense en cómo las agencias piden la opinión de las comunidades, como en esta solicitud. ¿A quién invitan y a quién dejan fuera? ¿Qué haría más fácil que su comunidad participe: el idioma, los horarios, que le paguen por su tiempo, quién está presente, u otra cosa?',
      },
    },
  ],
  help: {
    intro: {
      en: 'This bot helps you send a comment to a federal Request for Information, one question at a time. Your answers are saved as you go, so you can stop and come back later. Nothing is sent until you review it and type submit.',
      es: 'Este bot le ayuda a enviar un comentario a una Solicitud de Información federal, una pregunta a la vez. Sus respuestas se guardan a medida que avanza, así que puede parar y volver más tarde. No se envía nada hasta que usted lo revise y escriba enviar.',
    },
    organization: {
      en: "Type the name of your organization as you would like it to appear with your comment. If you are answering for yourself, or would rather not say, type anonymous. That is completely fine.",
      es: 'Escriba el nombre de su organización tal como quiere que aparezca con su comentario. Si responde por su cuenta, o prefiere no decirlo, escriba anónimo. No hay ningún problema.',
    },
    respondentType: {
      en: 'This helps the task force understand who is answering. Choose the one that fits best; if none does, choose Other. You can type the number, for example 2.',
      es: 'Esto ayuda al grupo de trabajo a entender quién responde. Elija la opción que mejor le corresponda; si ninguna, elija Otro. Puede escribir el número, por ejemplo 2.',
    },
    contactEmail: {
      en: 'An email lets the team write to you if they have a question about your comment. It is stored apart from your comment, is never published, and is optional.',
      es: 'Un correo permite que el equipo le escriba si tiene alguna pregunta sobre su comentario. Se guarda aparte de su comentario, nunca se publica y es opcional.',
    },
    review: {
      en: 'This is everything that will be sent. Read it once more: it will be public. To change an answer, type edit and the question number. When you are happy with it, type submit.',
      es: 'Esto es todo lo que se enviará. Léalo una vez más: será público. Para cambiar una respuesta, escriba editar y el número de la pregunta. Cuando esté conforme, escriba enviar.',
    },
  },
} satisfies FlowInput;
