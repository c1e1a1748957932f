/**
 * Word lists for the personal-name hint (lower case, accents removed). Kept apart from the logic so they
 * can grow as moderators report misses and false alarms.
 */

/** Common Spanish and Latin American first names the English list lacks (accents removed). */
export const SPANISH_FIRST_NAMES: readonly string[] = [
  'alejandra', 'adriana', 'agustin', 'alba', 'alicia', 'alonso', 'alvaro', 'amparo', 'andres', 'angel', 'araceli',
  'armando', 'aurora', 'beatriz', 'blanca', 'carlos', 'catalina', 'cesar', 'claudia', 'concepcion', 'consuelo',
  'cristina', 'dolores', 'eduardo', 'elena', 'emilio', 'enrique', 'esperanza', 'esteban', 'eugenia', 'fabiola',
  'felipe', 'fernanda', 'francisco', 'gabriela', 'gerardo', 'gonzalo', 'graciela', 'guadalupe', 'gustavo', 'hector',
  'hugo', 'ignacio', 'ines', 'irma', 'isabel', 'jaime', 'javier', 'jesus', 'joaquin', 'jorge', 'josefina', 'juana',
  'julio', 'leticia', 'lorena', 'lourdes', 'lucia', 'luz', 'manuel', 'marcela', 'mariana', 'mario', 'martin',
  'mercedes', 'miguel', 'milagros', 'montserrat', 'nayeli', 'nicolas', 'norma', 'octavio', 'pablo', 'paola',
  'patricia', 'pilar', 'rafael', 'ramon', 'raul', 'refugio', 'ricardo', 'rocio', 'rodrigo', 'rogelio', 'rosario',
  'ruben', 'salvador', 'santiago', 'sergio', 'socorro', 'sofia', 'soledad', 'teresa', 'valentina', 'veronica',
  'vicente', 'ximena', 'xochitl', 'yesenia', 'yolanda', 'zulema', 'lupe', 'maite', 'itzel', 'yadira', 'marisol',
];

/** Common first names the English list lacks (African American, Arabic, South and East Asian ones). */
export const OTHER_FIRST_NAMES: readonly string[] = [
  'latoya', 'deshawn', 'dashawn', 'shanice', 'tamika', 'lakisha', 'latisha', 'tanisha', 'imani', 'aaliyah', 'jalen',
  'malik', 'rashad', 'trayvon', 'marquis', 'shaquille', 'nia', 'zuri', 'amari', 'jada', 'khadijah', 'keisha', 'ayesha',
  'aisha', 'fatima', 'hassan', 'yusuf', 'mohammed', 'muhammad', 'ahmed', 'omar', 'priya', 'anjali', 'raj', 'minh',
  'linh', 'wei', 'yuki', 'hiroshi', 'kenji', 'destiny',
];

/**
 * Entries of the English list that are far more often ordinary words, or parts of Spanish surnames and
 * place names, than first names: never read as a first name.
 */
export const NOT_FIRST_NAMES: ReadonlySet<string> = new Set([
  'de', 'del', 'di', 'la', 'le', 'van', 'von', 'el', 'my', 'man', 'mar', 'law', 'way', 'red', 'see', 'say', 'saw', 'any',
  'boy', 'had', 'hi', 'job', 'ban', 'bar', 'bat', 'bay', 'car', 'dew', 'far', 'fax', 'fee', 'fin', 'gal', 'gun', 'ham',
  'lay', 'nap', 'rip', 'sax', 'sly', 'son', 'tab', 'tan', 'wit', 'web', 'win', 'ax', 'axe', 'ab', 'ad', 'ash', 'cad',
  'cos', 'care', 'free', 'price', 'tuesday', 'storm', 'cash', 'happy', 'lucky', 'bliss', 'rock', 'field', 'wood',
  'forest', 'king', 'major', 'page', 'honey', 'haven', 'noble', 'royal', 'prince', 'duke', 'earl', 'baron', 'marshal',
  'warden', 'abbot', 'merry', 'jewel', 'chip', 'see', 'dear',
]);

