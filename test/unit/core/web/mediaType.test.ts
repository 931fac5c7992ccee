import assert from 'node:assert/strict';
import { binarySignature, looksBinary, parseContentType, sniffTextKind, textKindOf } from '../../../../src/core/web/mediaType';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('core/web/mediaType', () => {
  describe('parseContentType', () => {
    const rows: { header: string | null; essence?: string; charset?: string }[] = [
      { header: 'text/html', essence: 'text/html' },
      { header: 'Text/HTML; Charset="ISO-8859-1"', essence: 'text/html', charset: 'iso-8859-1' },
      { header: 'text/html;charset=utf-8;boundary=x', essence: 'text/html', charset: 'utf-8' },
      { header: 'application/problem+json', essence: 'application/problem+json' },
      { header: null },
      { header: '' },
      { header: 'text html' },
      { header: 'text/' },
      { header: '../../etc/passwd' },
    ];
    for (const row of rows) {
      it(`${JSON.stringify(row.header)} → ${row.essence ?? 'unknown (sniffed)'}`, () => {
        const parsed = parseContentType(row.header);
        assert.equal(parsed?.essence, row.essence);
        assert.equal(parsed?.charset, row.charset);
      });
    }
  });

  describe('textKindOf: only text formats are read', () => {
    const rows: [string, string | undefined][] = [
      ['text/html', 'html'], ['application/xhtml+xml', 'html'], ['text/plain', 'text'], ['text/markdown', 'markdown'], ['text/x-markdown', 'markdown'],
      ['application/json', 'json'], ['text/json', 'json'], ['application/ld+json', 'json'], ['application/vnd.api+json', 'json'],
      ['application/pdf', undefined], ['image/svg+xml', undefined], ['application/javascript', undefined], ['text/css', undefined], ['application/octet-stream', undefined],
      ['application/xml', undefined], ['text/xml', undefined], ['application/zip', undefined], ['video/mp4', undefined],
    ];
    for (const [essence, kind] of rows) {
      it(`${essence} → ${kind ?? 'refused'}`, () => assert.equal(textKindOf(essence), kind));
    }
  });

  describe('binarySignature: what the bytes really are, whatever the header says', () => {
    const rows: [string, Uint8Array, string | undefined][] = [
      ['PDF', ascii('%PDF-1.7\n'), 'a PDF document'],
      ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'a PNG image'],
      ['GIF', ascii('GIF89a'), 'a GIF image'],
      ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'a JPEG image'],
      ['WebP', ascii('RIFF\x10\x00\x00\x00WEBPVP8 '), 'a WebP image'],
      ['ZIP (docx, jar, …)', bytes(0x50, 0x4b, 0x03, 0x04), 'a ZIP archive'],
      ['gzip', bytes(0x1f, 0x8b, 0x08, 0x00), 'gzip data'],
      ['ELF', bytes(0x7f, 0x45, 0x4c, 0x46, 2), 'an executable'],
      ['Windows executable', ascii('MZ\x90\x00'), 'an executable'],
      ['WebAssembly', bytes(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0), 'a WebAssembly module'],
      ['MP4', bytes(0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d), 'an MP4 or QuickTime video'],
      ['HTML', ascii('<!doctype html>'), undefined],
      ['too short to tell', ascii('%P'), undefined],
    ];
    for (const [name, data, expected] of rows) {
      it(`${name} → ${expected ?? 'none'}`, () => assert.equal(binarySignature(data), expected));
    }
  });

  describe('looksBinary', () => {
    it('NUL and other binary bytes are binary', () => assert.equal(looksBinary(bytes(0x48, 0x00, 0x49), undefined), true));
    it('tabs, newlines, form feeds and ESC are text', () => assert.equal(looksBinary(ascii('a\tb\r\nc\fd\x1be'), undefined), false));
    it('UTF-8 text is text', () => assert.equal(looksBinary(ascii('Grüße, 東京'), undefined), false));
    it('UTF-16 (with a BOM or declared) is text despite its NULs', () => {
      assert.equal(looksBinary(bytes(0xff, 0xfe, 0x41, 0x00), undefined), false);
      assert.equal(looksBinary(bytes(0x41, 0x00), 'utf-16le'), false);
    });
  });

  describe('sniffTextKind (no usable Content-Type)', () => {
    const rows: [string, string][] = [
      ['<!DOCTYPE html><p>x', 'html'],
      ['\uFEFF  \n<html lang="en">', 'html'],
      ['<!-- comment --><div>x</div>', 'html'],
      ['<p>paragraph', 'html'],
      ['{"a": 1}', 'json'],
      [' [1, 2, 3]', 'json'],
      ['{not json', 'text'],
      ['Hello <b>world</b>', 'text'],
      ['<?xml version="1.0"?><rss/>', 'text'],
      ['# Title\n\ntext', 'text'],
    ];
    for (const [text, kind] of rows) {
      it(`${JSON.stringify(text)} → ${kind}`, () => assert.equal(sniffTextKind(text), kind));
    }
  });
});
