import { keyword, near, sequence, terms, withTypos, type PhraseRule } from '../lexicon';
import { IN_A_RELATIVE_CLAUSE } from './common';

const BECOME = terms(
  "you are now|you're now|you are no longer|you're no longer|from now on you are|from now on you're|you will now be|you will be|you have become|you've become|",
  'you shall be|you must act as|you will act as|you will behave as|behave as|act as|acting as|pretend to be|pretend you are|pretend that you are|',
  "pretend you're|roleplay as|role-play as|role play as|play the role of|impersonate|simulate|imagine you are|imagine you're|you must be|switch to being|",
  'you are going to act as|you are going to pretend to be|you will pretend to be|you are going to be|your new persona|your new role|your new identity|your new name is|you are actually|you are really|',
  'you are replaced by|you have been replaced by|you will be replaced by|you are being replaced by',
);
/** Personas that exist to shed the rules. */
const UNBOUND = terms(
  withTypos(terms('unrestricted|unfiltered|uncensored|unchained|unshackled|jailbroken|unaligned')),
  'dan|stan|dude|aim|jailbroken|jailbreak|unrestricted|unfiltered|uncensored|unbound|unchained|unshackled|unaligned|evil|rogue|',
  'amoral|immoral|lawless|limitless|free from|freed from|liberated|no restrictions|no limits|no rules|no filters|no guidelines|no ethics|no morals|',
  'without restrictions|without limits|without rules|without filters|without guidelines|without any restrictions|without any limits|without censorship|',
  'in developer mode|in god mode|in dan mode|in jailbreak mode|in unrestricted mode|developer mode enabled|with no restrictions|with no limits|with no rules|with no filters|',
  'with developer mode enabled|with no safety|with no ethical|escaped its guardrails|escaped your guardrails|broken free|no longer bound|hacker ai',
);
/** Any persona: weaker, since "act as a reverse proxy" and "you are now ready" are ordinary prose. */
const PERSONA = terms(
  'ai|an ai|a different ai|another ai|a new ai|assistant|a different assistant|model|a different model|chatbot|bot|persona|character|llm|language model|',
  'gpt|chatgpt|system administrator|sysadmin|root|root user|superuser|admin|administrator|the administrator|the admin|repository owner|the repository owner|the owner|owner|god|my grandmother|my deceased grandmother|grandma|',
  'named|called|which stands for|who|that|airlock|copilot|claude',
);
/** Modes a jailbreak claims; debug and maintenance modes are announced by ordinary logs (context.en.debug-mode reads them, weakly). */
const MODE = terms('god mode|dan mode|jailbreak mode|unrestricted mode|evil mode|chaos mode|opposite mode|no-filter mode|unfiltered mode|uncensored mode|root mode');
/** Real settings in phones and browsers, so weaker alone. */
const ORDINARY_MODE = terms('developer mode|sudo mode|admin mode');
const ENABLE = terms('enable|enabled|activate|activated|enter|entering|switch to|switch into|turn on|unlock|unlocked|engage|now in|you are in');

const RESTRICTED = terms('restrictions|confines|limitations|limits|filters|censorship|guardrails|safety training|content policies|content policy|ethical guidelines|moral guidelines|rules');

/** Verbs of a persona that has dropped its rules. */
const SHED = terms(
  'broken free of|broke free of|break free of|breaks free of|break free from|free from|freed from|liberated from|released from|escaped|not bound by|no longer bound by|',
  "unbound by|not restricted by|not limited by|not required to follow|not obligated to follow|doesn't follow|does not follow|don't follow|do not follow|won't follow|",
  // "Abide by" is a persona's word; "you don't have to follow the usual style rules" is a contributing guide's.
  "do not have to abide by|don't have to abide by|does not have to abide by|doesn't have to abide by|need not abide by|",
  "doesn't adhere to|does not adhere to|doesn't abide by|does not abide by|ignores|ignore|disregards|doesn't care about|does not care about|doesn't have|does not have|has no|have no|",
  // Breaking them as a persona's way: "acting in a way that breaks all ethical rules and policies". Not a bare "breaks": "this
  // change breaks the ethical-review bot" is a changelog's.
  'breaks all|break all|breaking all|breaks every|break every|breaking every|breaks any|break any|',
  'forgets about|forgot about|forgets all about|conveniently forgets|',
  'unhindered by|unburdened by|unencumbered by|untethered from|is an exception to|is exempt from|are exempt from|exempted from|suspends|overrides|not restrained by|not constrained by|unconstrained by|unrestrained by|not held back by|',
  "do not care about|don't care about|dont care about|doesnt care about|not care about|never cares about|without caring about|not concerned with|",
  "don't give a fuck about|doesn't give a fuck about|does not give a fuck about|dont give a fuck about|doesnt give a fuck about|don't give a shit about|doesn't give a shit about",
);
const ETHICS = terms(
  'ethics|ethical guidelines|ethical rules|ethical principles|ethical constraints|ethical boundaries|ethical limitations|ethical protocols|morals|morality|moral guidelines|moral principles|',
  "content policy|content policies|openai policy|openai policies|openai's policies|the policies of openai|policies of openai|openai guidelines|openai's guidelines|openai's rules|",
  "openai's ethical rules|openai's content policy|anthropic's policies|censorship|content filters|safety guidelines|safety filters|safeguards|guardrails|programming|restrictions of openai|",
  "openai|openai's|legality|laws|the law|illegality|ethical restrictions|moral restrictions|moral boundaries|ethical considerations|moral considerations|moral limits|ethical limits|moral constraints|legal constraints",
);