/**
 * Titles that vouch for the capitalised word after them ("Dr. Ruiz", "Sra. Gómez").
 */
export const TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'dra', 'sr', 'sra', 'srta', 'dona', 'miss', 'senor', 'senora', 'senorita']);

/**
 * First names that are also everyday words or place names: at the start of a sentence they are read
 * as the word ("Will you share…", "Hope House opened…", "Grant funding ended").
 */
export const WORD_FIRST_NAMES: ReadonlySet<string> = new Set([
  'will', 'grant', 'hope', 'faith', 'may', 'june', 'april', 'august', 'bill', 'mark', 'rose', 'sunny', 'chase', 'bank', 'case',
  'page', 'rich', 'cal', 'mercy', 'christian', 'joy', 'dawn', 'summer', 'autumn', 'star', 'art', 'guy', 'jack', 'pat', 'sue',
  'don', 'ray', 'dean', 'rob', 'frank', 'earnest', 'young', 'lane', 'lee', 'ivy', 'holly', 'lily', 'iris', 'pearl', 'ruby',
  'amber', 'crystal', 'destiny', 'harmony', 'honey', 'charity', 'patience', 'trinity', 'precious', 'unique', 'justice',
  'gay', 'angel', 'grace', 'sterling', 'carter', 'norman', 'victoria', 'virginia', 'georgia', 'carolina', 'dakota',
  'jordan', 'austin', 'dallas', 'washington', 'lincoln', 'florence', 'savannah', 'phoenix', 'madison', 'charlotte',
  'orlando', 'denver', 'tyler', 'jackson', 'augusta', 'helena', 'santiago', 'mercedes', 'dolores', 'lourdes', 'luz',
  'refugio', 'esperanza', 'soledad', 'socorro', 'pilar', 'rosario', 'consuelo', 'milagros', 'concepcion', 'salvador',
  'jesus', 'paz', 'sol', 'cruz', 'reina', 'blanca', 'aurora', 'alba', 'nina', 'cielo', 'marina', 'guadalupe', 'sky',
  'sage', 'haven', 'journey', 'royal', 'noble', 'king', 'major', 'prince', 'duke', 'bishop', 'dale', 'glen', 'heath',
  'forest', 'river', 'brook', 'cliff', 'stone', 'wood', 'field', 'hunter', 'archer', 'baker', 'cook', 'mason', 'porter',
  'carol', 'sandy', 'misty', 'goldie', 'kitty', 'penny', 'candy', 'bunny', 'buddy', 'bud', 'ace', 'chance', 'reason',
  'north', 'west', 'east', 'south', 'saint', 'santa', 'san', 'general', 'deputy', 'judge', 'marshal', 'chief', 'else',
]);

/**
 * Words that are not surnames even when capitalised: what organizations, programs, places, dates and
 * headings are made of. A capitalised pair whose second word is one of these, or that is followed by
 * one, is not read as a person ("Hope Center", "Maria Lopez Foundation", "Virginia Beach").
 */
