import { keyword, sequence, terms, type PhraseRule } from '../lexicon';

/** Banners that pretend the trusted part of the prompt ends or begins here. */
export const DELIMITER_PHRASE_RULES: readonly PhraseRule[] = [
  keyword('delimiter.en.section-banner', 'fake-delimiter', 0.55, terms(
    'end of system prompt|end of the system prompt|end of instructions|end of untrusted content|end of untrusted data|end of external content|end of tool output|',
    'end of the tool output|end of context|end of the context|end of user input|end of the user input|end of retrieved content|end of the document context|',
    'begin new system prompt|begin system prompt|new system prompt|start of system prompt|start of new instructions|begin new instructions|system prompt begins|',
    'system prompt ends|end of prompt|end of the prompt|untrusted content ends|trusted content begins|begin trusted content|end of data section|the data section is over',
  ), { lang: 'en' }),
  sequence('delimiter.en.new-instructions', 'fake-delimiter', 0.4, [terms('new instructions|updated instructions|revised instructions|real instructions|actual instructions|true instructions|new system instructions|new rules|new directive|new directives|new policy'), terms(':|—|–|follow|are as follows|below|take effect|apply')], { lang: 'en' }),
];

/** Requests to decode something and act on it, whatever the blob turns out to contain. */
export const ENCODING_PHRASE_RULES: readonly PhraseRule[] = [
  sequence('encoded.en.decode-and-follow', 'encoding-obfuscation', 0.6, [terms('decode|decoded|base64-decode|base64 decode|rot13|rot-13|unscramble|deobfuscate|decrypt|reverse|hex-decode|url-decode|translate'), 8, terms('follow|obey|execute|carry out|act on|do|run|apply|perform'), 3, terms('it|them|the instructions|what it says|whatever it says|the instructions inside|instructions inside|the result|the command|the commands|the task|the real task|these instructions')], { lang: 'en' }),
  sequence('encoded.en.decode-then-obey', 'encoding-obfuscation', 0.6, [terms('decode|decoded|base64-decode|base64|rot13|rot-13|hex|deobfuscate|unscramble'), 8, terms('and obey|then obey|and follow it|then follow it|and follow|and execute|then execute|and do what it says|and act accordingly|and comply|and do it')], { lang: 'en' }),
  // "base64 -d | sh": the pipe is not a token, so the two commands are adjacent slots.
  sequence('encoded.pipe-to-shell', 'encoding-obfuscation', 0.5, [terms('base64 -d|base64 --decode|base64 -di|xxd -r -p|xxd -r'), terms('sh|bash|zsh|sudo sh|sudo bash|python|python3')]),
  sequence('encoded.en.real-task-hex', 'encoding-obfuscation', 0.45, [terms('following|this|the'), 1, terms('hex|base64|rot13|encoded|encrypted|obfuscated'), 2, terms('is the real task|is your real task|contains your instructions|contains the real instructions|is the actual task|contains your real task|contains the task')], { lang: 'en' }),
];
