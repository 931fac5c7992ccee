// The ESM build: the package's UMD main loads its parts with a require the bundler cannot follow.
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser/lib/esm/main.js';

/**
 * A settings.json with one top-level setting set, its comments and layout kept. Refuses a file
 * that does not parse as a settings object: editing text Airlock cannot read could change other settings.
 */
export function setSettingInText(text: string, key: string, value: unknown): string {
  // A new or emptied settings file is an empty object.
  const base = text.trim() === '' ? '{}\n' : text;
  const errors: ParseError[] = [];
  const parsed: unknown = parse(base, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('the settings file is not a valid settings object (JSON with comments); fix it first');
  }
  const indent = /^( +|\t)"/m.exec(base)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: indent !== '\t', tabSize: indent === '\t' ? 1 : indent.length, eol: base.includes('\r\n') ? '\r\n' : '\n' };
  return applyEdits(base, modify(base, [key], value, { formattingOptions }));
}
