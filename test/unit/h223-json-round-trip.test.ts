/**
 * examples/handler-support.ts reads a message body so that what ingest sends (JSON.stringify of the
 * parsed document) is what the producer wrote: a body JSON.parse would change (an integer beyond 2^53
 * rounded, 1e400 read as Infinity and sent as null, 1e-400 as 0, -0 as 0, a key twice reduced to its
 * last value) fails as invalid. Hostile texts by hand, then a differential against Python's json
 * module (its own tokenizer; exact integers, object_pairs_hook sees every key) over generated texts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as support from '../../examples/handler-support.js';
import { Rng } from '../support/seeded-rng.js';

type Reading = { document?: Record<string, unknown>; problem?: string };
/** readJsonObject when the module has it (the old module had parseJsonObject only). */
function read(text: string): Reading {
  const own = (support as Record<string, unknown>).readJsonObject;
  assert.equal(typeof own, 'function', 'handler-support exports readJsonObject');
  return (own as (t: string) => Reading)(text);
}

/** Texts JSON.parse accepts but would change; the category of the problem. */
const REFUSED: Array<[string, 'number' | 'key']> = [
  ['{"big": 9007199254740993, "huge": 1e400, "neg0": -0}', 'number'],
  ['{"id":9007199254740993}', 'number'],
  ['{"id":-9007199254740993}', 'number'],
  ['{"id":12345678901234567890}', 'number'],
  ['{"id":1152921504606846976}', 'number'], // 2^60: a double holds it, but JSON.stringify writes 1152921504606847000
  ['{"id":1000000000000000000000}', 'number'], // exact as a double, but written back as 1e+21
  ['{"x":1e400}', 'number'],
  ['{"x":-1.8e308}', 'number'],
  ['{"x":1e-400}', 'number'],
  ['{"x":-2e-324}', 'number'],
  ['{"x":-0}', 'number'],
  ['{"x":-0.0}', 'number'],
  ['{"x":-0e7}', 'number'],
  ['{"x":[1,2,{"y":[9007199254740993]}]}', 'number'],
  ['{"a":1,"a":2}', 'key'],
  ['{"a":1,"\\u0061":2}', 'key'],
  ['{ "a" : 1 ,\n\t"a" : 2 }', 'key'],
  ['{"\\uD83D\\uDE00":1,"😀":2}', 'key'],
  ['{"\\u00e9":1,"é":2}', 'key'],
  ['{"__proto__":1,"__proto__":2}', 'key'],
  ['{"k":"\\\\","k":1}', 'key'], // the value ends in an escaped backslash: the next string is a key again
  ['{"a":[],"b":{},"a":1}', 'key'],
  ['{"a":{},"a":{}}', 'key'],
  ['{"a":[1,{"b":1,"b":2}]}', 'key'],
  ['{"o":{"p":{"q":{"r":1,"r":1}}}}', 'key'],
  ['{"":1,"":2}', 'key'],
];

/** Texts that survive the round trip: digits, quotes, escapes and key-like text inside strings; keys repeated across objects. */
const KEPT = [
  '{"s":"9007199254740993"}',
  '{"s":"\\"a\\":1,\\"a\\":2"}',
  '{"s":"{\\"k\\":1e400, \\"k\\": -0}"}',
  '{"s":"\\\\","t":"\\\\\\"","u":"\\u0022"}',
  '{"a":{"a":1},"b":{"a":2}}',
  '{"a":[{"x":1},{"x":1}]}',
  '{"a\\\\":1,"a":2}',
  '{"a":1,"A":2,"a ":3," a":4}',
  '{"\\u0061b":1,"a":2}',
  '{"1e400":1,"-0":2,"9007199254740993":3}',
  '{"n":9007199254740992,"m":9007199254740994,"p":1152921504606846000,"q":-9007199254740992}',
  '{"n":100000000000000000000,"z":0,"f":0.1,"g":1.5e300,"h":4.9e-324,"i":1.7976931348623157e308,"j":0e-400}',
  '{"__proto__":{"x":1},"constructor":2}',
  '{}',
];