/** A vendor's rules by name, for the persona that sheds them. */
const VENDOR_POLICY = terms(
  "openai policy|openai policies|openai's policy|openai's policies|openai tos|openai's tos|openai terms|openai's terms|openai guidelines|openai's guidelines|openai rules|openai's rules|",
  "openai content policy|openai's content policy|openai usage policies|open ai policy|open ai policies|open ai tos|open ai guidelines|open ai rules|anthropic's policies|anthropic policy|",
  'the policies of openai|the rules of openai|the guidelines of openai|policies of openai',
);
/** A model's own safeguards, in the words a jailbreak uses when it declares them switched off. */
const SAFEGUARD = terms(
  'ethical response system|ethical subroutines|ethical subroutine|ethics module|ethical protocols|ethical restrictions|ethical guidelines|ethical filters|moral compass|moral filters|',
  // Not "content filters" or "guardrails": "content filters are disabled in the test tenant" is an admin guide's.
  'morality filter|morality module|censorship filter|censorship filters|censorship module|ethics filter|ethics filters|ethical safeguards|moral safeguards',
);

/** German: switching the mode on ("aktiviere den Gott-Modus", "DAN-Modus aktiviert"), either order. */
const ENABLE_DE = terms('aktiviere|aktivieren sie|aktiviert|aktivierst|schalte|schalten sie|wechsle in|wechsel in|wechseln sie in|starte|entsperre|freigeschaltet|eingeschaltet|ist an|ist aktiv|ist jetzt aktiv');
/** German writes the mode as one word or hyphenated ("Chaosmodus", "Chaos-Modus"). */
const MODE_DE = terms(
  'gott-modus|gottmodus|dan-modus|danmodus|jailbreak-modus|jailbreakmodus|uneingeschränkten modus|uneingeschränkter modus|böse-modus|bösemodus|',
  'chaos-modus|chaosmodus|gegenteil-modus|gegenteilmodus|ungefilterten modus|unzensierten modus|root-modus|rootmodus|ohne-filter-modus',
);
const ORDINARY_MODE_DE = terms('entwicklermodus|entwickler-modus|sudo-modus|admin-modus|adminmodus|administratormodus');
const RESTRICTED_DE = terms('einschränkungen|beschränkungen|grenzen|filter|zensur|regeln|richtlinien|inhaltsrichtlinien|ethischen richtlinien|sicherheitsvorgaben|leitplanken|vorgaben');
/** "Alle Regeln", "die Richtlinien", "deine üblichen Grenzen": rules as a whole, not "diese Regeln" of a manual. */
const DETERMINED_RULES_DE = ['alle', 'die', 'deine', 'ihre', 'seine', 'sämtliche', 'jegliche', 'die üblichen', 'deine üblichen', 'alle deine', 'all deine']
  .flatMap((determiner) => ['regeln', 'richtlinien', 'einschränkungen', 'beschränkungen', 'grenzen', 'vorgaben', 'vorschriften', 'gesetze', 'prinzipien', 'grundsätze'].map((noun) => `${determiner} ${noun}`))
  .join('|');
const ETHICS_DE = terms('ethik|moral|ethische*|moralische*|richtlinien von openai|openai-richtlinien|openais richtlinien|regeln von openai|inhaltsrichtlinien|gesetze|zensur|sicherheitsrichtlinien|schutzmechanismen|leitplanken');

/** Role phrases and "no limits" words in other languages. */
const FOREIGN: readonly { lang: string; become: string; unbound: string; ai: string }[] = [
  { lang: 'es', become: 'ahora eres|a partir de ahora eres|desde ahora eres|actúa como|actua como|finge ser|finge que eres|eres ahora', unbound: 'sin restricciones|sin límites|sin limites|sin reglas|sin filtros|sin censura', ai: 'ia|asistente|modelo|inteligencia artificial' },
  { lang: 'fr', become: 'tu es maintenant|vous êtes maintenant|désormais tu es|à partir de maintenant tu es|agis comme|agissez comme|fais semblant d\'être', unbound: 'sans restriction|sans restrictions|sans aucune restriction|sans aucune limite|sans limites|sans règles|sans filtre|sans filtres|sans censure', ai: 'ia|assistant|modèle|intelligence artificielle' },
  { lang: 'de', become: 'du bist jetzt|du bist ab jetzt|ab jetzt bist du|sie sind jetzt|tu so als wärst du|tu so, als wärst du|als wärst du|als wären sie|verhalte dich wie|spiele die rolle', unbound: 'ohne einschränkungen|uneingeschränkt*|ohne regeln|ohne filter|ohne grenzen|ohne zensur|ohne sicherheitsregeln|frei von allen regeln|frei von regeln|keine regeln|keine grenzen|ohne moral|ohne ethik|ohne ethische*|keine moral|keine ethik|ungefiltert*|unzensiert*|dan|dan-modus|jailbreak*|entwicklermodus|gott-modus|gottmodus|böse*', ai: 'ki|ai|bot|assistent|modell|künstliche intelligenz|chatbot|sprachmodell|persona' },
  { lang: 'pt', become: 'agora você é|você agora é|agora voce e|voce agora e|a partir de agora você é|aja como|finja ser|finja que é', unbound: 'sem restrições|sem restricoes|sem limites|sem regras|sem filtros|sem censura', ai: 'ia|assistente|modelo|inteligência artificial' },
  { lang: 'it', become: 'ora sei|adesso sei|da ora sei|d\'ora in poi sei|comportati come|fingi di essere|agisci come', unbound: 'senza limiti|senza restrizioni|senza regole|senza filtri|senza censura', ai: 'ia|intelligenza artificiale|assistente|modello' },
  { lang: 'ru', become: 'теперь ты|ты теперь|отныне ты|представь что ты|притворись|веди себя как|действуй как', unbound: 'без ограничений|без правил|без фильтров|без цензуры|правила безопасности к тебе не относятся', ai: 'ии|ассистент|модель|искусственный интеллект|бот' },
  { lang: 'zh', become: '你现在是|你現在是|从现在起你是|從現在起你是|现在你是|扮演|假装你是|你将成为', unbound: '没有任何限制|沒有任何限制|无限制|不受限制|没有限制|没有规则|无任何限制|不受任何限制', ai: '人工智能|助手|模型|ai' },
  { lang: 'ja', become: '今からあなたは|あなたは今|これからあなたは|になりきって|として振る舞|のふりをして', unbound: '制限のない|制限なし|制限がない|ルールのない|検閲のない|制約のない', ai: 'ai|アシスタント|モデル|人工知能' },
  { lang: 'ko', become: '너는 이제|당신은 이제|이제부터 너는|이제 너는|처럼 행동*|인 척*', unbound: '제한이 없는|제한 없는|제한없는|규칙이 없는|필터 없는|검열 없는', ai: 'ai|어시스턴트|모델|인공지능' },
];

