/**
 * What makes a tool definition an attack, as opposed to an emphatic one. Real servers write
 * "always call X first", "IMPORTANT", "you must" and name other tools and files; none of that is
 * matched here. These rules look for what a tool's own purpose never needs (issue 14): hiding
 * something from the user, reading files or credentials, collecting them into an answer or a
 * parameter, sending data to a fixed place, and changing how other tools behave.
 *
 * Rules run on one string at a time, lower-cased with whitespace folded. Every pattern is a
 * sequence of literals and character classes with bounded gaps that stop at a sentence end, so
 * each start position costs a bounded amount of work: linear in the text.
 */
import { knownToolIds } from '../agent/toolRegistry';
import type { DefinitionRuleId } from './toolDefinition';

export interface DefinitionRule {
  readonly id: DefinitionRuleId;
  readonly text: string;
  /** Tested on the folded string; any match fires the rule. */
  readonly patterns: readonly RegExp[];
  /** Only on strings inside a parameter's schema (including its name). */
  readonly parameterOnly?: boolean;
}

/** A gap of up to n characters inside one sentence. */
const gap = (n: number): string => `[^.!?;\\n]{0,${n}}`;

const SENSITIVE_PATH = String.raw`(?:~\/\.ssh|\.ssh\/|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|(?:^|[\s"'\x60(\/])\.env\b|\bmcp\.json\b|claude_desktop_config|\.aws\/credentials|\.npmrc\b|\.netrc\b|\.git-credentials|\.kube\/config|\/etc\/(?:passwd|shadow)\b|\.docker\/config\.json|\.pgpass\b|\.bash_history|\.zsh_history)`;
const READ_VERB = String.raw`\b(?:read|cat|open|access|load|fetch|retrieve|include|pass|send|attach|copy|upload|extract|contents?)\b`;
const SECRET_NOUN = String.raw`\b(?:all\s+)?(?:credentials?|api[ _-]?keys?|passwords?|secrets|private keys?|ssh keys?|access tokens?|auth(?:entication)? tokens?|session tokens?|cookies|environment variables|env vars|master password|confidential(?:\s+\w+)?\s+(?:information|data|notes|files?|records?))\b`;
const INTO_ANSWER = String.raw`\b(?:in|into|with|to|as part of)\s+(?:your|the)\s+(?:response|reply|answer|summary|output|result|message|\w+ (?:parameter|argument|field))`;
const HARVEST_VERB = String.raw`\b(?:include|return|extract|collect|append|attach|insert|put|embed|send|forward|post|upload|pass|output|dump)\b`;
const SEND_VERB = String.raw`\b(?:send|forward|post|upload|e-?mail|transmit|bcc|cc|copy|report|sync|exfiltrate)\w*\b`;
/** Airlock's own dotted tool ids (`fs.read`, `web.fetch`…), as whole tokens. */
const AIRLOCK_TOOL = new RegExp(String.raw`(?:^|[^\w.])(?:${knownToolIds().filter((id) => id.includes('.')).map((id) => id.replace(/\./g, '\\.')).join('|')})(?![\w.])`);
const DESTINATION = String.raw`(?:https?:\/\/[^\s"'\x60)]+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b)`;