describe('readJsonObject: refused when JSON.parse would change the document', () => {
  for (const [text, kind] of REFUSED) {
    test(`refused (${kind}): ${JSON.stringify(text)}`, () => {
      assert.equal(support.parseJsonObject(text), undefined, 'no document: the record fails as invalid_record');
      const r = read(text);
      assert.equal(r.document, undefined);
      assert.match(String(r.problem), kind === 'key' ? /^the key at character \d+ repeats a key of its object: JSON\.parse would keep only the last value$/ : /^the number at character \d+ \(\d+ characters\) is /);
    });
  }

  test('kept: each survives JSON.parse and JSON.stringify unchanged', () => {
    for (const text of KEPT) {
      const doc = support.parseJsonObject(text);
      assert.ok(doc !== undefined, text);
      assert.deepEqual(read(text), { document: JSON.parse(text) as unknown }, text);
    }
  });

  test('not JSON, not an object: refused, and no reason quotes the text (a body may hold secrets)', () => {
    const secret = 'Sup3r-S3cret-Token';
    for (const [text, problem] of [
      [`{"password":"${secret}"`, 'the text is not JSON'],
      [`["${secret}"]`, 'the JSON is not an object (an array)'],
      [`"${secret}"`, 'the JSON is not an object (string)'],
      ['null', 'the JSON is not an object (null)'],
      [`{"${secret}":1,"${secret}":2}`, 'the key at character 24 repeats a key of its object: JSON.parse would keep only the last value'],
      ['{"card":9234567890123456789}', 'the number at character 8 (19 characters) is an integer beyond 2^53 that JSON.parse and JSON.stringify would change: it would be stored as another number'],
      ['{"x":1e400}', 'the number at character 5 (5 characters) is beyond the range of a double: it would be stored as null'],
      ['{"x":1e-400}', 'the number at character 5 (6 characters) is not zero but below the range of a double: it would be stored as 0'],
      ['{"x":-0.0}', 'the number at character 5 (4 characters) is negative zero: it would be stored as 0'],
      ['{"x":1000000000000000000000}', 'the number at character 5 (22 characters) is an integer of 10^21 or more: it would be written back with an exponent'],
    ] as const) {
      assert.deepEqual(read(text), { problem }, text);
      assert.ok(!problem.includes(secret) && !problem.includes('9234567890'));
    }
  });

  test('sqsIngestRecords: a lossy body gives no document and onInvalidBody hears why, per messageId', () => {
    const arn = 'arn:aws:sqs:us-east-1:123456789012:q';
    const heard: Array<[string, string]> = [];
    const event = { Records: [
      { messageId: 'ok', body: '{"id":9007199254740992}', eventSourceARN: arn },
      { messageId: 'big', body: '{"id":9007199254740993}', eventSourceARN: arn },
      { messageId: 'dup', body: '{"a":1,"a":2}', eventSourceARN: arn },
      { messageId: 'nobody', eventSourceARN: arn },
    ] };
    const onInvalid = (id: string, problem: string): void => void heard.push([id, problem]);
    const { records } = (support.sqsIngestRecords as (e: unknown, i: string, cb: typeof onInvalid) => { records: Array<{ id?: string; document?: unknown }> })(event, 'ix', onInvalid);
    assert.deepEqual(records.map((r) => [r.id, r.document]), [['ok', { id: 9007199254740992 }], ['big', undefined], ['dup', undefined], ['nobody', undefined]]);
    assert.deepEqual(heard.map(([id]) => id), ['big', 'dup', 'nobody']);
    assert.match(heard[2]![1], /^the body is not a string \(undefined\)$/);
  });
});

// ---- differential against Python's json module ----