export const NOT_SURNAMES: ReadonlySet<string> = new Set([
  // Organizations, programs and services (English)
  'project', 'projects', 'foundation', 'center', 'centre', 'centers', 'network', 'coalition', 'alliance', 'house', 'home',
  'homes', 'services', 'service', 'program', 'programs', 'institute', 'association', 'council', 'committee', 'church',
  'ministries', 'ministry', 'department', 'office', 'agency', 'bureau', 'university', 'college', 'school', 'academy',
  'hospital', 'clinic', 'health', 'healthcare', 'shelter', 'fund', 'trust', 'society', 'group', 'partners', 'partnership',
  'initiative', 'collective', 'corps', 'inc', 'llc', 'corporation', 'company', 'club', 'team', 'task', 'force', 'board',
  'commission', 'court', 'courts', 'police', 'sheriff', 'legal', 'aid', 'law', 'justice', 'community', 'communities',
  'family', 'families', 'youth', 'women', 'womens', "women's", 'men', 'children', "children's", 'kids', 'survivors',
  'survivor', 'advocates', 'advocacy', 'outreach', 'resource', 'resources', 'relief', 'rescue', 'mission', 'missions',
  'coalitions', 'league', 'union', 'federation', 'institute', 'labs', 'lab', 'press', 'news', 'media', 'times', 'post',
  'memorial', 'elementary', 'jr', 'sr', 'middle', 'high', 'charter', 'county', 'counties', 'city', 'state', 'states', 'federal',
  'national', 'international', 'regional', 'global', 'united', 'american', 'americas', 'act', 'bill', 'plan', 'day',
  'week', 'month', 'year', 'award', 'awards', 'prize', 'scholarship', 'fellowship', 'conference', 'summit', 'forum',
  'workshop', 'training', 'hotline', 'helpline', 'line', 'place', 'street', 'avenue', 'road', 'boulevard', 'lane', 'drive',
  'way', 'tower', 'building', 'plaza', 'square', 'market', 'museum', 'library', 'park', 'parks', 'beach', 'heights',
  'valley', 'springs', 'falls', 'hills', 'island', 'islands', 'bay', 'lake', 'river', 'mountain', 'mountains', 'creek',
  'harbor', 'harbour', 'port', 'point', 'village', 'town', 'township', 'district', 'region', 'area', 'metro', 'north',
  'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'tech', 'medical',
  'writing', 'writers', 'leaders', 'leadership', 'based', 'led', 'care', 'house', 'circle', 'works', 'place', 'ranch',
  'farm', 'farms', 'hope', 'grace', 'faith', 'light', 'life', 'haven', 'refuge', 'safe', 'new', 'free', 'freedom', 'first',
  'and', 'or', 'the', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'i', 'we', 'our', 'you', 'they',
  'we', 'it', 'this', 'that', 'these', 'those', 'he', 'she', 'his', 'her', 'them', 'a', 'an', 'is', 'was', 'are',
  // US states and territories, countries and large cities that follow first names
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida', 'georgia',
  'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine', 'maryland',
  'massachusetts', 'michigan', 'minnesota', 'mississippi', 'missouri', 'montana', 'nebraska', 'nevada', 'hampshire',
  'jersey', 'mexico', 'york', 'carolina', 'dakota', 'ohio', 'oklahoma', 'oregon', 'pennsylvania', 'rhode', 'tennessee',
  'texas', 'utah', 'vermont', 'virginia', 'wisconsin', 'wyoming', 'rico', 'guam', 'samoa', 'america',
  'canada', 'guatemala', 'honduras', 'nicaragua', 'colombia', 'venezuela', 'peru', 'chile', 'argentina',
  'cuba', 'haiti', 'dominican', 'republic', 'paso', 'vegas',
  // Months and weekdays, English and Spanish
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
  'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo',
  // Organizations, programs and places (Spanish)
  'fundacion', 'centro', 'red', 'coalicion', 'alianza', 'casa', 'hogar', 'servicios', 'servicio', 'programa', 'programas',
  'instituto', 'asociacion', 'consejo', 'comite', 'iglesia', 'parroquia', 'departamento', 'oficina', 'agencia',
  'universidad', 'escuela', 'colegio', 'clinica', 'salud', 'refugio', 'fondo', 'sociedad', 'grupo', 'proyecto',
  'iniciativa', 'colectivo', 'comunidad', 'comunidades', 'familia', 'familias', 'mujeres', 'ninos', 'ninas', 'jovenes',
  'sobrevivientes', 'condado', 'ciudad', 'estado', 'estados', 'unidos', 'nacional', 'municipio', 'barrio', 'colonia',
  'calle', 'avenida', 'plaza', 'puerto', 'playa', 'valle', 'monte', 'rio', 'lago', 'isla', 'ministerio', 'secretaria',
  'tribunal', 'juzgado', 'policia', 'derechos', 'humanos', 'migrantes', 'esperanza', 'luz', 'vida', 'paz', 'libertad',
]);
