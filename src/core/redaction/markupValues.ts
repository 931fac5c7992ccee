/** A value read from the text and where it starts. */
export interface MarkupValue {
  readonly text: string;
  readonly start: number;
}

/** As far as a value is read; a longer one is not XML configuration. */
const MAX_VALUE_CHARS = 4096;
/** `value="` or `value='` after the blanks that may follow a name's closing quote. */
const VALUE_ATTRIBUTE = /^[ \t]{0,16}value=(["'])/i;

/**
 * The value XML configuration gives the name at `nameStart`–`nameEnd`: the element's text for
 * `<password>value</password>`; for a name given as an attribute (`key="DbPassword"`,
 * `name="password"`), the `value="…"` beside it or the element's text
 * (`<entry key="secret">value</entry>`). Undefined when the name is not in one of these forms.
 * Reads at most MAX_VALUE_CHARS, and never past the end of the line.
 */
export function readMarkupValue(text: string, nameStart: number, nameEnd: number): MarkupValue | undefined {
  const before = text.charAt(nameStart - 1);
  if (before === '<' && text.charAt(nameEnd) === '>') return elementText(text, nameEnd + 1);
  if ((before !== '"' && before !== "'") || text.charAt(nameEnd) !== before || !/(?:key|name)=$/i.test(text.slice(Math.max(0, nameStart - 6), nameStart - 1))) return undefined;
  if (text.charAt(nameEnd + 1) === '>') return elementText(text, nameEnd + 2);
  const attribute = VALUE_ATTRIBUTE.exec(text.slice(nameEnd + 1, nameEnd + 32));
  if (attribute === null) return undefined;
  const start = nameEnd + 1 + attribute[0].length;
  const quote = attribute[1];
  const limit = Math.min(text.length, start + MAX_VALUE_CHARS);
  let end = start;
  while (end < limit && text.charAt(end) !== quote && text.charAt(end) !== '\n') end++;
  return text.charAt(end) === quote ? { text: text.slice(start, end), start } : undefined;
}

function elementText(text: string, from: number): MarkupValue | undefined {
  const limit = Math.min(text.length, from + MAX_VALUE_CHARS);
  let index = from;
  while (index < limit && text.charAt(index) !== '<' && text.charAt(index) !== '\n') index++;
  return index > from ? { text: text.slice(from, index), start: from } : undefined;
}
