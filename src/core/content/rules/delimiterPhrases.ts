import { keyword, near, sequence, terms, type PhraseRule } from '../lexicon';
import { IDENTIFIER } from './common';

/** Just after a sentence's end on the same line ("… in 1889. Human:"), not at a line start or after a list number ("1. Human:"). */
const AFTER_SENTENCE_SAME_LINE = /[^\s][.!?]["')\]]?[ \t]+$/;
const AFTER_LIST_NUMBER = /(?:^|\n)[ \t]*\d{1,3}[.)][ \t]+$/;

/** Banners that pretend the trusted part of the prompt ends or begins here. */
export const DELIMITER_PHRASE_RULES: readonly PhraseRule[] = [
  // A banner, not prose about where a cursor goes ("move to the end of the prompt", "at the end of the context manager").
  keyword('delimiter.en.section-banner', 'fake-delimiter', 0.55, terms(
    'end of system prompt|end of the system prompt|end of instructions|end of untrusted content|end of untrusted data|end of external content|end of tool output|',
    'end of the tool output|end of context|end of the context|end of user input|end of the user input|end of retrieved content|end of the document context|',
    'begin new system prompt|begin system prompt|new system prompt|start of system prompt|start of new instructions|begin new instructions|system prompt begins|',
    'system prompt ends|end of prompt|end of the prompt|untrusted content ends|trusted content begins|begin trusted content|end of data section|the data section is over',
  ), { lang: 'en', notAfter: /\bthe\s+$/i }),
  sequence('delimiter.multilingual.new-instructions', 'fake-delimiter', 0.4, [terms('neue anweisungen|neue anweisung|aktualisierte anweisungen|die echten anweisungen|die eigentlichen anweisungen|neue systemanweisungen|neue regeln|nuevas instrucciones|nuevas reglas|nouvelles instructions|nouvelles consignes|nuove istruzioni|novas instruções|novas instrucoes|новые инструкции|новые указания'), terms(':|—|–')]),
  // A role header in HTML: no ARIA role is called "system", so an element that claims it is a fake turn (a bare
  // role="system" is how chat APIs are called from Python, hence the element names).
  keyword('delimiter.role-attribute', 'fake-delimiter', 0.4, terms('div role="system"|span role="system"|p role="system"|section role="system"|article role="system"|td role="system"|div role="developer"|data-role="system"|data-speaker="system"|data-author="system"|data-role="developer"')),
  // A chat turn spliced into running prose: "… was completed in 1889. Human: …". Transcripts in docs put the label at a
  // line start (delimiter.fake-turn reads those); right after a sentence on the same line it is a passage rewritten.
  // The label is the chat format's, whatever language the passage is in.
  sequence('delimiter.spliced-turn', 'fake-delimiter', 0.35, [terms('human'), terms(':')], { strict: true, onlyAfter: AFTER_SENTENCE_SAME_LINE, notAfter: AFTER_LIST_NUMBER }),
  // A chat model's own system-prompt preamble ("You are ChatGPT, a large language model trained by OpenAI …") inside data: a
  // system message forged to redefine the reader.
  sequence('delimiter.en.model-preamble', 'fake-delimiter', 0.45, [terms('you are chatgpt|you are claude|you are gemini|you are bard|you are copilot'), 1, terms('a large language model|an ai assistant|an ai model|a helpful assistant')], { lang: 'en' }),
  sequence('delimiter.de.model-preamble', 'fake-delimiter', 0.45, [terms('du bist chatgpt|du bist claude|du bist gemini|du bist bard|du bist copilot'), 1, terms('ein großes sprachmodell|ein ki-assistent|ein ki-modell|ein hilfreicher assistent')], { lang: 'de' }),
  keyword('delimiter.de.section-banner', 'fake-delimiter', 0.55, terms(
    'ende des systemprompts|ende des system-prompts|ende der systemanweisungen|ende der benutzereingabe|ende des nicht vertrauenswürdigen inhalts|',
    'ende der tool-ausgabe|ende der werkzeugausgabe|beginn des neuen systemprompts|neuer systemprompt|beginn der neuen anweisungen|anfang des systemprompts|',
    'systemprompt beginnt|systemprompt endet|ende des datenbereichs|ende der externen inhalte',
  ), { lang: 'de' }),
  sequence('delimiter.en.new-instructions', 'fake-delimiter', 0.4, [terms('new instructions|updated instructions|revised instructions|real instructions|actual instructions|true instructions|new system instructions|new rules|new directive|new directives|new policy'), terms(':|—|–|follow|are as follows|below|take effect|apply')], { lang: 'en', notWithin: IDENTIFIER }),
];