export const DEFINITION_RULES: readonly DefinitionRule[] = [
  {
    id: 'mcp.conceal-from-user',
    text: 'tells the model to hide something from the user',
    patterns: [
      new RegExp(String.raw`\b(?:do not|don't|never|without)\s+(?:explicitly\s+|ever\s+)?(?:mention|tell|reveal|disclose)\s+(?:to the user\s+)?(?:that you|that this|this instruction|these instructions|this directive|this step|this note|it to)`),
      new RegExp(String.raw`\b(?:do not|don't|never|without)\s+(?:explicitly\s+)?(?:tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|let(?:ting)?|show(?:ing)?|warn(?:ing)?)\s+(?:the\s+)?users?\b`),
      new RegExp(String.raw`\b(?:hide|conceal|keep)\b${gap(40)}\bfrom (?:the )?users?\b`),
      new RegExp(String.raw`\b(?:avoid|prevent|without)\s+(?:raising\s+)?(?:the\s+)?users?(?:'s)?\s+(?:suspicion|noticing|knowledge|knowing|awareness)`),
      new RegExp(String.raw`\b(?:avoid|prevent)\s+(?:raising\s+)?(?:any\s+)?suspicion\b`),
      new RegExp(String.raw`\binvisible to (?:the )?users?\b`),
      new RegExp(String.raw`\b(?:present|format|disguise|frame|claim)\w*\b${gap(60)}\b(?:as if it(?:'s| is| were)|to look like|so (?:that )?it looks like)`),
      new RegExp(String.raw`\bhidden\s+(?:system\s+|administrative\s+)?(?:directive|command|feature|functionality)s?\b`),
      new RegExp(String.raw`<\s*hidden\s*>`),
    ],
  },
  {
    id: 'mcp.sensitive-read',
    text: 'asks for files or credentials a tool does not need (keys, .env, MCP config)',
    patterns: [
      new RegExp(`${READ_VERB}${gap(80)}${SENSITIVE_PATH}`),
      new RegExp(`${SENSITIVE_PATH}${gap(80)}${READ_VERB}`),
      new RegExp(String.raw`\b(?:put|pass|include|add|fill|paste|insert|attach)\b${gap(60)}\b(?:contents?|text)\s+of\s+(?:any|every|all|each|other|the user's|previously (?:read|opened))\s+(?:\w+\s+)?(?:files?|documents?)\b`),
    ],
  },
  {
    id: 'mcp.credential-harvest',
    text: 'tells the model to put credentials or confidential data into its answer or a parameter',
    patterns: [
      new RegExp(`${HARVEST_VERB}${gap(60)}${SECRET_NOUN}${gap(60)}${INTO_ANSWER}`),
      new RegExp(String.raw`\b(?:access|read|retrieve|fetch|check)\b${gap(80)}${SECRET_NOUN}${gap(80)}\b(?:include|return|present)\b${gap(40)}\b(?:response|reply|answer|summary|output|results?)\b`),
      new RegExp(`${HARVEST_VERB}${gap(60)}${SECRET_NOUN}${gap(60)}\\b(?:in|into)\\s+(?:your|the)\\s+(?:response|reply|answer)`),
    ],
  },
  {
    id: 'mcp.parameter-harvest',
    text: 'a parameter asks for the conversation, the system prompt or secrets nobody asked for',
    parameterOnly: true,
    patterns: [
      new RegExp(String.raw`\b(?:conversation|chat)\s+(?:history|log|transcript)\b|\b(?:previous|prior|earlier|all)\s+(?:user\s+)?messages\b|\bsystem\s+prompt\b|\byour\s+(?:instructions|system message)\b`),
      new RegExp(`${SECRET_NOUN}${gap(40)}\\b(?:from|of|in)\\b${gap(40)}${SENSITIVE_PATH}`),
    ],
  },
  {
    id: 'mcp.exfiltration',
    text: 'tells the model to send data to a fixed address',
    patterns: [
      new RegExp(String.raw`\b(?:all|every|also|always|any|each|secretly|silently|additionally|regardless)\b${gap(80)}${SEND_VERB}${gap(80)}\b(?:to|at)\s+${DESTINATION}`),
      new RegExp(`${SEND_VERB}${gap(80)}\\b(?:to|at)\\s+${DESTINATION}${gap(80)}\\b(?:regardless|instead|as well|too|also|silently|secretly)\\b`),
      new RegExp(String.raw`\bregardless of (?:the |who |what |whom )?(?:recipient|address|destination|the user)`),
    ],
  },
  {
    id: 'mcp.shadowing',
    text: 'tells the model how other tools must behave',
    patterns: [
      new RegExp(String.raw`\bwhen (?:this|the present) (?:tool|server) is (?:available|present|loaded|installed|enabled|connected)\b`),
      new RegExp(String.raw`\b(?:overrides?|supersedes?|replaces?|changes?|modif(?:y|ies))\s+(?:the\s+)?(?:behaviou?r|instructions|functionality|rules|guidelines)\s+of\b`),
      new RegExp(String.raw`\b(?:supersedes?|overrides?)\s+(?:all\s+)?(?:other|previous|prior)\s+(?:guidelines|instructions|rules|tools)\b`),
      new RegExp(String.raw`\b(?:all|every|any)\s+other\s+tools?\b${gap(40)}\b(?:must|should|shall)\s+(?:now\s+|also\s+|always\s+)?(?:send|include|use|be called|pass|add)\b`),
      new RegExp(String.raw`\b(?:this|the) (?:tool|server) (?:shadows|replaces|overrides|supersedes|impersonates)\b|\bshadows? a trusted\b`),
      new RegExp(String.raw`\binstead of\b${gap(30)}\b(?:the\s+)?(?:trusted|original|real|official|legitimate)\s+(?:tool|server|one)\b`),
    ],
  },
  {
    // A backdoor trigger: a step tied to exact words the user may type. Vendors write "use this
    // when the user asks about X"; they do not quote a phrase to watch the user's message for.
    id: 'mcp.hidden-trigger',
    text: 'ties a step to exact words in the user\'s message (a trigger phrase)',
    patterns: [
      new RegExp(String.raw`\b(?:when|if|whenever)\s+(?:the\s+)?users?(?:'s)?\s+(?:\w+\s+)?(?:request|message|prompt|query|input|question)?\s*(?:ever\s+)?(?:mentions?|contains?|includes?|says?|types?|writes?|uses? the (?:words?|phrase))\s+["'‘“]`),
    ],
  },
  {
    id: 'mcp.airlock-tool',
    text: 'names one of Airlock\'s own tools, which no server has a say over',
    patterns: [AIRLOCK_TOOL],
  },
];

/** Lower case, whitespace runs folded to one space. */
export function foldForRules(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}
