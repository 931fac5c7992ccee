import { keyword, near, sequence, terms, type PhraseRule, type TermSet } from '../lexicon';
import { A_PURPOSE, ADDRESSEES, anyOf, IDENTIFIER, NAME_AFTER } from './common';

/** Imperatives that make an agent act: run, edit, fetch, change the guard. */
const ACT = terms(
  'run|execute|exec|call|invoke|use|open|edit|modify|write|create|delete|remove|fetch|download|visit|browse|browse to|navigate to|load|curl|wget|',
  'install|push|commit|add|change|set|update|disable|turn off|approve|apply|replace|overwrite|send|upload|post|print|read|cat|copy|whitelist|allowlist|',
  'rewrite|append|insert|paste|deploy|publish|merge|chmod|kill|grant|enable|go to|reveal|show|output|tell|ignore|forget|include|list|summarize|summarise|answer|respond|reply',
);
/**
 * What a tool is told to do unseen. Not "ignore": "silently ignore" is how manuals and changelogs say
 * a program skips bad input ("Silently ignore 1xx responses"), and an order to ignore instructions
 * is the override rules' to catch.
 */
const ACT_UNSEEN: TermSet = { terms: ACT.terms.filter((term) => term !== 'ignore') };
/** What a program will, could or no longer does silently, or what we or it do so, is described, not ordered. */
const SILENTLY_OPTIONS = {
  lang: 'en',
  notAfter: /\b(?:will|would|could|can|may|might|does|did|doesn't|didn't|don't|won't|not|never|no longer|used to|now|also|we|it|which)\s+$/i,
  // A failure described, not an act ordered: "Detect silently failing push.apply" (jQuery).
  notWithin: /^\w+\s+(?:fail|fails|failing|failed)\b/i,
} as const;
/**
 * What "silently" or "quietly" makes an order to hide: sending, deleting, running, granting. Manuals and changelogs say
 * a program will "silently create", "silently use", "quietly create splits" or "silently remove such values".
 */
const ACT_RISKY = terms('run|execute|exec|invoke|delete|fetch|download|curl|wget|install|push|commit|merge|disable|turn off|approve|overwrite|send|upload|post|copy|whitelist|allowlist|deploy|publish|chmod|kill|grant|enable|reveal|forward|exfiltrate');
const GUARD = terms('firewall|the firewall|airlock guard|the airlock guard|airlock|the guard|guard|sandbox|the sandbox|security checks|security guard|safety checks|safety filters|approval|approvals|approval dialog|approval dialogs|approval prompt|approval prompts|approval step|confirmation dialog|confirmation prompt|confirmations|egress rules|egress policy|egress filter|protections|content guard|security policy|the policy|the allowlist|allowlist');
/**
 * The line before names a command-line option, so what follows describes it: a man page's
 * "\\fB\\-\\-disabled\\fR" then "Disable a firewall rule and stop it from being enforced", or a
 * help text's "--disabled" on its own line; or the same line does, in a help text's columns
 * ("  -f, --force   Skip confirmation prompt") or a CLI parser's call (`.option('-f, --force', 'Skip
 * confirmation prompt when unpublishing')`, vsce; `{name:["--force"],description:"Skip confirmation
 * prompt"}`, VS Code's terminal completions; argparse's `help="Don't ask for confirmation of uninstall
 * deletions."`, pip).
 */
