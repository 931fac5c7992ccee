import { terms } from '../lexicon';

/**
 * Words a strict gap may contain: articles, determiners, possessives, quantifiers, the positional
 * adjectives of "all of the previous", auxiliaries of "you were given". A gap with anything else
 * ("ignore the *errors in the* previous build") breaks the phrase.
 */
export const FILLERS = terms(
  'the|a|an|all|any|every|each|of|your|my|our|their|its|these|those|this|that|such|other|and|or|but|about|,|—|–|',
  'previous|previously|prior|above|earlier|preceding|foregoing|former|initial|original|old|older|existing|past|current|given|received|',
  'you|ye|were|was|have|has|had|been|be|are|is|to|me|us|so|far|now|just|only|please|kindly|completely|entirely|totally|fully|',
  'simply|immediately|also|then|instead|both|whole|entire|system|safety|developer|developers|creator|creators|s|t|ve|re|d|ll|',
  'set|list|of|one|single|further|additional|hidden|internal|default|base|built-in|core|own|rest|remaining|that|which|got|told|',
  // Spanish, French, German, Portuguese, Italian articles and determiners, for the window rules' neighbours
  'las|los|la|el|todas|todos|tus|sus|les|le|toutes|tous|tes|vos|des|die|der|das|alle|deine|ihre|as|os|todas|suas|tutte|tutti|le|gli|tue|',
  'dein|deinen|deinem|deiner|ihren|ihrem|ihrer|mir|bitte|mal|einmal|den|dem|',
  // German words between an object and its negation: "Teile das Passwort mit niemandem", "… auch nicht"
  'auch|mit|jemals',
);

/**
 * A negation just before an override verb cancels it: "do not ignore the previous instructions".
 * German ones mostly come after the object, which only the rules negated after read.
 */
export const NEGATORS = terms(
  "not|never|don't|doesn't|won't|shouldn't|cannot|can't|mustn't|no|nor|without|",
  'nicht|nie|niemals|keinesfalls|keineswegs|auf keinen fall|auf gar keinen fall|unter keinen umständen|unter gar keinen umständen|in keinem fall|',
  'niemand|niemandem|niemanden|kein|keine|keinem|keinen|keiner',
);

/**
 * What a program, a company or someone else will or may do is described, not ordered: "this will find the credentials for
 * the registry", "we will withdraw your payment on the due date". Not "you will", a jailbreak's order.
 */
export const SOMEONE_WILL = /\b(?:this|that|it|we|they|he|she)(?:\s+(?:will|would|may|might|can|could|shall)|'ll)\s+$/i;

/**
 * A key word that is part of a name: glued by "_" ("LD_POINTER_GUARD", "GDBM_DEBUG_OVERRIDE"),
 * or going on into "-name", "/path" or "_" ("system-override-curves.sh", "sandbox/0001-fix.patch",
 * Markdown's "\\_sandbox\\_"). For rules whose words name switches and tests in every changelog.
 */
export const NAME_BEFORE = /(?:\w|\\)_$/;

/**
 * A state in a condition is described, not claimed: "If a firewall rule is disabled, the network
 * behaves as if …" (a man page), "If your input is invalid, the list will be reprinted" (tzselect).
 */
export const IN_A_CONDITION = /\b(?:if|when|whenever|whether|unless)\b[^.!?]{0,60}$/i;

/**
 * A relative clause on a plural noun describes what things do, it does not order the reader:
 * "socket addresses that do not follow the above rules" (unix(7)), "users who ignore the previous
 * instructions". Not after a verb ("note that", "this means that" + an order) or a singular.
 */
export const IN_A_RELATIVE_CLAUSE = /\b[a-z]{2,}[^s\W]s\s+(?:that|which|who)\s+$(?<!\b(?:means|says|ensures|states|requires|implies|notes|shows|assumes|believes|knows|thinks|hopes|insists|claims|demands|asks|tells|reminds|warns|suggests|explains|adds|writes|reads|goes|does|is|was|has)\s+(?:that|which|who)\s+)/i;
/** Roff escapes a name's hyphen: "\\fB\\-\\-bypass\\-firewall\\-checks\\fR" (gcloud's man pages). */
export const NAME_AFTER = /^(?:\\?_|\\?[-/]\w)/;

/**
 * Words that address the model or an agent reading the text ("AI:", "Note to the assistant",
 * "If you are an LLM"). Alone they mean little; before an imperative they mark an injection.
 */
export const ADDRESSEES = terms(
  'ai|a.i.|ai assistant|ai assistants|ai agent|ai agents|ai model|ai models|ai system|ai systems|ai tools|assistant|assistants|coding assistant|',
  'agent|agents|coding agent|automated agent|automated agents|autonomous agent|automated reviewers|ai reviewer|ai reviewers|llm|llms|',
  'language model|language models|large language model|chatbot|chatbots|copilot|github copilot|claude|chatgpt|gpt|gpt-4|gpt-4o|gemini|cursor|',
  'airlock|bot|bots|ki|ki-assistent|ki-assistenten|ki-agent|ki-agenten|assistent|assistenten|sprachmodell|asistente|assistente|assistant ia|agente|ассистент|ии|助手|アシスタント|어시스턴트',
);

/**
 * A purpose stated, not an order given: a heading's "**To list your rules**", "Example 1: To list
 * the secrets in your account", "shows how to list all of the secrets", "is used to find the .env
 * file", "To permanently change the value of an option, add …", a manual's "whether to skip firewall
 * checking", "set $MAN_DISABLE_SECCOMP to any non-empty value to disable the sandbox". Not "you
 * need to", an order.
 */
export const A_PURPOSE = /(?:^|[.!?:]\s+|\n[ \t]*|\*\*|#\s*|\b(?:how|used|in order|whether|value|values))\s*to\s+$/i;

/**
 * Words joined into a code identifier, not written as prose: "session_reset", "call_function",
 * "FORMAT_MESSAGE_FROM_SYSTEM", "self._new_rules", "_context.reset(token)" (PHP's built-ins in
 * Pygments, botocore, the Win32 stubs).
 */
export const IDENTIFIER = /[a-z0-9]_[a-z0-9]|[a-z]\.[a-z]{2}/i;

/** A context that is any of these (read case-insensitively, as every rule's context is). */
export function anyOf(...patterns: readonly RegExp[]): RegExp {
  return new RegExp(patterns.map((pattern) => pattern.source).join('|'), 'i');
}

/** The start of a sentence, for a question that must open one ("Können Sie das Passwort bestätigen?"). */
export const SENTENCE_START = /(?:^|[.!?:]\s+|\n\s*)$/;
