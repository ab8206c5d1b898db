import { describe, expect, it } from 'vitest';
import { withJsonMember, withJsonModel } from './with-json-model';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const setModel = (text: string, model: string) => decode(withJsonModel(encode(text), model));

describe('withJsonModel', () => {
  it('replaces the top-level model value and keeps every other byte', () => {
    expect(setModel('{"model":"claude-x","max_tokens":16}', 'claude-y')).toBe(
      '{"model":"claude-y","max_tokens":16}',
    );
    // Whitespace, key order, escapes and number spellings are the client's.
    const body =
      '{ "messages" : [ {"role":"user","content":"a\\"model\\": 1e2 \\u00e9"} ] ,\n "model" :  "a" ,"x":1E2}';
    expect(setModel(body, 'b')).toBe(
      '{ "messages" : [ {"role":"user","content":"a\\"model\\": 1e2 \\u00e9"} ] ,\n "model" :  "b" ,"x":1E2}',
    );
  });

  it('leaves nested model fields alone', () => {
    const body = JSON.stringify({
      metadata: { model: 'inner' },
      messages: [{ model: 'inner', content: [{ model: 'x' }] }],
      model: 'outer',
    });
    const parsed = JSON.parse(setModel(body, 'mapped'));
    expect(parsed).toEqual({ ...JSON.parse(body), model: 'mapped' });
  });

  it('sets every duplicate and an escaped spelling of the key', () => {
    // JSON.parse routes on the last; an upstream reading the first must get the same model.
    expect(JSON.parse(setModel('{"model":"cheap","m":1,"model":"dear"}', 'z'))).toEqual({
      model: 'z',
      m: 1,
    });
    expect(setModel('{"model":"a","model":"b"}', 'z')).toBe('{"model":"z","model":"z"}');
    expect(setModel('{"mod\\u0065l":"a"}', 'z')).toBe('{"mod\\u0065l":"z"}');
  });

  it('handles any value type, the last member and a body without model', () => {
    expect(setModel('{"a":1,"model":{"x":[1,{"y":"}"}]}}', 'z')).toBe('{"a":1,"model":"z"}');
    expect(setModel('{"model":null}', 'z')).toBe('{"model":"z"}');
    expect(setModel('{"a":1}', 'z')).toBe('{"model":"z","a":1}');
    expect(setModel(' { } ', 'z')).toBe(' {"model":"z" } ');
  });

  it('agrees with JSON.parse on generated bodies', () => {
    const values = [
      '"s"',
      '1',
      '-2.5e3',
      'true',
      'null',
      '[]',
      '{}',
      '["model",{"model":1}]',
      '"\\\\"',
      '"\\""',
    ];
    const keys = ['"a"', '"model"', '"models"', '"mode"', '"\\u006dodel"', '"m\\"odel"'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return (seed >>> 8) % n;
    };
    for (let run = 0; run < 500; run++) {
      const members = Array.from(
        { length: next(6) },
        () => `${keys[next(keys.length)]}${' '.repeat(next(2))}:${values[next(values.length)]}`,
      );
      const body = `{${members.join(',')}}`;
      const model = ['gpt', 'a"b', 'é'][next(3)]!;
      expect(JSON.parse(setModel(body, model)), body).toEqual({ ...JSON.parse(body), model });
    }
  });
});

describe('withJsonMember', () => {
  it('replaces a top-level member’s value and leaves every other byte, a nested one too', () => {
    const body =
      '{ "contents" : [ {"generationConfig": 1} ],\n "generationConfig" : {"topK": 3} , "x":1}';
    expect(decode(withJsonMember(encode(body), 'generationConfig', { maxOutputTokens: 9 }))).toBe(
      '{ "contents" : [ {"generationConfig": 1} ],\n "generationConfig" : {"maxOutputTokens":9} , "x":1}',
    );
  });

  it('adds the member when the object has none', () => {
    expect(decode(withJsonMember(encode('{"a":[1]}'), 'generationConfig', { b: 2 }))).toBe(
      '{"generationConfig":{"b":2},"a":[1]}',
    );
    expect(decode(withJsonMember(encode(' { } '), 'k', 1))).toBe(' {"k":1 } ');
  });
});
