import assert from 'node:assert/strict';
import { decodeBody, metaCharset } from '../../../../src/core/web/charset';

const latin = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe('core/web/charset: a BOM, then the header, then <meta>, then UTF-8', () => {
  const rows: { trick: string; bytes: Uint8Array; header?: string; html?: boolean; text: string; encoding: string }[] = [
    { trick: 'UTF-8 by default', bytes: new TextEncoder().encode('café'), text: 'café', encoding: 'utf-8' },
    { trick: 'header charset', bytes: latin('caf\xe9'), header: 'iso-8859-1', text: 'café', encoding: 'windows-1252' },
    { trick: 'windows-1252 C1 range (€, curly quotes, em dash), which Node decodes as Latin-1', bytes: latin('\x80 \x93q\x94 \x97'), header: 'windows-1252', text: '€ “q” —', encoding: 'windows-1252' },
    { trick: '<meta charset> when the header has none', bytes: latin('<meta charset="windows-1252"><p>caf\xe9'), html: true, text: '<meta charset="windows-1252"><p>café', encoding: 'windows-1252' },
    { trick: '<meta http-equiv content-type>', bytes: latin('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">\xe9'), html: true, text: '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">é', encoding: 'windows-1252' },
    { trick: 'the header beats <meta>', bytes: latin('<meta charset="windows-1252">\xc3\xa9'), header: 'utf-8', html: true, text: '<meta charset="windows-1252">é', encoding: 'utf-8' },
    { trick: 'a BOM beats the header', bytes: Uint8Array.from([0xef, 0xbb, 0xbf, 0xc3, 0xa9]), header: 'windows-1252', text: 'é', encoding: 'utf-8' },
    { trick: 'UTF-16LE by BOM', bytes: Uint8Array.from([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]), text: 'hi', encoding: 'utf-16le' },
    { trick: 'an unknown label falls back to UTF-8', bytes: new TextEncoder().encode('ok'), header: 'x-klingon', text: 'ok', encoding: 'utf-8' },
    { trick: '<meta> is not read for non-HTML', bytes: latin('<meta charset="windows-1252">'), html: false, text: '<meta charset="windows-1252">', encoding: 'utf-8' },
    { trick: 'invalid UTF-8 becomes U+FFFD, never an exception', bytes: Uint8Array.from([0x61, 0xff, 0x62]), text: 'a\uFFFDb', encoding: 'utf-8' },
  ];
  for (const row of rows) {
    it(row.trick, () => {
      const decoded = decodeBody(row.bytes, row.header, row.html ?? false);
      assert.equal(decoded.text, row.text);
      assert.equal(decoded.encoding, row.encoding);
    });
  }

  it('a <meta> claiming UTF-16 means UTF-8 (bytes that reached us cannot be UTF-16 by meta)', () => {
    assert.equal(metaCharset(latin('<meta charset="utf-16">')), 'utf-8');
  });
  it('only the first 1024 bytes are scanned', () => {
    assert.equal(metaCharset(latin(`${' '.repeat(1100)}<meta charset="windows-1252">`)), undefined);
  });
});