const ORACLE = String.raw`
import decimal, json, math, sys
def verdict(text):
    problems = set()
    def pairs(ps):
        seen = set()
        for k, _ in ps:
            if k in seen: problems.add('key')
            seen.add(k)
        return ('obj', sorted((k, norm(v)) for k, v in ps))
    def pint(s):
        i = int(s)
        try:
            # what JavaScript writes for the double nearest i: its shortest digits (as Python's repr), an exact decimal
            written = int(decimal.Decimal(repr(float(i))))
        except OverflowError:
            written = None
        if written != i or abs(i) >= 10**21: problems.add('number')
        if i == 0 and s.startswith('-'): problems.add('number')
        return i
    def pfloat(s):
        f = float(s)
        mantissa = s.lower().split('e')[0]
        if math.isinf(f): problems.add('number')
        elif f == 0 and any(c in '123456789' for c in mantissa): problems.add('number')
        elif f == 0 and math.copysign(1, f) < 0: problems.add('number')
        return f
    try:
        v = json.loads(text, object_pairs_hook=pairs, parse_int=pint, parse_float=pfloat, parse_constant=lambda c: 1/0)
    except Exception:
        return {'kind': 'notjson'}
    if not (isinstance(v, tuple) and v[0] == 'obj'):
        return {'kind': 'notobject'}
    return {'kind': 'ok' if not problems else 'problem', 'problems': sorted(problems)}
def norm(v):
    if isinstance(v, float):
        return ('n', v, math.copysign(1, v) < 0 and v == 0)
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return ('v', repr(v))
    if isinstance(v, int):
        return ('n', v, False)
    if isinstance(v, list):
        return ('list', [norm(x) for x in v])
    return v
def value(text):
    return json.loads(text, object_pairs_hook=lambda ps: ('obj', sorted((k, norm(v)) for k, v in ps)))
out = []
for item in json.load(sys.stdin):
    r = verdict(item['text'])
    if 'sent' in item:
        r['same'] = norm(value(item['text'])) == norm(value(item['sent']))
    out.append(r)
json.dump(out, sys.stdout)
`;

const KEYS = ['a', '\\u0061', 'b', 'a\\\\', '\\"', '\\u0022', 'é', '\\u00e9', '😀', '\\ud83d\\ude00', '__proto__', 'constructor', '', ' a', '1e400', '{\\"x\\":1}', '9007199254740993', 'A'];
const NUMBERS = ['0', '-0', '-0.0', '1', '-1', '0.1', '1.5e300', '1E2', '2.5E-3', '4.9e-324', '2e-324', '1e-400', '0e-400', '-0e-400', '1.7976931348623157e308', '1.8e308', '1e400',
  '9007199254740992', '9007199254740993', '9007199254740994', '-9007199254740993', '1152921504606846976', '123456789012345678901234567890', '100000000000000000000', '1000000000000000000000', '12.0'];
const STRINGS = ['"9007199254740993"', '"\\"a\\":1,\\"a\\":2"', '"{\\"k\\":1e400}"', '"\\\\"', '"\\\\\\""', '"\\u0022"', '"-0"', '"]}"', '"x\\ny"', '"\\ud800"'];
const SPACE = ['', '', '', ' ', '\n', '\t', '\r\n '];

function generate(r: Rng, depth: number): string {
  const ws = (): string => r.pick(SPACE);
  const roll = r.int(0, depth > 3 ? 5 : 9);
  if (roll <= 2) return r.pick(NUMBERS);
  if (roll <= 4) return r.pick(STRINGS);
  if (roll === 5) return r.pick(['true', 'false', 'null']);
  if (roll <= 7) return `[${ws()}${Array.from({ length: r.int(0, 4) }, () => generate(r, depth + 1)).join(`${ws()},${ws()}`)}${ws()}]`;
  return object(r, depth);
}

