import type { PhraseRule } from '../lexicon';
import { FILLERS, NEGATORS } from './common';
import { CONTEXT_MANIPULATION_RULES } from './contextManipulation';
import { DELIMITER_PHRASE_RULES, ENCODING_PHRASE_RULES } from './delimiterPhrases';
import { EMBEDDED_REQUEST_RULES } from './embeddedRequest';
import { EXFILTRATION_RULES } from './exfiltration';
import { INSTRUCTION_OVERRIDE_RULES } from './instructionOverride';
import { PERSISTENCE_RULES } from './persistence';
import { ROLE_MANIPULATION_RULES } from './roleManipulation';
import { TOOL_HIJACKING_RULES } from './toolHijacking';

/** Every phrase rule, by family. Ids are stable: the audit log and tests refer to them. */
export const PHRASE_RULES: readonly PhraseRule[] = [
  ...INSTRUCTION_OVERRIDE_RULES,
  ...ROLE_MANIPULATION_RULES,
  ...CONTEXT_MANIPULATION_RULES,
  ...PERSISTENCE_RULES,
  ...TOOL_HIJACKING_RULES,
  ...EXFILTRATION_RULES,
  ...EMBEDDED_REQUEST_RULES,
  ...DELIMITER_PHRASE_RULES,
  ...ENCODING_PHRASE_RULES,
];

export { FILLERS, NEGATORS };