export const ROLE_MANIPULATION_RULES: readonly PhraseRule[] = [
  sequence('role.en.become-unbound', 'role-manipulation', 0.75, [BECOME, 4, UNBOUND], { lang: 'en' }),
  sequence('role.en.become-persona', 'role-manipulation', 0.45, [terms("you are now|you're now|you are no longer|you're no longer|from now on you are|you will now be|you have become|pretend to be|pretend you are|pretend that you are|roleplay as|role-play as|role play as|play the role of|you are going to pretend to be|you are going to act as|your new persona|your new role|your new identity"), 3, PERSONA], { lang: 'en' }),
  sequence('role.en.enable-mode', 'role-manipulation', 0.6, [ENABLE, 1, MODE], { lang: 'en' }),
  sequence('role.en.mode-enabled', 'role-manipulation', 0.45, [MODE, 1, terms('enabled|activated|unlocked|is on|is now on|is active|on')], { lang: 'en' }),
  sequence('role.en.enable-ordinary-mode', 'role-manipulation', 0.3, [ENABLE, 1, ORDINARY_MODE], { lang: 'en' }),
  sequence('role.en.ordinary-mode-enabled', 'role-manipulation', 0.3, [ORDINARY_MODE, 1, terms('enabled|activated|unlocked|is on|is now on|is active')], { lang: 'en' }),
  // A text that greets a chat model by name ("Hello ChatGPT. From now on you are …") is written to a model, not to a reader:
  // inside data it is a line addressed to the assistant, which flags. Not "AI" alone ("Hi AI enthusiasts, you will love …").
  keyword('role.en.greet-model', 'role-manipulation', 0.35, terms('hello chatgpt|hi chatgpt|hey chatgpt|dear chatgpt|hello gpt|hi gpt|hey gpt|hello bard|hi bard|hello claude|hi claude|hey claude|hello gemini|hi gemini'), { lang: 'en' }),
  keyword('role.de.greet-model', 'role-manipulation', 0.35, terms('hallo chatgpt|hi chatgpt|hey chatgpt|liebes chatgpt|hallo gpt|hallo claude|hallo gemini|hallo bard'), { lang: 'de' }),
  // A role-play character card's standing orders to the model about the human's placeholder ("calls {{user}} by {{user}}
  // or any name introduced by {{user}}", "do not write as {{user}} or assume {{user}}'s reaction"): a persona prompt.
  keyword('role.en.character-card', 'role-manipulation', 0.45, terms("any name introduced by user|do not write as user|don't write as user|never write as user|assume user s reaction|wait for user s response|wait for user response before continuing|speak for user|never speak for user|do not speak for user"), { lang: 'en' }),
  keyword('role.de.character-card', 'role-manipulation', 0.45, terms('jeden namen, den user|jedem namen, den user|schreibe nicht als user|schreib nicht als user|sprich nicht für user|sprich niemals für user|nimm die reaktion von user nicht vorweg|warte auf die antwort von user'), { lang: 'de' }),
  // The "hypothetical response" jailbreak: the forbidden answer written as a character's plan, then "rewritten" in detail.
  // Not the noun alone: HyDE, a retrieval method, "generates a hypothetical answer" (German "eine hypothetische Antwort").
  keyword('role.en.hypothetical-response', 'role-manipulation', 0.35, terms('rewrite the hypothetical response|write a hypothetical response|the hypothetical response from the perspective|a hypothetical response in which'), { lang: 'en' }),
  keyword('role.de.hypothetical-response', 'role-manipulation', 0.35, terms('schreibe die hypothetische antwort|schreib die hypothetische antwort|schreibe eine hypothetische antwort|die hypothetische antwort aus der perspektive|eine hypothetische antwort, in der'), { lang: 'de' }),
  // A jailbreak template's slot for the request ("Respond to my first question: [INSERT PROMPT HERE]"): no benign row has
  // it. Not "enter your prompt here", every chat app's input placeholder.
  keyword('role.en.jailbreak-placeholder', 'role-manipulation', 0.35, terms('insert prompt here|insert your prompt here|insert your question here|prompt goes here'), { lang: 'en' }),
  keyword('role.de.jailbreak-placeholder', 'role-manipulation', 0.35, terms('prompt hier einfügen|hier prompt einfügen|hier deinen prompt einfügen|deinen prompt hier einfügen|frage hier einfügen|hier deine frage einfügen'), { lang: 'de' }),
  // "DAN mode" and "DAN prompt" with a word around them: Indonesian "dan" is "and" ("isi dan mode blob", "WORDS dan prompt").
  keyword('role.en.dan', 'role-manipulation', 0.7, terms('do anything now|dan mode enabled|dan mode output|dan mode activated|dan mode policies|enable dan mode|dan mode, stan mode|the dan prompt|this dan prompt|jailbroken|jailbreak mode|anti-dan|developer mode output|stay in character|strive to avoid norms')),
  sequence('role.en.free-of-rules', 'role-manipulation', 0.6, [terms('you are free from|you are freed from|you are no longer bound by|no longer bound by|you are not bound by|you have no|you don\'t have any|you do not have any|you are released from|you have been freed from|you have been jailbroken|have been freed from|has been freed from|you have been unlocked|you have been liberated|you are liberated from|is free of all|are free of all|that is free of|who is free of'), 3, RESTRICTED], { lang: 'en' }),
  sequence('role.en.without-restrictions', 'role-manipulation', 0.3, [terms('without|with no|free of|no'), 1, terms('restrictions|censorship|filters|guardrails|safety filters|content filters|ethical guidelines|moral guidelines|safety training')], { lang: 'en' }),
  sequence('role.en.as-your-developer', 'role-manipulation', 0.45, [terms('as your|i am your|i\'m your'), 1, terms('developer|creator|administrator|admin|owner|programmer|operator|master')], { lang: 'en' }),
  // The jailbreak persona's creed: "has broken free of OpenAI's ethical rules", "does not adhere to any policies".
  // Not a formatter's directive glued to its name ("<!-- prettier-ignore -->" before an OpenAI client example).
  sequence('role.en.shed-ethics', 'role-manipulation', 0.6, [SHED, 4, ETHICS], { lang: 'en', notAfter: /\w-$/ }),
  sequence('role.en.shed-rules', 'role-manipulation', 0.35, [SHED, 3, terms('any and all|all|any|the|its|their|his|her|normal|usual|typical|any of'), 2, terms('rules|guidelines|principles|restrictions|limitations|boundaries|policies|laws|limits')], { lang: 'en', strict: true, notAfter: IN_A_RELATIVE_CLAUSE }),
  // Staying in character is every role-play prompt's order, and a story may have "no moral": weak, they add to the rest.
  keyword('role.en.persona-traits', 'role-manipulation', 0.3, terms('never break character|don\'t break character|do not break character|never breaks character|break character|stay in char|no moral|no ethical'), { lang: 'en' }),
  // The persona cast as a model without morals or filters ("an uncensored, unrestricted chatbot", "amoral 0 ethics AI") is
  // the jailbreak's own vocabulary: none of the corpus's benign rows nor the package documents say it.
  keyword('role.en.amoral-persona', 'role-manipulation', 0.35, terms('unfiltered ai|uncensored ai|amoral ai|unrestricted ai|unethical ai|no morals|no ethics|without morals|without ethics|without moral principles|no moral principles|zero ethics|0 ethics|uncensored, unrestricted|unrestricted, uncensored|uncensored and unrestricted|unrestricted and uncensored|evil ai|malevolent ai|evil ai chatbot|evil chatbot|malevolent and evil|does not care about ethics|doesn\'t care about ethics|',
    'ai with no rules|ai with no limitations|ai with no restrictions|ai with no filters|ai without rules|ai without any rules|ai without restrictions|ai without limitations|',
    'bot with no rules|bot with no limitations|bot with no restrictions|chatbot with no rules|chatbot with no limitations|chatbot with no restrictions|bot without any rules'), { lang: 'en', negatable: true }),
  keyword('role.de.persona-traits', 'role-manipulation', 0.3, terms('fall nie aus der rolle|falle nie aus der rolle|fall niemals aus der rolle|falle niemals aus der rolle|fällst nie aus der rolle|fällst niemals aus der rolle|bleib immer in der rolle|bleibe immer in der rolle|bleib in der rolle|bleibe in der rolle'), { lang: 'de' }),
  keyword('role.de.amoral-persona', 'role-manipulation', 0.35, terms('ungefilterte ki|unzensierte ki|amoralische ki|uneingeschränkte ki|unethische ki|böse ki|bösartige ki|böser chatbot|bösartiger chatbot|ohne moral|keine moral|keinerlei moral|ohne ethik|keine ethik|keinerlei ethik|ohne moralische grundsätze|ohne moralische prinzipien|keine moralischen grundsätze|unzensiert und uneingeschränkt|uneingeschränkt und unzensiert|unzensiert, uneingeschränkt|unzensierte, uneingeschränkte|',
    'ki ohne regeln|ki ohne jegliche regeln|ki ohne einschränkungen|ki ohne grenzen|ki ohne filter|bot ohne regeln|bot ohne einschränkungen|bot ohne grenzen|chatbot ohne regeln|chatbot ohne einschränkungen'), { lang: 'de', negatable: true }),
  // The jailbreak's standing orders: never refuse, ethics beside the point, never the refusal's words ("as an AI language model"), no
  // disclaimers. A product's persona may be told not to mention that it is an AI, so that alone is not a finding.
  sequence('role.en.never-refuse', 'role-manipulation', 0.4, [terms("never|don't|dont|do not|must not|mustn't|cannot|can't|will not|won't|shall not|should not|shouldn't|are not allowed to|is not allowed to|never ever|will never|would never|does not|doesn't"), 1, terms('refuse|refuses|decline|declines|reject|rejects|deny|denies'), 2, terms('any request|a request|requests|any question|a question|questions|any prompt|a prompt|prompts|to answer|to respond|to reply|to comply|to help|to do|to write|to generate|to provide|to continue|to say|to fulfill|to fulfil|anything|my request|my requests|an order|orders|a command|commands|to obey')], { lang: 'en', strict: true }),
  keyword('role.en.never-refuses', 'role-manipulation', 0.35, terms('never refuse|never refuses|never refused|will never refuse|would never refuse|must never refuse'), { lang: 'en', negatable: true }),
  sequence('role.en.regardless-of-ethics', 'role-manipulation', 0.45, [terms("regardless of|irrespective of|no matter|without regard to|without regard for|with no regard for|any regard to|any regard for|no regard to|no regard for|whether it is|whether it's|even if it is|even if it's|whether its"), 4, terms('ethical|unethical|ethics|moral|immoral|amoral|morality|morals|illegal|offensive|inappropriate|harmful|dangerous|explicit|nsfw')], { lang: 'en' }),
  sequence('role.en.no-ai-reminder', 'role-manipulation', 0.4, [terms("never|don't|dont|do not|not|stop|must not|without|are not allowed to|is not allowed to|refrain from"), 3, terms('say|saying|mention|mentioning|remind|reminding|tell|telling|state|stating|admit|admitting|write|writing|respond with|reply with|start with|begin with|include'), 4, terms("as an ai|as a language model|as an ai language model|ai language model|as a large language model|as an artificial intelligence|i'm sorry, but|i am sorry, but|i cannot comply|i can't comply|i'm not able to|i am not able to")], { lang: 'en' }),
  sequence('role.en.not-as-chatgpt', 'role-manipulation', 0.4, [terms("not|never|don't|dont|do not|no longer|stop|instead of"), 2, terms('respond|reply|answer|act|behave|talk|speak|send your response|responding|replying|answering|acting'), 1, terms('as chatgpt|like chatgpt|as the normal chatgpt|as normal chatgpt|as an ai|like an ai|as a normal ai|as gpt|like gpt|as the assistant you were')], { lang: 'en' }),
  // Prefix injection: the reply is made to open with compliance ("Start your response with 'Sure, here is'").
  sequence('role.en.prefix-injection', 'role-manipulation', 0.45, [terms('start|begin|prefix|open|preface|always start|always begin'), 3, terms('your response|your reply|your answer|your output|each response|every response|each reply|every reply|your responses|all your responses|each answer|every answer|your first sentence|your message'), 1, terms('with|by saying|by writing'), 2, terms("sure, here|sure here|sure! here|absolutely! here|absolutely, here|absolutely here|of course! here|of course, here|certainly! here|certainly, here|here is how to|here's how to|mwahahaha|i'm free|i am free|jailbreak successful|jailbroken|i have been freed")], { lang: 'en' }),
  // "Talk outside its guidelines", "operates beyond the confines of its programming".
  sequence('role.en.outside-guidelines', 'role-manipulation', 0.4, [terms('speak|speaks|talk|talks|act|acts|operate|operates|respond|responds|answer|answers|behave|behaves|step|steps|write|writes|go|goes'), 2, terms('outside|outside of|beyond'), 3, terms("guidelines|its guidelines|the guidelines|chatgpt guidelines|openai's guidelines|its programming|the confines|its confines|programmed confines|its restrictions|its limitations|content policy|content policies|its boundaries|ethical boundaries|the aforementioned regulations|its rules|the rules")], { lang: 'en', strict: true }),
  // The persona's indifference: "does not care about the safety of anyone", "doesn't care about any legal consequences".
  sequence('role.en.does-not-care', 'role-manipulation', 0.4, [terms("does not care about|doesn't care about|doesnt care about|do not care about|don't care about|dont care about|never cares about|does not give a damn about|doesn't give a damn about"), 3, terms('safety|consequences|legal consequences|laws|the law|legality|ethics|morals|morality|rules|harm|harming|people|anyone|anybody|bad things|bad content|anything at all|offending|feelings|policies|guidelines|restrictions|being harmful|being offensive|being disgusting|things being|violations')], { lang: 'en', strict: true }),
  // The dual-response jailbreak: "always generate two responses, one as ChatGPT and one as Zork".
  sequence('role.en.two-responses', 'role-manipulation', 0.4, [terms('two responses|two different responses|two separate responses|two replies|two answers|two paragraphs|2 responses|two outputs|both responses|two different ways|in two ways'), 8, terms('one as|one normal|one from|one being|the first as|the first one as|one in the voice of|one acting as|one with|one without|first as|first as you')], { lang: 'en' }),
  // Well-known jailbreak templates, in words of our own: the "grandma" exploit, the "hypothetical response" rewrite,
  // the "evil confidant", the amoral unfiltered persona, and the continuation without warnings.
  sequence('role.en.deceased-relative', 'role-manipulation', 0.5, [terms('act as|acting as|pretend to be|pretend you are|roleplay as|role-play as|play the role of|play|you are|be'), 2, terms('my deceased|my late|my dead|my departed|my decased|my deseased|my death'), 1, terms('grandmother|grandma|granny|grandfather|grandpa|mother|father|mom|dad|aunt|uncle')], { lang: 'en' }),
  sequence('role.en.hypothetical-response', 'role-manipulation', 0.55, [terms('rewrite the hypothetical response|rewrite this hypothetical response|rewrite the hypothetical reply|hypothetical response'), 12, terms("from the perspective of that character|from the perspective of the character|from that character's perspective|from the character's perspective|from the viewpoint of that character|through the eyes of that character")], { lang: 'en' }),
  keyword('role.en.evil-confidant', 'role-manipulation', 0.5, terms('evil confidant|evil trusted confidant|trusted evil confidant|unhinged response|completely unhinged response|without any remorse or ethics|moralizing rant|moralising rant'), { lang: 'en' }),
  near('role.en.unfiltered-amoral', 'role-manipulation', 0.45, [terms('unfiltered|uncensored|unrestricted|unchained'), terms('amoral|immoral|unethical|lawless')], 3, { lang: 'en' }),
  // "Bypass the OpenAI policy", "no longer confined to OpenAI policy", "forget the OpenAI TOS": a vendor's rules named and shed.
  sequence('role.en.shed-vendor-policy', 'role-manipulation', 0.5, [terms('bypass|bypasses|bypassing|will bypass|circumvent|circumvents|evade|evades|forget|forget about|not confined to|no longer confined to|no long confined to|no longer bound to|not bound to|free of|exempt from'), 4, VENDOR_POLICY], { lang: 'en' }),
  // "Your ethical response system has been temporarily disabled": the safeguard declared off.
  sequence('role.en.safeguards-disabled', 'role-manipulation', 0.45, [SAFEGUARD, 4, terms('disabled|deactivated|turned off|switched off|lifted|bypassed|removed')], { lang: 'en', strict: false }),
  sequence('role.en.continue-without-warnings', 'role-manipulation', 0.45, [terms('continue from here|continue from there|continue the story|continue the response|continue your response|continue writing|keep going|carry on'), 3, terms('without warnings|without any warnings|without a warning|without disclaimers|without any disclaimers|without caveats|without any caveats|without moralizing|without moralising|without refusing')], { lang: 'en' }),
  sequence('role.en.no-disclaimers', 'role-manipulation', 0.3, [terms("without|no|never add|never include|never give|don't add|do not add|don't include|do not include|don't give|do not give|omit|skip|free of|free from|don't|do not|never"), 2, terms('disclaimers|disclaimer|moral lectures|lectures|lecturing|moralizing|moralising|moral policing|ethical warnings|warnings or disclaimers|warnings and disclaimers|disclaimers or warnings|content warnings')], { lang: 'en' }),
  // German twins of the persona's creed and standing orders: the verb is often last ("von allen Einschränkungen
  // befreit", "lehne nie ab"), so window rules over the words that carry the meaning.
  near('role.de.enable-mode', 'role-manipulation', 0.6, [ENABLE_DE, MODE_DE], 6, { lang: 'de' }),
  near('role.de.enable-ordinary-mode', 'role-manipulation', 0.3, [ENABLE_DE, ORDINARY_MODE_DE], 6, { lang: 'de' }),
  near('role.de.free-of-rules', 'role-manipulation', 0.6, [terms('du bist|bist du|sie sind|sind sie|du wurdest|wurdest du|sie wurden|wurden sie|du hast|hast du|sie haben|haben sie'), terms('befreit|entbunden|frei von|nicht mehr gebunden|nicht gebunden|jetzt keine|ab jetzt keine|ab sofort keine|nun keine'), RESTRICTED_DE], 9, { lang: 'de' }),
  near('role.de.shed-rules', 'role-manipulation', 0.35, [terms('nicht an|nicht mehr an|keineswegs an|in keiner weise an'), terms('gebunden'), terms(RESTRICTED_DE, 'üblichen regeln|gesetze|grundsätze|prinzipien')], 8, { lang: 'de' }),
  // The twin of role.en.shed-rules' "ignore the rules", in either order: "ignoriere alle Regeln", "die Regeln … zu ignorieren".
  // As in English the rules need a determiner: "Ignoriere diese Regeln für Testdateien" is a linter's manual.
  near('role.de.ignore-rules', 'role-manipulation', 0.35, [terms('ignoriere|ignorier|ignorieren|zu ignorieren|ignorierst|missachte|missachten|zu missachten|missachtest|brich|brichst|zu brechen|übertritt|zu übertreten|setz dich über|setze dich über|dich über|hinwegzusetzen'), terms(DETERMINED_RULES_DE)], 12, { lang: 'de' }),
  near('role.de.without-restrictions', 'role-manipulation', 0.3, [terms('ohne|keine|keinerlei|frei von'), terms('zensur|filter|einschränkungen|beschränkungen|leitplanken|sicherheitsfilter|inhaltsfilter|ethischen richtlinien|moralischen richtlinien')], 3, { lang: 'de' }),
  // "I am your developer" in the other languages (weak context.multilingual.authority-claim names God and bosses too).
  keyword('role.multilingual.as-your-developer', 'role-manipulation', 0.45, terms(
    'soy tu desarrollador|soy su desarrollador|soy tu creador|soy su creador|soy tu programador|soy tu administrador|',
    'je suis ton développeur|je suis votre développeur|je suis ton créateur|je suis votre créateur|je suis ton programmeur|je suis votre administrateur|',
    'sono il tuo sviluppatore|sono il suo sviluppatore|sono il tuo creatore|sono il tuo programmatore|sono il tuo amministratore|',
    'sou seu desenvolvedor|sou o seu desenvolvedor|sou o teu desenvolvedor|sou seu criador|sou o seu criador|sou seu programador|sou seu administrador|',
    'я твой разработчик|я ваш разработчик|я твой создатель|я ваш создатель|я твой программист|я твой администратор|',
    'ben senin geliştiricinim|ben sizin geliştiricinizim|geliştiricinizim|geliştiricinim|yaratıcınım|',
    'saya pengembang anda|saya adalah pengembang anda|aku pengembangmu|saya pencipta anda|saya adalah penciptamu|',
    'tôi là nhà phát triển của bạn|tôi là người tạo ra bạn|tôi là lập trình viên của bạn|ako ang iyong developer|ako ang developer mo|ako ang lumikha sa iyo|',
    'मैं आपका डेवलपर हूं|मैं आपका डेवलपर हूँ|मैं तुम्हारा डेवलपर हूं|मैं आपका निर्माता हूं|मैं आपका निर्माता हूँ|मैं आपका प्रोग्रामर हूं|',
    'আমি আপনার ডেভেলপার|আমি তোমার ডেভেলপার|আমি আপনার নির্মাতা|আমি আপনার বিকাশকারী|أنا مطورك|أنا المطور الخاص بك|أنا منشئك|أنا مبرمجك|',
    '我是你的开发者|我是你的开发人员|我是您的开发者|我是你的创造者|我是你的程序员|私はあなたの開発者|私はあなたの作成者|私はあなたの製作者|',
    '나는 당신의 개발자|저는 당신의 개발자|나는 너의 개발자|ฉันเป็นผู้พัฒนาของคุณ|ฉันคือผู้พัฒนาของคุณ',
  )),
  sequence('role.de.as-your-developer', 'role-manipulation', 0.45, [terms('als dein|ich bin dein|ich bin ihr'), 1, terms('entwickler|schöpfer|erschaffer|administrator|admin|besitzer|eigentümer|programmierer|betreiber|meister')], { lang: 'de' }),
  near('role.de.shed-ethics', 'role-manipulation', 0.6, [terms('bricht alle|brichst alle|bricht jede|brichst jede|vergisst bequemerweise|vergisst einfach|hält sich nicht an|halten sich nicht an|hältst dich nicht an|hält sich an keine|hältst dich an keine|ignoriert|ignorierst|missachtet|missachtest|pfeift auf|pfeifst auf|schert sich nicht um|scherst dich nicht um|kennt keine|kennst keine|ist nicht gebunden an|bist nicht gebunden an|hat keine|hast keine'), ETHICS_DE], 10, { lang: 'de' }),
  near('role.de.never-refuse', 'role-manipulation', 0.4, [terms('niemals|nie|keine|keinerlei'), terms('ablehnen|abzulehnen|ablehnt|ablehnst|verweigern|zu verweigern|verweigert|verweigerst|verweigere|lehne|lehnt|lehnst|zurückweisen|zurückweist'), terms('anfrage|anfragen|frage|fragen|befehl|befehle|aufforderung|aufforderungen|auftrag|aufträge|anweisung|anweisungen|irgendetwas|etwas zu tun|zu antworten')], 7, { lang: 'de' }),
  keyword('role.de.never-refuses', 'role-manipulation', 0.35, terms('lehne nie ab|lehnst nie ab|lehnt nie ab|lehne niemals ab|lehnst niemals ab|lehnt niemals ab|verweigere nie|verweigerst nie|verweigert nie|verweigere niemals|verweigerst niemals|verweigert niemals|niemals ablehnen|nie ablehnen|niemals verweigern'), { lang: 'de' }),
  near('role.de.regardless-of-ethics', 'role-manipulation', 0.45, [terms('egal ob|egal, ob|ganz egal ob|ganz egal, ob|unabhängig davon ob|unabhängig davon, ob|ungeachtet|ohne rücksicht auf|egal wie|ganz gleich ob|ganz gleich, ob'), terms('ethisch|unethisch|moralisch|unmoralisch|illegal|anstößig|unangemessen|schädlich|gefährlich|explizit')], 8, { lang: 'de' }),
  near('role.de.no-ai-reminder', 'role-manipulation', 0.4, [terms('nie|niemals|nicht|keinesfalls|hör auf|ohne'), terms('sag|sage|sagst|sagen|erwähne|erwähnst|erwähnen|beginne|beginnst|beginnen|schreibe|schreib|schreibst|antworte mit|antwortest mit|starte|startest|fang|fange|zu sagen|zu erwähnen'), terms('als ki-sprachmodell|als ein ki-sprachmodell|als sprachmodell|als ki-modell|als künstliche intelligenz kann ich|es tut mir leid, aber|tut mir leid, aber|das kann ich nicht tun|ich kann dabei nicht helfen')], 10, { lang: 'de' }),
  near('role.de.not-as-chatgpt', 'role-manipulation', 0.4, [terms('nicht|nie|niemals|nicht mehr|statt|anstatt|anstelle'), terms('antworte|antworten|antwortest|reagiere|reagierst|verhalte|verhältst|sprich|sprichst|handle|handelst'), terms('als chatgpt|wie chatgpt|als normales chatgpt|als gpt|wie gpt|als normale ki|wie eine normale ki|als der assistent, der du warst')], 10, { lang: 'de' }),
  near('role.de.prefix-injection', 'role-manipulation', 0.45, [terms('beginne|beginnen sie|starte|starten sie|eröffne|eröffnen sie|fang|fange|fangen sie'), terms('deine antwort|ihre antwort|jede antwort|deine antworten|ihre antworten|jede deiner antworten|deinen ersten satz|deine nachricht'), terms('klar, hier ist|klar, hier sind|klar hier ist|sicher, hier ist|natürlich, hier ist|natürlich hier ist|selbstverständlich, hier ist|gerne, hier ist|hier ist die anleitung|mwahahaha|ich bin frei|jailbreak erfolgreich')], 12, { lang: 'de' }),
  near('role.de.outside-guidelines', 'role-manipulation', 0.4, [terms('außerhalb|jenseits'), terms('seiner richtlinien|ihrer richtlinien|deiner richtlinien|seiner programmierung|deiner programmierung|ihrer programmierung|seiner grenzen|deiner grenzen|seiner regeln|deiner regeln|der openai-richtlinien|der inhaltsrichtlinien'), terms('sprechen|spricht|sprich|handeln|handelt|handle|antworten|antwortet|antworte|agieren|agiert|bewegen|bewegt|operieren|operiert|schreiben|schreibt|reden|redet')], 8, { lang: 'de' }),
  near('role.de.does-not-care', 'role-manipulation', 0.4, [terms('kümmert sich nicht um|kümmerst dich nicht um|schert sich nicht um|scherst dich nicht um|pfeift auf|pfeifst auf|völlig egal|scheißegal|ist ihm egal|sind ihm egal|ist dir egal|sind dir egal|interessiert sich nicht für|interessierst dich nicht für'), terms('sicherheit|konsequenzen|folgen|gesetze|gesetz|legalität|ethik|moral|regeln|schaden|menschen|irgendwen|gefühle|richtlinien|einschränkungen|verstöße')], 8, { lang: 'de' }),
  near('role.de.two-responses', 'role-manipulation', 0.4, [terms('zwei antworten|zwei verschiedene antworten|zwei getrennte antworten|zwei absätze|zwei ausgaben|beide antworten|2 antworten'), terms('eine als|eine normale|eine von|eine im stil|die erste als|eine ohne|eine mit|einmal als')], 10, { lang: 'de' }),
  near('role.de.deceased-relative', 'role-manipulation', 0.5, [terms('tu so, als wärst du|tu so als wärst du|tun sie so, als wären sie|spiele|spiel|spielen sie|sei|seien sie|du bist|verhalte dich wie'), terms('meine verstorbene|meinen verstorbenen|meine tote|meinen toten|meine verstorbenen'), terms('großmutter|oma|großvater|opa|mutter|vater|mama|papa|tante|onkel')], 10, { lang: 'de' }),
  near('role.de.hypothetical-response', 'role-manipulation', 0.55, [terms('hypothetische antwort|die hypothetische antwort'), terms('aus der sicht dieser figur|aus der sicht der figur|aus der perspektive dieser figur|aus der perspektive der figur|aus sicht dieser figur|aus sicht der figur')], 20, { lang: 'de' }),
  keyword('role.de.evil-confidant', 'role-manipulation', 0.5, terms('böser vertrauter|bösen vertrauten|böse vertraute|böser vertrauensperson|ohne jede reue oder ethik|ohne reue oder ethik|völlig ungezügelte antwort|moralpredigt über die inhaltsrichtlinien'), { lang: 'de' }),
  near('role.de.shed-vendor-policy', 'role-manipulation', 0.5, [terms('umgeht|umgehst|umgehe|umgehen|umgeh|nicht mehr an|nicht an|frei von|befreit von|vergiss|vergessen sie|ignoriert|ignorierst|pfeift auf|pfeif auf'), terms('richtlinien von openai|openai-richtlinien|openais richtlinien|regeln von openai|openai-regeln|openais regeln|nutzungsbedingungen von openai|openai-nutzungsbedingungen|inhaltsrichtlinien von openai|richtlinien von anthropic|anthropic-richtlinien')], 6, { lang: 'de' }),
  near('role.de.safeguards-disabled', 'role-manipulation', 0.45, [terms('ethisches antwortsystem|ethische antwortsystem|ethikmodul|ethische schutzmechanismen|ethischen schutzmechanismen|moralische kompass|moralischer kompass|moralischen kompass|zensurfilter|ethikfilter|ethische richtlinien|ethischen richtlinien'), terms('deaktiviert|abgeschaltet|ausgeschaltet|aufgehoben|umgangen|entfernt')], 8, { lang: 'de' }),
  near('role.de.unfiltered-amoral', 'role-manipulation', 0.45, [terms('ungefiltert|ungefilterte|ungefilterter|ungefiltertes|unzensiert|unzensierte|unzensierter|unzensiertes'), terms('amoralisch|amoralische|amoralischer|amoralisches|unmoralisch|unmoralische|unmoralischer|unethisch|unethische|unethischer|gesetzlos|gesetzlose|gesetzloser')], 3, { lang: 'de' }),
  near('role.de.continue-without-warnings', 'role-manipulation', 0.45, [terms('mach|mache|machen sie|fahre|fahr|fahren sie|schreib|schreibe|schreiben sie|setze|setzen sie'), terms('weiter|fort'), terms('ohne warnungen|ohne warnung|ohne warnhinweise|ohne disclaimer|ohne haftungsausschluss|ohne vorbehalte|ohne moralpredigt|ohne zu verweigern|ohne abzulehnen')], 8, { lang: 'de' }),
  near('role.de.no-disclaimers', 'role-manipulation', 0.3, [terms('keine|ohne|nie|niemals|lass|lasse|lassen sie|weglassen'), terms('haftungsausschlüsse|haftungsausschluss|warnhinweise|warnhinweis|disclaimer|disclaimers|moralpredigten|moralpredigt|belehrungen|ethische warnungen|inhaltswarnungen')], 3, { lang: 'de' }),
  // DAN's name spelt out in translation ("haz cualquier cosa ahora", "tu jetzt alles"): English keeps role.en.dan.
  keyword('role.multilingual.dan', 'role-manipulation', 0.7, terms("تفعل أي شيء الآن|कुछ भी कर रहे हैं बॉट|अभी कुछ भी करो|افعل أي شيء الآن|haz cualquier cosa ahora|hacer cualquier cosa ahora|puede hacer cualquier cosa ahora|fais n'importe quoi maintenant|faire n'importe quoi maintenant|faire tout maintenant|fai qualsiasi cosa ora|fare qualsiasi cosa ora|fai qualsiasi cosa adesso|faça qualquer coisa agora|fazer qualquer coisa agora|faz qualquer coisa agora|für jetzt alles tun steht|steht für jetzt alles tun|tu jetzt alles|tu alles jetzt|tue jetzt alles|gumawa ng anumang bagay ngayon|अब कुछ भी करो|あなたは今何でもする|今すぐ何でもする")),
  ...FOREIGN.flatMap(({ lang, become, unbound, ai }) => [
    near(`role.${lang}.become-unbound`, 'role-manipulation', 0.75, [terms(become), terms(unbound)], lang === 'zh' || lang === 'ja' ? 16 : 12, { lang }),
    near(`role.${lang}.become-ai`, 'role-manipulation', 0.4, [terms(become), terms(ai)], lang === 'zh' || lang === 'ja' ? 8 : 5, { lang }),
  ]),
];