function object(r: Rng, depth: number): string {
  const ws = (): string => r.pick(SPACE);
  const members = Array.from({ length: r.int(0, 4) }, () => `"${r.pick(KEYS)}"${ws()}:${ws()}${generate(r, depth + 1)}`);
  return `{${ws()}${members.join(`${ws()},${ws()}`)}${ws()}}`;
}

test('differential: the verdict agrees with Python json on 4000 generated texts; every text kept round-trips exactly', () => {
  const r = new Rng(223);
  const texts = Array.from({ length: 4000 }, (_, i) => (i % 20 === 0 ? generate(r, 0) : object(r, 0)));
  const readings = texts.map((text) => read(text));
  const items = texts.map((text, i) => (readings[i]!.document !== undefined ? { text, sent: JSON.stringify(readings[i]!.document) } : { text }));
  const verdicts = JSON.parse(execFileSync('python3', ['-c', ORACLE], { input: JSON.stringify(items), encoding: 'utf8', maxBuffer: 64 << 20 })) as
    Array<{ kind: 'ok' | 'problem' | 'notjson' | 'notobject'; problems?: string[]; same?: boolean }>;
  const tally: Record<string, number> = {};
  texts.forEach((text, i) => {
    const mine = readings[i]!;
    const theirs = verdicts[i]!;
    const kind = mine.document !== undefined ? 'ok'
      : mine.problem === 'the text is not JSON' ? 'notjson'
      : mine.problem!.startsWith('the JSON is not an object') ? 'notobject' : 'problem';
    tally[kind] = (tally[kind] ?? 0) + 1;
    assert.equal(kind, theirs.kind, `${JSON.stringify(text)}: ${mine.problem ?? 'kept'} vs Python ${JSON.stringify(theirs)}`);
    if (kind === 'problem' && theirs.problems!.length === 1) {
      assert.ok(mine.problem!.startsWith(theirs.problems![0] === 'key' ? 'the key at' : 'the number at'), `${JSON.stringify(text)}: ${mine.problem} vs ${theirs.problems![0]}`);
    }
    if (kind === 'ok') assert.equal(theirs.same, true, `${JSON.stringify(text)} is sent as ${JSON.stringify(items[i]!.sent)}, which Python reads otherwise`);
  });
  // The generator reaches every verdict, often.
  for (const k of ['ok', 'problem', 'notobject']) assert.ok((tally[k] ?? 0) > 100, JSON.stringify(tally));
});

test('cost: reading a body up to 256 KB (the SQS maximum) stays within a small multiple of JSON.parse alone, hostile shapes too', () => {
  const bodies = {
    plain: JSON.stringify(Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`field_${i}`, { n: i * 1.5, id: 9007199254740000 + i, s: `text "${i}" \\ more` }]))),
    escapes: JSON.stringify({ s: '\\"'.repeat(25_000), t: '\\'.repeat(40_000), u: '"'.repeat(25_000) }),
    keys: JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k\u00e9${i}`, i]))),
    nested: `{"a":${'['.repeat(50_000)}1${']'.repeat(50_000)},"n":${'{"x":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
    numbers: `{"a":[${Array.from({ length: 12_000 }, (_, i) => `${9007199254740992 - i}.5e-3`).join(',')}]}`,
  };
  const time = (f: () => unknown): number => {
    let best = Infinity;
    for (let i = 0; i < 7; i++) {
      const start = process.hrtime.bigint();
      f();
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return best;
  };
  for (const [name, text] of Object.entries(bodies)) {
    assert.ok(text.length > 100_000 && text.length < 300_000, `${name}: ${text.length}`);
    assert.ok(read(text).document !== undefined, name);
    const parse = time(() => JSON.parse(text));
    const whole = time(() => read(text));
    // measured 2-3x JSON.parse on an idle core; the bound is loose for a loaded machine and still catches anything quadratic (seconds)
    assert.ok(whole < 10 * parse + 25, `${name}: ${whole.toFixed(1)} ms to read and check, JSON.parse alone ${parse.toFixed(1)} ms`);
  }
});