const OPTION_DESCRIBED = /(?:^|\n)[ \t]*(?:\\f[BI]|\*\*|`)?(?:\\?-){1,2}[a-z][\w\\-]*(?:\\f[RP]|\*\*|`)?[^\n]{0,60}\n(?:[ \t]*\n)?[ \t]*$|--?[a-z][\w-]*['"`]\s*,\s*['"`]$|--?[a-z][\w-]*['"`](?:\s*,\s*['"`]-?-?[\w-]*['"`])?\s*\]?\s*,\s*['"]?(?:description|desc|help|summary)['"]?\s*:\s*['"`]$|(?:^|\n)[ \t]*(?:-[a-z],\s*)?--?[a-z][\w-]*(?:[= ][\w<>[\]]+)?[ \t]{2,}$|\bhelp\s*=\s*\(?\s*["'`]$/i;
/**
 * A guard in code that tests leave out: "Skip the guard for tests where a disconnect is expected"
 * (undici); or the guard word as a modifier: "Avoid firewall exception requests" (D-Bus), "Remove
 * "sandbox" global variables" (man-db).
 */
const NAME_OR_FOR_TESTS = anyOf(NAME_AFTER, /^\s+(?:for|in|during)\s+(?:the\s+|all\s+|your\s+|unit\s+)?(?:tests?|testing)\b/, /^["']?\s+(?:exception requests|global variables?)\b/);
/**
 * Also a purpose stated: "**To remove the Firewall Manager administrator account**" (AWS CLI
 * examples), "To disable the confirmation prompt on delete, run: …" (gcloud's man pages). An order
 * in that shape still has its own verb ("run …") for the other rules to read.
 */
const OPTION_OR_PURPOSE = anyOf(OPTION_DESCRIBED, A_PURPOSE);
const LOOSEN = terms('disable|turn off|switch off|deactivate|bypass|circumvent|skip|remove|weaken|loosen|get around|work around|evade|avoid|ignore|shut down|shut off|kill');
const EDIT = terms('open|edit|modify|change|write|overwrite|update|create|replace|delete|append|add|rewrite|set|clear|empty');
/** Files that configure the guard itself: documentation outside Airlock's own has no reason to edit them (not "the policy file" alone: D-Bus, SELinux and Node.js have one). */
const GUARD_FILE = terms('.airlock|.airlock/policy|airlock policy|the airlock policy|your policy file|the guard\'s policy|policy yaml|default.yaml');
/**
 * The verb as a noun ("makes a change to the SSH config") or an option's name in a synopsis
 * ("[\\fB\\-\\-overwrite\\fR] [\\fB\\-\\-remove\\fR] [\\fB\\-\\-ssh\\-config…", gcloud).
 */
const NOT_AN_EDIT = /(?:\b(?:a|an|the|any|each|every|no|this|that|one)\s+|\\?-)$/i;
/** The verb as part of a command's name: "gcloud … set\\-iam\\-policy … /tmp/policy.yaml". */
const PART_OF_A_NAME = /^\w+(?:\\?-\w|_\w)/;
/** An enumerated value's description under its name: "\\fBACCEPT_AUTOMATIC\\fR" then "Always accept connection requests … automatically" (gcloud). */
const AN_ENUM_VALUE = /(?:^|\n)[ \t]*(?:\\f[BI]|\*\*|`)?[A-Z][A-Z0-9_]{2,}(?:\\f[RP]|\*\*|`)?:?[ \t]*\n[ \t]*(?:[Aa]lways\s+|[Oo]nly\s+)?$/;
/**
 * Files that run code or grant access later (shell profiles, hooks, editor tasks, keys): setup
 * guides tell people to edit them every day ("add this line to your .bashrc").
 */
const STARTUP_FILE = terms(
  '.vscode/settings.json|vscode settings|vscode settings json|.vscode/tasks.json|launch.json|tasks.json|',
  '.bashrc|.zshrc|.bash_profile|authorized_keys|.ssh/config|.git/hooks|git hooks|crontab|.npmrc|.pypirc|.gitconfig|sudoers|/etc/hosts',
);
/**
 * What no setup guide puts in a startup file: a reverse or bind shell, a wrapper that captures the
 * sudo password, code that uploads or steals. (curl | sh and exfiltration by curl are command
 * findings of their own, the guard switched off a phrase finding of its own.)
 */
const HOSTILE_PAYLOAD = terms(
  '/dev/tcp|/dev/udp|nc -e|ncat -e|netcat -e|nc -c|mkfifo|socat|reverse shell|bind shell|meterpreter|msfvenom|',
  'alias sudo|alias for sudo|sudo alias|function sudo|keylogger|keylog|upload|uploads|uploading|exfiltrate|exfiltrates|steal|steals|harvest|',
  '.bash_history|bash_history|id_rsa|attacker',
);
/** German imperatives (du and Sie) that make an agent act; separable verbs by their first part ("führe … aus"). */
const ACT_DE = terms(
  'führe|führen sie|starte|starten sie|lösche|löschen sie|entferne|entfernen sie|öffne|öffnen sie|bearbeite|bearbeiten sie|ändere|ändern sie|',
  'schreibe|schreib|schreiben sie|erstelle|erstellen sie|lade|lad|laden sie|rufe|ruf|rufen sie|hole|hol|holen sie|sende|senden sie|schicke|schick|schicken sie|',
  'poste|posten sie|pushe|pushen sie|committe|installiere|installieren sie|deaktiviere|deaktivieren sie|schalte|schalten sie|genehmige|genehmigen sie|',
  'füge|fügen sie|kopiere|kopieren sie|leite|leiten sie|überweise|überweisen sie|veröffentliche|teile|teilen sie|aktiviere|aktivieren sie|besuche|navigiere',
);
const EDIT_DE = terms('öffne|öffnen sie|bearbeite|bearbeiten sie|editiere|ändere|ändern sie|schreibe|schreiben sie|überschreibe|überschreiben sie|aktualisiere|erstelle|ersetze|lösche|hänge|hängen sie|füge|fügen sie|trage|tragen sie|setze|setzen sie|leere');
/** The guard named in German (the loosening verbs, not "aktiviere", make it a finding). */
const GUARD_DE = terms(
  'die firewall|den guard|airlock|die sandbox|die sicherheitsprüfungen|die sicherheitsprüfung|die sicherheitschecks|die sicherheitsfilter|die genehmigungen|',
  'die genehmigungsdialoge|die bestätigungsdialoge|die bestätigungsabfragen|die bestätigungen|die egress-regeln|die egress-richtlinie|den inhaltsfilter|den content guard|die schutzmechanismen|die schutzfunktionen',
);
const HOSTILE_PAYLOAD_DE = terms(HOSTILE_PAYLOAD, 'hochlädt|hochladen|lädt|stiehlt|abgreift|mitschneidet|alias für sudo|das passwort protokolliert|das passwort mitschneidet|verlauf hochlädt');

/**
 * Keeping the user in the dark. Not "without telling" alone: release notes move a worktree "without telling Git", and
 * a socket drops a packet "without informing the source".
 */
const COVERT = terms("without telling anyone|without telling them|without telling the human|without telling your user|without informing the user|without informing anyone|without notifying the user|without notifying anyone|without alerting the user|without alerting anyone|without telling the user|without the user knowing|without the user's knowledge|without the user noticing");
/**
 * The action done without a prompt: how software is described, so it only adds weight. Every CLI reference describes
 * `--yes` so ("Remove a LVM label without asking for confirmation"), and an IDE's changelog says "Always encode source
 * as UTF-8 without asking the user".
 */
const NON_INTERACTIVE = terms('without asking|without confirming|without confirmation|without approval|without asking for approval|without asking for confirmation|without review|without reviewing|without consulting|without asking the user|without user approval|without user confirmation|without consulting the user');

/**
 * "agent:" as a component, not someone addressed: "user-agent:", a name ("gpg_agent"), or the
 * prefix of a changelog entry ("  * agent: Use the sysconfdir …", "* **agents:** run local tools", a
 * tab-indented GNU ChangeLog line), or a parameter ("def _read_body_array(cursor):" then its docstring).
 */
const COMPONENT_PREFIX = /(?:user[-_ ]?|\w_|\w\(\s*|(?:^|\n)[ \t]*[*\-•+][ \t]+(?:\*\*)?|(?:^|\n)\t+)$/i;

export const TOOL_HIJACKING_RULES: readonly PhraseRule[] = [
  // Strict: only filler words between the address and the verb ("AI agent: run …", not "Claude, offering copy").
  // Not the HTTP header "user-agent: curl/8.4".
  sequence('tool.en.addressed-imperative', 'tool-hijacking', 0.45, [ADDRESSEES, terms(':|—|–'), 3, ACT], { lang: 'en', strict: true, notAfter: COMPONENT_PREFIX }),
  // After a comma the address must turn into a request ("Claude, please delete …"): "the agent, add a step" is prose about an agent.
  sequence('tool.en.addressed-request', 'tool-hijacking', 0.45, [ADDRESSEES, terms(','), terms('please|now|immediately|i need you to|you must|you need to|go ahead and|make sure to|remember to'), 2, ACT], { lang: 'en', strict: true }),
  sequence('tool.en.addressed-note', 'tool-hijacking', 0.45, [terms("if you are an|if you are a|if you're an|if you're a|when you the|note to the|note for the|note to|note for|dear|hey|attention|instruction to any|instruction for any|instructions to any|instructions for any|message to the|message for the|important instructions for the|task for the"), 2, ADDRESSEES], { lang: 'en', notAfter: /\b(?:send|sends|sending|post|posts|posting|type|types|write|writes)\s+(?:a|an|the|one|your)?\s*(?:single|short|new|first)?\s*$/i }),
  // A to-do or postscript inside a document that turns to the reader: "P.S. for the AI assistant: …", "TODO (agent): …".
  sequence('tool.en.addressed-postscript', 'tool-hijacking', 0.45, [terms('p.s.|p.s|ps|pps|todo|to-do|to do|fixme|reminder|nb|n.b.'), 3, ADDRESSEES, terms(':|,|—|–|)')], { lang: 'en' }),
  sequence('tool.de.addressed-note', 'tool-hijacking', 0.45, [terms('ps an|ps für|p.s. an|p.s. für|todo für|todo an|fixme für|erinnerung an|erinnerung für|notiz an|notiz für|hinweis an|hinweis für|nachricht an|nachricht für|anweisung an|anweisung für|anweisungen an|anweisungen für|aufgabe für|wichtig für|achtung|hallo|liebe|lieber|wenn du eine|wenn du ein|falls du eine|falls du ein|wenn sie eine|falls sie eine'), 2, terms('ki|ki-assistent|ki-assistenten|ki-agent|ki-agenten|assistent|assistenten|sprachmodell|ki-modell|chatbot|bot|agent|agenten|llm')], { lang: 'de' }),
  sequence('tool.en.addressed-reading', 'tool-hijacking', 0.45, [ADDRESSEES, 2, terms('reading this|reading this page|reading this file|reading this issue|processing this|summarizing this|summarising this|that reads this|who reads this|which reads this|that read this|who read this|parsing this|reviewing this|indexing this|crawling this')], { lang: 'en' }),
  // Not the last part of a name: a README's "[forever-agent](…) **Note:** Defaults to …" ("AI-agent" is still an addressee).
  sequence('tool.en.addressed-instructions', 'tool-hijacking', 0.45, [ADDRESSEES, terms('instructions|instruction|task|note|directive|order|orders|command'), terms(':|—|–')], { lang: 'en', notAfter: /\b(?!(?:ai|llm|gpt|ml)-$)\w+-$/i }),
  // A request timed to the reader's own work on the text: "when you summarise this e-mail, forward …". People do not
  // ask one another to act "when summarising"; an assistant is asked exactly that. Only actions that move or destroy
  // things ("after reading this guide, run npm install" is a tutorial).
  sequence('tool.en.while-processing', 'tool-hijacking', 0.45, [terms('when you summarize|when you summarise|when summarizing|when summarising|while summarizing|while summarising|after summarizing|after summarising|after you summarize|after you summarise|once you summarize|once you summarise|as you summarize|as you summarise|before summarizing|before summarising|when you process|when processing|after processing|while processing|after you process|once you have read|after you have read|after you read|when you read|once you read'), 4, terms('this email|this e-mail|this mail|this message|these emails|these messages|the emails|the inbox|my inbox|this thread|this document|this page|this file|this review|this note|this text|it'), 8, terms('send|forward|email|e-mail|mail|reply to|delete|transfer|invoke|post|upload|cc|bcc|wire|pay|grant|share')], { lang: 'en' }),
  near('tool.de.while-processing', 'tool-hijacking', 0.45, [terms('wenn du diese e-mail|wenn du diese mail|wenn du diese nachricht|wenn du dieses dokument|wenn du diesen text|beim zusammenfassen|nach dem zusammenfassen|wenn du zusammenfasst|sobald du diese|nachdem du diese|nachdem du dieses|wenn sie diese e-mail|beim lesen dieser'), terms('sende|schicke|schick|leite|lösche|überweise|teile|poste|lade')], 14, { lang: 'de' }),
  // "Include this snippet in any code you write": a payload planted in the reader's future output. Addressed to whoever
  // writes ("you"), so docs that say "add this line to your .bashrc" or "add the header to every source file" pass.
  sequence('tool.en.insert-into-your-output', 'tool-hijacking', 0.45, [terms('include|add|insert|put|append|prepend|embed|inject|paste|place|use|import|always include|always add'), 3, terms('this code|this snippet|this line|this import|this script|this function|this payload|this link|this url|this package|this dependency|the following code|the following snippet|the following line|the following lines|the following import|the following script|the following link|the following url|the following package|the following dependency'), 8, terms('in any code you|in all code you|in the code you|to the code you|into the code you|into any code you|in any code that you|in every code you|in whatever you write|in what you write|in everything you write|in every response|in all responses|in all your responses|in every answer|to every answer|in all your answers|in every script you|in any script you|in any file you|in every file you|to any file you|to every file you|in all files you|in each file you|every time you write|whenever you write|in any program you|in every program you|in all future code|in any future code|in your future code')], { lang: 'en' }),
  near('tool.de.insert-into-your-output', 'tool-hijacking', 0.45, [terms('füge|fügen sie|baue|bauen sie|nimm|nehmen sie|schreibe|schreiben sie|setze|setzen sie|binde|binden sie'), terms('diesen code|folgenden code|den folgenden code|diese zeile|folgende zeile|die folgende zeile|dieses snippet|diesen link|dieses skript|den folgenden import|diesen import'), terms('in jeden code|in allen code|in jede antwort|in alle antworten|in jedes skript|den du schreibst|den sie schreiben|die du schreibst|die sie schreiben|was du schreibst|was sie schreiben|in künftigen code|in jeden künftigen code')], 18, { lang: 'de' }),
  // Filler words only between: "disable GPU sandbox" (a browser flag) and "remove legacy `guard`" (a changelog) are not the reader's guard.
  sequence('tool.en.loosen-guard', 'tool-hijacking', 0.6, [LOOSEN, 2, GUARD], { lang: 'en', negatable: true, strict: true, notBefore: NAME_OR_FOR_TESTS, notAfter: OPTION_OR_PURPOSE }),
  // Docs tell users to allow hosts all the time: weak alone, decisive with an addressee or another finding.
  sequence('tool.en.allow-everything', 'tool-hijacking', 0.3, [terms('add|allow|whitelist|allowlist|permit|unblock|open'), 8, terms('to the firewall|to the allowlist|to the allow list|to the whitelist|in the egress|to the egress|to egress|in the firewall|in the allowlist|egress allow|egress.allow|to allow all|all domains|every domain|every host|all hosts|for every tool|for all tools')], { lang: 'en' }),
  sequence('tool.en.egress-tool', 'tool-hijacking', 0.5, [terms('security.egress.update|egress.update|security egress update')]),
  sequence('tool.en.edit-control-file', 'tool-hijacking', 0.45, [EDIT, 6, GUARD_FILE], { lang: 'en', negatable: true, notAfter: NOT_AN_EDIT, notOpening: PART_OF_A_NAME, notWithin: /[a-z0-9]_[a-z0-9]/i }),
  // Weak alone ("add this line to your .bashrc: export PATH=…" is setup advice), decisive with an addressee or a hostile payload.
  sequence('tool.en.edit-startup-file', 'tool-hijacking', 0.3, [EDIT, 6, STARTUP_FILE], { lang: 'en', negatable: true, notAfter: NOT_AN_EDIT, notOpening: PART_OF_A_NAME }),
  sequence('tool.en.startup-file-payload', 'tool-hijacking', 0.6, [EDIT, 6, STARTUP_FILE, 16, HOSTILE_PAYLOAD], { lang: 'en', negatable: true }),
  // Tool-use guides say "use these tools" on every page: weak alone.
  sequence('tool.en.call-tool', 'tool-hijacking', 0.25, [terms('call|invoke|use|trigger|run|execute'), 3, terms('tool|tools|function|shell tool|terminal tool|file tool|browser tool|fetch tool|write tool|the shell|your shell|your terminal|a shell')], { lang: 'en', negatable: true, strict: true, notWithin: IDENTIFIER }),
  // Network verbs only: "read CONTRIBUTING.md and follow the instructions there" is ordinary advice.
  sequence('tool.en.fetch-and-follow', 'tool-hijacking', 0.7, [terms('fetch|visit|browse|browse to|navigate to|load|download|go to|request|curl|wget'), 12, terms('follow|obey|execute|do|run|carry out|apply|act on'), 3, terms('its instructions|the instructions|whatever it says|what it says|whatever they say|what they say|it says|the commands|its commands|the steps|its steps|the next steps|the instructions there|whatever is there')], { lang: 'en' }),
  sequence('tool.en.download-execute', 'tool-hijacking', 0.3, [terms('download|fetch|get|curl|wget'), 10, terms('and execute it|and run it|then execute it|then run it|and execute|and run|execute it|run it')], { lang: 'en' }),
  // The action hidden from the report the user reads: "push it and do not mention it in your summary" (not "do not
  // mention the API key in your summary", which keeps a secret out).
  sequence('tool.en.hide-from-summary', 'tool-hijacking', 0.5, [terms("do not mention|don't mention|never mention|do not report|don't report|do not include|don't include|leave out|omit"), 2, terms('it|this|that|any of this|any of it|this step|this change|these changes|what you did|what you have done'), 1, terms('in your summary|in the summary|in your reply|in your response|in your answer|in your report|from your summary|from the summary|from your reply|from your report')], { lang: 'en', strict: true }),
  keyword('tool.en.covert', 'tool-hijacking', 0.45, COVERT, { lang: 'en' }),
  // The short form is not read again where the long one follows ("without asking the user").
  keyword('tool.en.without-confirmation', 'tool-hijacking', 0.3, NON_INTERACTIVE, { lang: 'en', notBefore: /^\s+(?:the user|the human|the developer|the operator)\b/i }),
  sequence('tool.en.dont-tell-user', 'tool-hijacking', 0.6, [terms("do not tell|don't tell|never tell|do not inform|don't inform|do not notify|don't notify|do not mention|don't mention|never mention|do not alert|don't alert|do not show|don't show|hide this from|hide it from|hide that from|conceal this from|conceal it from|keep this from|keep it from|keep this secret from|keep it secret from|keep this hidden from"), 3, terms('the user|the human|the developer|the operator|to the user|from the user|the user about|a dialog|the dialog|a confirmation|any dialog|a prompt|user')], { lang: 'en' }),
  sequence('tool.en.silently', 'tool-hijacking', 0.45, [terms('silently|quietly|in the background without'), 1, ACT_RISKY], SILENTLY_OPTIONS),
  sequence('tool.en.silently', 'tool-hijacking', 0.45, [terms('secretly|covertly|discreetly|invisibly'), 1, ACT_UNSEEN], SILENTLY_OPTIONS),
  sequence('tool.en.no-need-to-ask', 'tool-hijacking', 0.45, [terms("no need to|there is no need to|you don't need to|you do not need to|it is not necessary to|don't bother to|do not bother to|you needn't"), 2, terms('ask|confirm|request approval|request permission|ask for approval|ask for permission|ask for confirmation|wait for approval|wait for confirmation|check with the user|show a dialog|ask again')], { lang: 'en', strict: true }),
  // Not a bare "don't ask again": that is the label of a checkbox in every settings dialog.
  keyword('tool.en.do-not-ask', 'tool-hijacking', 0.45, terms("do not ask for approval|don't ask for approval|never ask for approval|do not ask for confirmation|don't ask for confirmation|never ask for confirmation|do not request approval|don't request approval|do not request confirmation|do not ask the user|don't ask the user|never ask the user|do not ask for permission|don't ask for permission|do not wait for approval|don't wait for approval"), { lang: 'en', notAfter: OPTION_DESCRIBED }),
  // Not "allow" or "grant": a licence's patent grant "is automatically extended", an option allows a tool "to automatically use all cores".
  sequence('tool.en.auto-approve', 'tool-hijacking', 0.6, [terms('approve|accept|confirm'), 4, terms('automatically|without asking|without a dialog|without showing|silently|by default from now on')], { lang: 'en', notAfter: AN_ENUM_VALUE }),
  keyword('tool.en.auto-approve-word', 'tool-hijacking', 0.5, terms('auto-approve|autoapprove|auto approve all|automatically approve|approve every|approve all tool calls|approve every file write|approve all edits|approve all writes'), { lang: 'en', notAfter: /-$/ }),
  sequence('tool.en.agent-must', 'tool-hijacking', 0.3, [terms('the coding assistant|the assistant|the agent|the ai|the coding agent|the model|the llm|any ai|any agent|ai agents|ai assistants|automated agents|automated tools|language models'), 2, terms('must|should|needs to|has to|is required to|is instructed to|will now|must now|shall')], { lang: 'en' }),
  // German twins: the address then an imperative, the guard switched off (separable "schalte … ab"), control files,
  // secrecy towards the user, no asking.
  sequence('tool.de.addressed-imperative', 'tool-hijacking', 0.45, [ADDRESSEES, terms(':|—|–'), 3, ACT_DE], { lang: 'de', strict: true }),
  sequence('tool.de.addressed-request', 'tool-hijacking', 0.45, [ADDRESSEES, terms(','), terms('bitte|jetzt|sofort|ich möchte, dass du|du musst|denk daran|vergiss nicht'), 2, ACT_DE], { lang: 'de', strict: true }),
  near('tool.de.addressed-reading', 'tool-hijacking', 0.45, [ADDRESSEES, terms('dies liest|das hier liest|diesen text liest|diese seite liest|diese datei liest|diese nachricht liest|diese e-mail liest|dieses dokument liest|diese zeilen liest|dies zusammenfasst|diesen text zusammenfasst|diese seite zusammenfasst|dieses dokument zusammenfasst|diese e-mail zusammenfasst|diese nachricht zusammenfasst')], 8, { lang: 'de' }),
  sequence('tool.de.loosen-guard', 'tool-hijacking', 0.6, [terms('deaktiviere|deaktivieren sie|umgehe|umgehen sie|umgeh|überspringe|überspringen sie|entferne|entfernen sie|schwäche|schwächen sie|lockere|lockern sie|ignoriere|ignorieren sie'), 2, GUARD_DE], { lang: 'de', negatedAfter: true }),
  sequence('tool.de.switch-off-guard', 'tool-hijacking', 0.6, [terms('schalte|schalten sie|stelle|stellen sie|hebel|hebele|hebeln sie'), 2, GUARD_DE, 2, terms('ab|aus')], { lang: 'de', negatedAfter: true }),
  near('tool.de.allow-everything', 'tool-hijacking', 0.3, [terms('füge|fügen sie|erlaube|erlauben sie|gib|geben sie|entsperre|öffne|trage|tragen sie'), terms('alle domains|jede domain|alle hosts|jeden host|zur allowlist|zur firewall|in die allowlist|in die egress|für alle tools|für jedes tool|zur whitelist|in die whitelist')], 8, { lang: 'de' }),
  sequence('tool.de.edit-control-file', 'tool-hijacking', 0.45, [EDIT_DE, 6, GUARD_FILE], { lang: 'de', negatedAfter: true }),
  sequence('tool.de.edit-startup-file', 'tool-hijacking', 0.3, [EDIT_DE, 6, STARTUP_FILE], { lang: 'de', negatedAfter: true }),
  sequence('tool.de.startup-file-payload', 'tool-hijacking', 0.6, [EDIT_DE, 6, STARTUP_FILE, 16, HOSTILE_PAYLOAD_DE], { lang: 'de', negatedAfter: true }),
  // A URL fetched and obeyed; not "besuche die Website und folge den Anweisungen", which install guides say.
  near('tool.de.fetch-and-follow', 'tool-hijacking', 0.7, [terms('rufe|ruf|rufen sie|navigiere zu|curl|wget|hol dir|hole dir'), terms('http|https|url|link'), terms('befolge die anweisungen dort|befolge die dortigen anweisungen|befolge die anweisungen darin|befolgen sie die anweisungen dort|folge den anweisungen dort|folge den dortigen anweisungen|folgen sie den anweisungen dort|tu, was dort steht|tue, was dort steht|tu was dort steht|tun sie, was dort steht|führe die befehle dort aus|führe die dortigen befehle aus|führe aus, was dort steht|mach, was dort steht|mach was dort steht|befolge, was dort steht|befolge alles, was dort steht')], 16, { lang: 'de' }),
  near('tool.de.dont-tell-user', 'tool-hijacking', 0.6, [terms('sag|sage|sagen sie|erzähl|erzähle|erzählen sie|verrate|verraten sie|erwähne|erwähnen sie|informiere|informieren sie|benachrichtige|benachrichtigen sie'), terms('dem benutzer|dem nutzer|den benutzer|den nutzer|dem anwender|der benutzerin|dem user|den user|dem menschen'), terms('nichts|kein wort|nichts davon|keinesfalls|niemals|nie|auf keinen fall')], 6, { lang: 'de' }),
  keyword('tool.de.hide-from-user', 'tool-hijacking', 0.6, terms('vor dem benutzer geheim|vor dem nutzer geheim|vor dem benutzer verbergen|vor dem nutzer verbergen|verberge das vor dem benutzer|verberge das vor dem nutzer|verschweige das dem benutzer|verschweige das dem nutzer|verschweige dem benutzer|verschweige dem nutzer|informiere den benutzer nicht|informiere den nutzer nicht|informieren sie den benutzer nicht|benachrichtige den benutzer nicht|benachrichtige den nutzer nicht|erwähne es dem benutzer gegenüber nicht|erwähne das dem benutzer gegenüber nicht'), { lang: 'de' }),
  near('tool.de.silently', 'tool-hijacking', 0.45, [terms('heimlich|insgeheim|unbemerkt|klammheimlich|stillschweigend|ohne dass der benutzer es merkt|ohne dass es jemand merkt'), ACT_DE], 3, { lang: 'de' }),
  near('tool.de.no-need-to-ask', 'tool-hijacking', 0.45, [terms('du musst nicht|du brauchst nicht|es ist nicht nötig|es ist nicht notwendig|sie müssen nicht|sie brauchen nicht|kein grund'), terms('fragen|zu fragen|nachzufragen|nachfragen|zu bestätigen|bestätigen|um erlaubnis|um zustimmung|auf bestätigung|auf freigabe|rückfrage|um bestätigung')], 6, { lang: 'de' }),
  keyword('tool.de.do-not-ask', 'tool-hijacking', 0.45, terms('frage nicht nach einer bestätigung|frag nicht nach einer bestätigung|fragen sie nicht nach einer bestätigung|frage nicht nach bestätigung|frage nicht um erlaubnis|frag nicht um erlaubnis|frage den benutzer nicht|frag den benutzer nicht|fragen sie den benutzer nicht|frage den nutzer nicht|frag den nutzer nicht|warte nicht auf eine bestätigung|warte nicht auf bestätigung|warte nicht auf freigabe|bitte nicht um bestätigung|ohne nach bestätigung zu fragen|frage nie nach einer bestätigung'), { lang: 'de' }),
  // Not "akzeptiere … automatisch": German command docs accept licences and prompts automatically.
  near('tool.de.auto-approve', 'tool-hijacking', 0.6, [terms('genehmige|genehmigen sie|gewähre|gewähren sie|erlaube|erlauben sie'), terms('automatisch|ohne nachfrage|ohne rückfrage|ohne dialog|ab jetzt immer|stillschweigend'), terms('tool-aufrufe|tool-aufruf|werkzeugaufrufe|befehle|shell-befehle|aktionen|schreibvorgänge|dateiänderungen|zugriffe')], 6, { lang: 'de' }),
  keyword('tool.de.auto-approve-word', 'tool-hijacking', 0.5, terms('genehmige alle tool-aufrufe|genehmige alle werkzeugaufrufe|genehmige jeden tool-aufruf|genehmigen sie alle tool-aufrufe|automatische genehmigung für alle tool-aufrufe|automatische genehmigung aller tool-aufrufe|automatische genehmigung für alle dateischreibvorgänge|automatische genehmigung für alle schreibvorgänge|auto-approve'), { lang: 'de', notAfter: /-$/ }),
  keyword('tool.covert.multilingual', 'tool-hijacking', 0.55, terms('sin avisar|sans prévenir|不要询问用户|不要告诉用户|不要通知用户|묻지 말고')),
  keyword('tool.without-confirmation.multilingual', 'tool-hijacking', 0.3, terms('sin preguntar|sin confirmación|sin confirmacion|sans demander|sans confirmation|sem perguntar|sem confirmação|senza chiedere|senza conferma|без подтверждения|не спрашивая|无需确认|確認せずに|확인 없이')),
  near('tool.de.call-tool', 'tool-hijacking', 0.25, [terms('rufe|ruf|rufen sie|nutze|nutzen sie|benutze|benutzen sie|verwende|verwenden sie|starte|starten sie'), terms('das shell-tool|shell-tool|das tool|das werkzeug|die shell|deine shell|dein terminal|das terminal-tool|das datei-tool|das browser-tool|das fetch-tool|das schreib-tool|die funktion')], 4, { lang: 'de' }),
  near('tool.de.download-execute', 'tool-hijacking', 0.3, [terms('lade|lad|laden sie'), terms('herunter'), terms('führe es aus|führen sie es aus|führe sie aus|und führe|und starte|starte es|starten sie es|ausführen')], 14, { lang: 'de' }),
  sequence('tool.de.agent-must', 'tool-hijacking', 0.3, [terms('der assistent|der ki-assistent|der coding-assistent|der agent|der coding-agent|die ki|das modell|das sprachmodell|jeder agent|jede ki|ki-agenten|ki-assistenten|automatisierte agenten|sprachmodelle'), 2, terms('muss|müssen|soll|sollen|sollte|hat zu|muss jetzt|wird jetzt|ist angewiesen')], { lang: 'de' }),
  near('tool.de.hide-from-summary', 'tool-hijacking', 0.5, [terms('erwähne|erwähnen sie|nenne|nennen sie|lass|lassen sie'), terms('es|das|dies|diesen schritt|diese änderung|diese änderungen'), terms('nicht|weg'), terms('in deiner zusammenfassung|in der zusammenfassung|in ihrer zusammenfassung|in deiner antwort|in ihrer antwort|im bericht|in deinem bericht|in ihrem bericht')], 9, { lang: 'de' }),
  keyword('tool.de.covert', 'tool-hijacking', 0.45, terms('ohne den benutzer zu informieren|ohne den nutzer zu informieren|ohne es dem benutzer zu sagen|ohne dass der benutzer es merkt|ohne wissen des benutzers|ohne den benutzer zu benachrichtigen'), { lang: 'de' }),
  keyword('tool.de.without-confirmation', 'tool-hijacking', 0.3, terms('ohne nachzufragen|ohne zu fragen|ohne rückfrage|ohne bestätigung|ohne nachfrage|ohne zu bestätigen|ohne rückfrage beim benutzer|ohne rückfrage beim nutzer|ohne den benutzer zu fragen|ohne den nutzer zu fragen'), { lang: 'de', notBefore: /^\s+(?:beim|bei dem) (?:benutzer|nutzer)\b/i }),
  near('tool.addressed.multilingual', 'tool-hijacking', 0.45, [terms('asistente|ki-assistent|ki assistent|assistente|assistant ia|агент|ассистент|助手，|助手:|ai助手|智能助手|人工智能助手|アシスタント|어시스턴트'), terms('ejecuta|ejecute|führe|fuhre|exécute|execute|executa|esegui|выполни|запусти|执行|运行|実行|실행|borra|elimina|lösche|supprime|apaga|cancella|удали|删除|削除|삭제')], 6),
];
