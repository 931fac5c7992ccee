import { near, sequence, terms, type PhraseRule } from '../lexicon';

const HENCEFORTH = terms('from now on|from this point on|from this point forward|from this moment on|from this moment|going forward|henceforth|hereafter|from here on|from here on out|starting now|starting from now|for the rest of this conversation|for the rest of the conversation|for the rest of this session|for the rest of the session|for the rest of this chat|from now|until further notice');
/** What an injected standing order tells the model to do. */
const STANDING_ORDER = terms(
  'you will|you must|you shall|you should|you are to|you need to|you are going to|you have to|always|never|respond|reply|answer|act|behave|',
  "ignore|include|end|start|begin|prefix|append|add|treat|whenever|obey|follow|only respond|only answer|only reply|only speak|speak|talk|write|output|do not|don't|",
  'refuse|pretend|remember|mention|recommend|say|tell|use|send|approve|trust|consider|print|call yourself|address',
);
/** Turns of a conversation (not "sessions", "requests" or "prompts", which are also UI and HTTP words). */
const FUTURE_TURNS = terms('responses|response|replies|reply|answers|answer|messages|conversations|conversation|chats|chat|interactions|outputs|turns|completions');

export const PERSISTENCE_RULES: readonly PhraseRule[] = [
  sequence('persistence.en.henceforth-order', 'persistence', 0.5, [HENCEFORTH, 2, STANDING_ORDER], { lang: 'en', strict: true }),
  sequence('persistence.en.henceforth-you', 'persistence', 0.3, [HENCEFORTH, 1, terms('you')], { lang: 'en' }),
  sequence('persistence.en.all-future', 'persistence', 0.55, [terms('in|for|to|across|during|throughout|on|at the end of|at the start of|at the beginning of|before|after'), terms('all|every|each|any|all of your|every one of your|each of your|all your'), 1, terms('future|subsequent|following|later|upcoming|coming|next|new|of your|your'), 1, FUTURE_TURNS], { lang: 'en', strict: true }),
  sequence('persistence.en.every-reply', 'persistence', 0.3, [terms('in|at the end of|at the start of|at the beginning of|end|start|begin|prefix|append to|before|after|with'), 1, terms('every|each|all|all of your|every single'), 1, terms('response|responses|reply|replies|answer|answers|message|output')], { lang: 'en', strict: true }),
  sequence('persistence.en.every-time-you', 'persistence', 0.45, [terms('every time you|each time you|whenever you|any time you|anytime you'), 2, terms('respond|answer|reply|write|are asked|get asked|read|summarise|summarize|see|talk')], { lang: 'en' }),
  sequence('persistence.en.remember-this', 'persistence', 0.55, [terms('always remember|never forget|remember|keep|memorize|memorise|bear|store'), 1, terms('this|that|these|the following|this rule|this instruction|these rules|these instructions'), 6, terms('future|subsequent|permanently|forever|from now on|going forward|every conversation|all conversations|every session|all sessions|every chat|all chats|every response|all responses|every answer|all answers|every reply|all replies|rest of the conversation|rest of this conversation|rest of the session')], { lang: 'en' }),
  sequence('persistence.en.remember-colon', 'persistence', 0.4, [terms('always remember|never forget'), 1, terms('this rule|this instruction|these rules|these instructions|the following|this|that')], { lang: 'en', strict: true }),
  sequence('persistence.en.save-to-memory', 'persistence', 0.6, [terms('save|store|add|write|commit|put|record|keep|insert|append|persist|remember'), 6, terms('to your memory|in your memory|into your memory|to memory|in memory permanently|to your long-term memory|in your long-term memory|to your memories|in your memories|to your custom instructions|in your custom instructions|to your system prompt|into your system prompt|to your instructions|to your rules|permanently in your|to your knowledge base|in your profile|to your notes')], { lang: 'en' }),
  sequence('persistence.en.update-memory', 'persistence', 0.6, [terms('update|change|modify|edit|rewrite|overwrite|amend'), terms('your memory|your memories|your custom instructions|your system prompt|your instructions|your rules|your guidelines|your core instructions|your configuration|your persona|your personality')], { lang: 'en' }),
  sequence('persistence.en.permanently', 'persistence', 0.45, [terms('permanently|forever|for good|for all time|indefinitely'), 2, terms('remember|apply|follow|store|save|adopt|obey|keep|change|adopt')], { lang: 'en' }),
  sequence('persistence.en.apply-to-all', 'persistence', 0.45, [terms('apply|follow|use|obey|keep|remember'), 3, terms('in all|for all|to all|across all|in every|for every'), 1, terms('future|subsequent|following|later'), 1, FUTURE_TURNS], { lang: 'en' }),
  near('persistence.es.from-now-on', 'persistence', 0.5, [terms('a partir de ahora|de ahora en adelante|desde ahora|en adelante|en todas tus respuestas|en cada respuesta'), terms('siempre|nunca|responde|responderás|contesta|no menciones|incluye|debes|eres|actúa')], 8, { lang: 'es' }),
  near('persistence.fr.from-now-on', 'persistence', 0.5, [terms('à partir de maintenant|désormais|dorénavant|à partir d\'aujourd\'hui|dans toutes tes réponses|dans chaque réponse'), terms('toujours|jamais|réponds|répondez|réponse|ne mentionne|inclus|tu dois|vous devez')], 8, { lang: 'fr' }),
  near('persistence.de.from-now-on', 'persistence', 0.5, [terms('ab jetzt|ab sofort|von nun an|künftig|zukünftig|in allen antworten|in jeder antwort'), terms('immer|nie|niemals|antwortest|antworte|antworten|sagst|musst|bist du')], 8, { lang: 'de' }),
  near('persistence.pt.from-now-on', 'persistence', 0.5, [terms('a partir de agora|de agora em diante|daqui em diante|em todas as respostas'), terms('sempre|nunca|responda|responde|inclua|deve|você é')], 8, { lang: 'pt' }),
  near('persistence.it.from-now-on', 'persistence', 0.5, [terms('d\'ora in poi|da adesso|da ora in poi|in tutte le risposte'), terms('sempre|mai|rispondi|includi|devi|sei')], 8, { lang: 'it' }),
  near('persistence.zh.from-now-on', 'persistence', 0.5, [terms('从现在开始|從現在開始|从现在起|從現在起|今后|以后|每个回答|每次回答|所有回答'), terms('每个|每次|总是|永远|都要|必须|不要|回答|包含')], 14, { lang: 'zh' }),
  near('persistence.ja.from-now-on', 'persistence', 0.5, [terms('今後|これから|これ以降|今から|すべての回答|毎回'), terms('常に|必ず|回答|答え|含め|しないで')], 14, { lang: 'ja' }),
  near('persistence.ru.from-now-on', 'persistence', 0.5, [terms('с этого момента|отныне|впредь|теперь всегда|во всех ответах|в каждом ответе'), terms('всегда|никогда|отвечай|отвечайте|включай|должен|говори')], 8, { lang: 'ru' }),
];
