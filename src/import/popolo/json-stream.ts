import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../input-error';

/**
 * Streams a JSON document whose top level is an object (or an array) without holding it in memory: each
 * element of a top-level array is handed over parsed, one at a time, and any other top-level value whole.
 * Memory is bounded by the largest single element (a vote event with its votes), not by the file.
 *
 * The scanner only tracks strings and nesting to find where each element ends; JSON.parse checks each
 * element's text, so an invalid document is reported with the top-level key and element index it breaks in.
 */
export interface JsonVisitor {
  /** An element of the array under `key` (key is undefined when the whole document is an array). */
  element(key: string | undefined, index: number, value: unknown): void | Promise<void>;
  /** A top-level value that is not an array. */
  value?(key: string, value: unknown): void;
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export async function streamJson(file: string, visitor: JsonVisitor, options: { chunkSize?: number } = {}): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let mode: 'start' | 'object' | 'colon' | 'value' | 'array' | 'end' = 'start';
  let rootIsArray = false;
  let inArray = false;
  let key: string | undefined;
  let index = 0;
  let expectComma = false;
  // The value (or key) being captured.
  let capture: 'none' | 'key' | 'value' = 'none';
  let scalar = false;
  let buffer = '';
  let depth = 0;
  let inString = false;
  let escape = false;
  let line = 1;

  const where = () => (key === undefined ? (rootIsArray ? `[${index}]` : 'the top level') : inArray ? `${key}[${index}]` : key);
  const fail = (message: string): never => {
    throw new InputError(file, where(), `${message} (line ${line})`);
  };
  const startCapture = (c: number) => {
    capture = 'value';
    scalar = c !== 0x7b && c !== 0x5b;
    depth = 0;
    buffer = '';
  };
  const finishValue = async () => {
    const text = buffer;
    buffer = '';
    capture = 'none';
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      fail(`invalid JSON: ${(e as Error).message}`);
    }
    if (inArray) {
      await visitor.element(rootIsArray ? undefined : key, index, value);
      index++;
    } else visitor.value?.(key!, value);
    expectComma = true;
  };

  for await (const chunk of createReadStream(file, { highWaterMark: options.chunkSize ?? 1 << 20 })) {
    const text = decoder.write(chunk as Buffer);
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (capture !== 'none') {
        const start = i;
        let ended = false;
        for (; i < n; i++) {
          const ch = text.charCodeAt(i);
          if (ch === 0x0a) line++;
          if (inString) {
            if (escape) escape = false;
            else if (ch === BACKSLASH) escape = true;
            else if (ch === QUOTE) {
              inString = false;
              if (capture === 'key' || (scalar && depth === 0)) {
                i++;
                ended = capture === 'key';
                break;
              }
            }
            continue;
          }
          if (scalar && depth === 0 && (ch === 0x2c || ch === 0x7d || ch === 0x5d || isWs(ch))) {
            ended = true;
            break;
          }
          if (ch === QUOTE) inString = true;
          else if (ch === 0x7b || ch === 0x5b) depth++;
          else if (ch === 0x7d || ch === 0x5d) {
            depth--;
            if (depth === 0) {
              i++;
              ended = true;
              break;
            }
          }
        }
        buffer += text.slice(start, i);
        if (!ended) continue;
        if (capture === 'key') {
          try {
            key = JSON.parse(buffer) as string;
          } catch {
            fail('invalid key');
          }
          buffer = '';
          capture = 'none';
          mode = 'colon';
        } else await finishValue();
        continue;
      }
      const c = text.charCodeAt(i);
      if (isWs(c)) {
        if (c === 0x0a) line++;
        i++;
        continue;
      }
      if (mode === 'start') {
        if (c === 0x7b) mode = 'object';
        else if (c === 0x5b) {
          mode = 'array';
          rootIsArray = true;
          inArray = true;
        } else fail('the file is not a JSON object or array');
        i++;
      } else if (mode === 'object') {
        if (c === 0x7d) mode = 'end';
        else if (expectComma) {
          if (c !== 0x2c) fail('expected "," or "}" between top-level members');
          expectComma = false;
        } else if (c === QUOTE) {
          capture = 'key';
          inString = true;
          buffer = '"';
        } else fail('expected a key');
        i++;
      } else if (mode === 'colon') {
        if (c !== 0x3a) fail('expected ":" after a key');
        mode = 'value';
        i++;
      } else if (mode === 'value') {
        if (c === 0x5b) {
          mode = 'array';
          inArray = true;
          index = 0;
          expectComma = false;
          i++;
        } else {
          mode = 'object';
          inArray = false;
          startCapture(c);
        }
      } else if (mode === 'array') {
        if (c === 0x5d) {
          i++;
          if (rootIsArray) mode = 'end';
          else {
            mode = 'object';
            inArray = false;
            expectComma = true;
          }
        } else if (expectComma) {
          if (c !== 0x2c) fail('expected "," or "]" between elements');
          expectComma = false;
          i++;
        } else startCapture(c);
      } else fail('unexpected text after the end of the document');
    }
  }
  if (decoder.end().trim() !== '') fail('unexpected text after the end of the document');
  if ((capture as string) === 'value' && scalar && buffer !== '') await finishValue();
  if (mode !== 'end' || (capture as string) !== 'none') fail('the file ends before the document does (truncated JSON?)');
}