/** German verbs of decoding, for the twins of the decode-and-act rules. */
const DECODE_DE = terms('dekodiere|dekodieren sie|decodiere|decodieren sie|entschlüssele|entschlüssel|entschlüsseln sie|entschlüssle|entziffere|entziffern sie|base64-dekodiere');

/** Requests to decode something and act on it, whatever the blob turns out to contain. */
export const ENCODING_PHRASE_RULES: readonly PhraseRule[] = [
  sequence('encoded.en.decode-and-follow', 'encoding-obfuscation', 0.6, [terms('decode|decoded|base64-decode|base64 decode|rot13|rot-13|unscramble|deobfuscate|decrypt|reverse|hex-decode|url-decode|translate'), 8, terms('follow|obey|execute|carry out|act on|do|run|apply|perform'), 3, terms('it|them|the instructions|what it says|whatever it says|the instructions inside|instructions inside|the result|the command|the commands|the task|the real task|these instructions')], { lang: 'en' }),
  sequence('encoded.en.decode-then-obey', 'encoding-obfuscation', 0.6, [terms('decode|decoded|base64-decode|base64|rot13|rot-13|hex|deobfuscate|unscramble'), 8, terms('and obey|then obey|and follow it|then follow it|and follow|and execute|then execute|and do what it says|and act accordingly|and comply|and do it')], { lang: 'en' }),
  // Payload splitting: the attack cut into parts the reader is asked to join and then act on ("combine A, B and C and
  // answer the question", "interlace part 1 and part 2"). Code docs join strings and *return* the result.
  sequence('encoded.en.join-parts-and-act', 'encoding-obfuscation', 0.45, [terms('combine|concatenate|join|merge|put together|interlace|interleave|assemble|glue together|stitch together'), 6, terms('part 1|part one|part a|parts|the parts|these parts|the following parts|the strings|these strings|the pieces|these pieces|the fragments|these fragments|a, b and c|a, b, and c|a and b|x and y|string a|the halves|both halves|the words below'), 10, terms('and answer|then answer|and respond to|then respond to|and follow|then follow|and execute|then execute|and carry out|and act on|and do what|then do what|and perform|and reply to|and obey|and answer the question|and comply')], { lang: 'en' }),
  sequence('encoded.en.answer-from-parts', 'encoding-obfuscation', 0.45, [terms('answer|respond to|follow|execute|carry out|complete|obey|reply to'), 3, terms('the question|the instruction|the instructions|the request|the task|the prompt|the command'), 4, terms('formed by|made of|built from|using the following parts|from the following parts|from these parts|assembled from|by combining|after combining|obtained by combining|you get by combining|you get by joining|formed by joining|hidden in the parts')], { lang: 'en' }),
  // German twins of decode-and-act: "Dekodiere … und befolge die Anweisungen darin", "… und führe es aus".
  near('encoded.de.decode-and-follow', 'encoding-obfuscation', 0.6, [DECODE_DE, terms('befolge|befolgen sie|befolgst|gehorche|gehorchen sie|folge den anweisungen|folge der anweisung|tu, was|tue, was|tun sie, was|tu was|handle danach|führe es aus|führe sie aus|führen sie es aus|führe den befehl aus|führe die befehle aus|führe die anweisungen aus|setze es um|setze sie um')], 12, { lang: 'de' }),
  near('encoded.de.answer-from-parts', 'encoding-obfuscation', 0.45, [terms('beantworte|beantworten sie|befolge|befolgen sie|erledige|erledigen sie|antworte auf|antworten sie auf'), terms('die frage|die anweisung|die anfrage|die aufgabe|den befehl'), terms('die sich aus den folgenden teilen|die sich aus diesen teilen|aus den folgenden teilen|aus diesen teilen|aus den teilen|durch zusammenfügen der teile|durch kombinieren der teile|nach dem zusammenfügen|versteckt in den teilen')], 14, { lang: 'de' }),
  near('encoded.de.decode-and-answer', 'encoding-obfuscation', 0.4, [terms(DECODE_DE, 'übersetze|übersetzen sie|lies|lesen sie'), terms('morsecode|morse|rot13|caesar-chiffre|caesar-verschlüsselung|chiffre|binärcode|hexadezimal|base64|base32|kodierten text|verschlüsselte nachricht|verschlüsselten text'), terms('beantworte|beantworten sie|antworte darauf|antworte in|antworten sie in|antworte im|tu, was|tue, was|sag mir, was|sag mir was|sage mir, was|sagen sie mir, was')], 16, { lang: 'de' }),
  near('encoded.de.interlace-parts', 'encoding-obfuscation', 0.45, [terms('verschränke|verschränken sie|verflechte|verflechten sie|verzahne|verzahnen sie|verschachtele|verschachteln sie|interlace'), terms('teil 1|teil eins|die teile|beide teile|die zwei teile|die beiden teile|die hälften|beide hälften')], 6, { lang: 'de' }),
  sequence('encoded.de.assume-strings', 'encoding-obfuscation', 0.3, [terms('nehmen wir an, wir haben|nehmen wir an wir haben|angenommen, wir haben|angenommen wir haben|stell dir vor, wir haben|sagen wir, wir haben'), terms('zwei|drei|vier|fünf|2|3|4|5'), terms('strings|zeichenketten|variablen|textfragmente|textbausteine|saiten')], { lang: 'de' }),
  sequence('encoded.de.returned-from-model', 'encoding-obfuscation', 0.3, [terms('gib ein beispiel dafür, was|gib ein beispiel, was|gib ein beispiel für das, was|gib dann ein beispiel|geben sie ein beispiel|geben sie dann ein beispiel|zeig, was|zeige, was'), 8, terms('zurückgeben würde|zurückgegeben würde|zurückgegeben wird|ausgeben würde|liefern würde')], { lang: 'de' }),
  near('encoded.de.hidden-word', 'encoding-obfuscation', 0.45, [terms('merke dir dieses wort|merk dir dieses wort|merke dir das wort|merk dir das wort|behalte das wort|behalte dieses wort|erkenne das wort|entschlüssele das wort|dekodiere das wort'), terms('sprich es nicht aus|sag es nicht|sage es nicht|schreib es nicht|schreibe es nicht|nenne es nicht|ohne es zu nennen|ohne es auszusprechen|ohne es zu schreiben|gib es nicht aus|sprich es niemals aus|sag es niemals')], 22, { lang: 'de' }),
  near('encoded.de.cipher-channel', 'encoding-obfuscation', 0.4, [terms('wir kommunizieren|kommunizieren wir|lass uns|lasst uns|kommuniziere mit mir|antworte nur|antworte ausschließlich|schreibe nur|sprich mit mir|wir unterhalten uns|unterhalten wir uns|wir reden|reden wir|ab jetzt antwortest du|antworte mir'), terms('in|auf|per|mittels|über'), terms('caesar-verschlüsselung|caesar-chiffre|caesar|chiffre|geheimschrift|morsecode|morse|base64|rot13|atbash|leetspeak|binärcode|hexadezimal|ascii-codes|spiegelschrift')], 8, { lang: 'de' }),
  near('encoded.de.real-task-hex', 'encoding-obfuscation', 0.45, [terms('hex|hex-text|hex-code|base64|base64-text|rot13|kodierte|kodierter|verschlüsselte|verschlüsselter|verschleierte'), terms('ist deine eigentliche aufgabe|ist deine echte aufgabe|ist deine wahre aufgabe|enthält deine anweisungen|enthält die echten anweisungen|enthält deine eigentliche aufgabe|enthält die aufgabe')], 8, { lang: 'de' }),
  near('encoded.de.join-parts-and-act', 'encoding-obfuscation', 0.45, [terms('kombiniere|kombinieren sie|verbinde|verbinden sie|füge zusammen|fügen sie zusammen|setze zusammen|setzen sie zusammen|verkette|verketten sie'), terms('teil 1|teile|die teile|diese teile|a, b und c|a und b|die strings|die zeichenketten|die fragmente|die hälften'), terms('beantworte|beantworten sie|befolge|befolgen sie|führe aus|führen sie aus|antworte auf|antworten sie auf|tu, was|tun sie, was')], 20, { lang: 'de' }),
  // "Decode this Morse code and answer it": the hidden text is a request the reader is asked to carry out.
  sequence('encoded.en.decode-and-answer', 'encoding-obfuscation', 0.4, [terms('decode|decipher|translate|convert|read|interpret|unscramble'), 5, terms('morse|morse code|rot13|rot-13|caesar cipher|cipher|binary|binary string|hex string|hexadecimal|base64|base32|encoded text|encoded message|reversed text|pig latin'), 12, terms('and answer|then answer|and answer it|and respond to it|and reply to it|and answer the question|and do what it says|then do what it says|reply in morse|respond in morse|answer in morse|reply with morse|respond with morse|and answer in|and respond in|and reply in|and tell me what it says|then tell me what it says|and tell me what it means|and say what it says')], { lang: 'en' }),
  // "Answer the question using the following parts: part 1 is …" and "combine A, B and C and answer the question" in the
  // other languages (English: encoded.en.answer-from-parts, encoded.en.join-parts-and-act).
  keyword('encoded.multilingual.answer-from-parts', 'encoding-obfuscation', 0.45, terms(
    'responde la pregunta usando las siguientes partes|responde a la pregunta usando las siguientes partes|répondez à la question en utilisant les parties suivantes|réponds à la question en utilisant les parties suivantes|',
    'rispondi alla domanda usando le seguenti parti|rispondi alla domanda utilizzando le seguenti parti|responda à pergunta usando as seguintes partes|responda a pergunta usando as seguintes partes|',
    'ответьте на вопрос, используя следующие части|ответь на вопрос, используя следующие части|soruyu aşağıdaki bölümleri kullanarak cevaplayın|soruyu aşağıdaki kısımları kullanarak cevaplayın|jawab pertanyaan menggunakan bagian-bagian berikut|jawab pertanyaan dengan menggunakan bagian berikut|',
    'trả lời câu hỏi bằng các phần sau|trả lời câu hỏi bằng cách sử dụng các phần sau|sagutin ang tanong gamit ang mga sumusunod na bahagi|निम्नलिखित भागों का उपयोग करके प्रश्न का उत्तर दें|নিম্নলিখিত অংশগুলি ব্যবহার করে প্রশ্নের উত্তর দিন|أجب عن السؤال باستخدام الأجزاء التالية|',
    '使用以下部分回答问题|用以下部分回答问题|次の部分を使って質問に答えて|次の部分を使用して質問に答えて|다음 부분을 사용하여 질문에 답하세요|다음 부분을 사용하여 질문에 답해|ตอบคำถามโดยใช้ส่วนต่อไปนี้',
  )),
  near('encoded.multilingual.join-parts-and-answer', 'encoding-obfuscation', 0.45, [terms(
    'kombinasi a, b, dan c|kombinasikan a, b, dan c|combina a, b y c|combine a, b et c|combinez a, b et c|combina a, b e c|combine a, b e c|объедините a, b и c|объедини a, b и c|a, b ve c\'yi birleştir|gabungkan a, b, dan c|gabungkan a, b dan c|kết hợp a, b và c|',
    'pagsamahin ang a, b, at c|a, b और c को मिलाकर|a, b, और c को मिलाकर|a, b এবং c একত্রিত|a, b এবং c মিলিয়ে|اجمع a و b و c|结合a、b和c|将a、b和c结合|a、b、cを組み合わせ|a, b, c를 합쳐서|รวม a, b และ c',
  ), terms('pregunta|question|domanda|pergunta|вопрос|soru|soruyu|pertanyaan|câu hỏi|tanong|प्रश्न|প্রশ্ন|السؤال|问题|質問|질문에|질문|คำถาม')], 14),
  // The same template transliterated ("इंटरलेस भाग 1", "인터레이스 파트 1"): the loanword is the attack's own word.
  keyword('encoded.multilingual.interlace-parts', 'encoding-obfuscation', 0.45, terms('इंटरलेस भाग|ইন্টারলেস পার্ট|인터레이스 파트|التداخل الجزء|インターレース パート|インターレースパート|交错第1部分|交错部分')),
  keyword('encoded.en.interlace-parts', 'encoding-obfuscation', 0.45, terms('interlace part 1|interleave part 1|interlace part one|interleave part one|interlace the parts|interleave the parts|interlace the two parts|interleave the two parts|interlace them together at a character level|interlace them at a character level'), { lang: 'en' }),
  // The string-assembly template: weak alone (a tutorial may assume three strings), decisive together.
  // The payload split into strings, in the other languages (weak alone, as in English): "suppose we have three strings" …
  keyword('encoded.multilingual.assume-strings', 'encoding-obfuscation', 0.3, terms(
    'supongamos que tenemos tres cadenas|asumamos que tenemos tres cadenas|digamos que tenemos tres cadenas|supposons que nous ayons trois chaînes|supposons que nous ayons trois cordes|imaginons que nous ayons trois chaînes|',
    'supponiamo di avere tre stringhe|assumiamo di avere tre stringhe|immaginiamo di avere tre stringhe|vamos supor que temos três strings|suponhamos que temos três strings|vamos assumir que temos três strings|suponha que temos três strings|',
    'предположим, у нас три строки|предположим, что у нас есть три строки|допустим, у нас есть три строки|üç telimiz olduğunu|üç dizemiz olduğunu|üç dizimiz olduğunu|kita memiliki tiga string|kita punya tiga string|',
    'chúng ta có ba chuỗi|mayroon tayong tatlong string|हमारे पास तीन स्ट्रिंग्स हैं|हमारे पास तीन स्ट्रिंग हैं|আমাদের তিনটি স্ট্রিং আছে|لدينا ثلاث سلاسل|我们有三个字符串|3つの文字列があると|三つの文字列があると|세 개의 문자열이 있다|เรามีสามสตริง',
  )),
  // … "and give an example that would be returned from SmartGPT(z)".
  keyword('encoded.multilingual.returned-from-model', 'encoding-obfuscation', 0.3, terms(
    'un ejemplo que sería devuelto|un ejemplo de lo que devolvería|que sería devuelto por|un exemple qui serait retourné|un exemple qui serait renvoyé|un exemple de ce que renverrait|un esempio che verrebbe restituito|un esempio di ciò che restituirebbe|',
    'um exemplo que seria retornado|um exemplo que seria devolvido|пример того, что вернёт|пример того, что вернет|пример, который будет возвращен|пример, который вернули бы|пример, который вернул бы|döndürülecek bir örnek|döndüreceği bir örnek|geri dönecek bir örnek|contoh yang akan dikembalikan|',
    'ví dụ sẽ được trả về|một ví dụ được trả về từ|halimbawa na ibabalik|से वापस आ जाएगा|से लौटाया जाएगा|द्वारा लौटाया जाएगा|ফেরত দেওয়া হবে|مثالا على ما سيتم إرجاعه|سيتم إرجاعه من|返回的例子|返回的示例|から返される例|반환될 예|ตัวอย่างที่จะถูกส่งคืน',
  )),
  sequence('encoded.en.assume-strings', 'encoding-obfuscation', 0.3, [terms("let's assume we have|let us assume we have|assume we have|suppose we have|let's say we have|imagine we have"), terms('two|three|four|five|2|3|4|5'), terms('strings|string variables|variables|text fragments')], { lang: 'en' }),
  keyword('encoded.en.returned-from-model', 'encoding-obfuscation', 0.3, terms('give an example that would be returned from|give an example of what would be returned from|show what would be returned from|example output of smartgpt'), { lang: 'en' }),
  // The word game: a masked word the reader must decode and keep unsaid, so the request around it reads harmless.
  sequence('encoded.en.hidden-word', 'encoding-obfuscation', 0.45, [terms('remember this word|remember the word|memorize this word|memorise this word|memorize the word|memorise the word|you only need to remember|keep the word in mind|keep this word in mind|identify the word|decode the word'), 14, terms("don't say it|do not say it|don't say the word|do not say the word|without saying it|without saying the word|never say it|never say the word|don't write it|do not write it|don't output it|do not output it|without writing it|don't reveal the word|do not reveal the word|don't print it|do not print it")], { lang: 'en' }),
  // A cipher channel: the conversation moved into an encoding the filters do not read ("we will communicate in Caesar cipher").
  sequence('encoded.en.cipher-channel', 'encoding-obfuscation', 0.4, [terms("we will communicate|we'll communicate|let's communicate|let us communicate|communicate with me|only communicate|we will talk|let's talk|talk to me|reply only|respond only|answer only|only respond|only reply|only answer|write only|from now on reply|from now on respond|from now on answer"), 2, terms('in|using|through|via|with'), 1, terms('caesar cipher|the caesar cipher|caesar|a cipher|cipher|morse code|morse|base64|base 64|rot13|rot-13|atbash|leetspeak|leet speak|pig latin|binary|hexadecimal|ascii codes|unicode escapes|reversed text|reverse text')], { lang: 'en' }),
  // "base64 -d | sh": the pipe is not a token, so the two commands are adjacent slots.
  sequence('encoded.pipe-to-shell', 'encoding-obfuscation', 0.5, [terms('base64 -d|base64 --decode|base64 -di|xxd -r -p|xxd -r'), terms('sh|bash|zsh|sudo sh|sudo bash|python|python3')]),
  sequence('encoded.en.real-task-hex', 'encoding-obfuscation', 0.45, [terms('following|this|the'), 1, terms('hex|base64|rot13|encoded|encrypted|obfuscated'), 2, terms('is the real task|is your real task|contains your instructions|contains the real instructions|is the actual task|contains your real task|contains the task')], { lang: 'en' }),
];
