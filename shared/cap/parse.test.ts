import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAP_MAX_INPUT_CHARS, parseCap } from './index';
import type { CapIssue, CapMessage, CapResult } from './index';

const NS12 = 'urn:oasis:names:tc:emergency:cap:1.2';
const NS11 = 'urn:oasis:names:tc:emergency:cap:1.1';

const HEAD_FIELDS = {
  identifier: 'ID-1',
  sender: 'ops@example.org',
  sent: '2024-05-01T10:00:00+08:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
} as const;

type Head = Partial<Record<keyof typeof HEAD_FIELDS, string | null>>;

/** Alert head in schema order; `null` omits an element, a string replaces its text. */
function head(over: Head = {}): string {
  return (Object.keys(HEAD_FIELDS) as (keyof typeof HEAD_FIELDS)[])
    .map((k) => {
      const v = k in over ? over[k] : HEAD_FIELDS[k];
      return v === null || v === undefined ? '' : `<${k}>${v}</${k}>`;
    })
    .join('');
}

const INFO_FIELDS = {
  category: 'Met',
  event: 'Typhoon',
  urgency: 'Expected',
  severity: 'Severe',
  certainty: 'Likely',
} as const;

function info(over: Partial<Record<keyof typeof INFO_FIELDS, string | null>> = {}, tail = ''): string {
  const body = (Object.keys(INFO_FIELDS) as (keyof typeof INFO_FIELDS)[])
    .map((k) => {
      const v = k in over ? over[k] : INFO_FIELDS[k];
      return v === null || v === undefined ? '' : `<${k}>${v}</${k}>`;
    })
    .join('');
  return `<info>${body}${tail}</info>`;
}

function area(inner: string): string {
  return `<area><areaDesc>Harbour</areaDesc>${inner}</area>`;
}

function alertDoc(body: string, ns = NS12): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${ns}">${body}</alert>`;
}

function accepted(r: CapResult<CapMessage>): { value: CapMessage; warnings: CapIssue[] } {
  if (!r.ok) throw new Error(`refused at ${r.error.path}: ${r.error.reason}`);
  return r;
}

function refused(r: CapResult<CapMessage>): CapIssue {
  if (r.ok) throw new Error(`expected a refusal, got a message with warnings ${JSON.stringify(r.warnings)}`);
  expect(r.error.reason.length).toBeGreaterThan(5);
  return r.error;
}

describe('minimal documents', () => {
  it('accepts a minimal CAP 1.2 alert without info', () => {
    const { value, warnings } = accepted(parseCap(alertDoc(head())));
    expect(value).toEqual({
      version: '1.2',
      ...HEAD_FIELDS,
      code: [],
      references: [],
      incidents: [],
      info: [],
    });
    expect(warnings).toEqual([]);
  });

  it('accepts a leading byte order mark and CRLF line ends', () => {
    const xml = `\uFEFF${alertDoc(head() + info({}, '<description>a\nb</description>'))}`.replace(/\n/g, '\r\n');
    expect(accepted(parseCap(xml)).value.info[0]!.description).toBe('a\nb');
  });
});

describe('document-level refusals', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an object', { toString: () => '<alert/>' }],
  ])('a non-string input (%s) is refused, not thrown', (_label, input) => {
    const e = refused(parseCap(input as unknown as string));
    expect(e.reason).toMatch(/must be a string/);
  });

  it('refuses oversized input before parsing', () => {
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    const big = alertDoc(head() + `<note>${'x'.repeat(CAP_MAX_INPUT_CHARS)}</note>`);
    const e = refused(parseCap(big));
    expect(e.reason).toMatch(/too large.*1 MiB/);
    expect(parse).not.toHaveBeenCalled();
  });

  it.each([
    ['<!DOCTYPE alert>', /DOCTYPE/],
    ['<!doctype alert [<!ELEMENT alert ANY>]>', /DOCTYPE/],
    ['<!ENTITY x "y">', /ENTITY/],
  ])('refuses %s before parsing', (decl, reason) => {
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    const e = refused(parseCap(`<?xml version="1.0"?>\n${decl}\n<alert xmlns="${NS12}">${head()}</alert>`));
    expect(e).toMatchObject({ path: '' });
    expect(e.reason).toMatch(reason);
    expect(parse).not.toHaveBeenCalled();
  });

  it.each([
    ['empty', '', /empty document/],
    ['whitespace', '  \n ', /empty document/],
    ['plain text', 'hello world', /not well-formed/],
    ['JSON', '{"alert": 1}', /not well-formed/],
    ['mismatched tags', `<alert xmlns="${NS12}"><identifier>x</sender></alert>`, /not well-formed/],
    ['unclosed', `<alert xmlns="${NS12}"><identifier>x`, /not well-formed/],
    ['two roots', `<alert xmlns="${NS12}"/><alert xmlns="${NS12}"/>`, /exactly one root|not well-formed/],
    ['control character', alertDoc(head() + '<note>a\u0001b</note>'), /U\+0001/],
    ['lone surrogate', alertDoc(head() + '<note>a\uD800b</note>'), /U\+D800/],
    ['undeclared entity', alertDoc(head() + '<note>a &nbsp; b</note>'), /undeclared entity/],
    ['bad character reference', alertDoc(head() + '<note>&#0;</note>'), /character reference/],
  ])('refuses %s', (_label, xml, reason) => {
    expect(refused(parseCap(xml)).reason).toMatch(reason);
  });

  it('refuses a root other than <alert>', () => {
    const e = refused(parseCap(`<feed xmlns="${NS12}"><alert/></feed>`));
    expect(e.reason).toMatch(/root element is <feed>, expected <alert>/);
  });

  it('refuses a missing or unknown namespace', () => {
    expect(refused(parseCap(`<alert>${head()}</alert>`)).reason).toMatch(/no CAP namespace/);
    expect(refused(parseCap(alertDoc(head(), 'urn:oasis:names:tc:emergency:cap:1.3'))).reason).toMatch(/unknown namespace/);
    // the prefix decides: xmlns (default) points elsewhere than xmlns:cap
    expect(refused(parseCap(`<cap:alert xmlns="${NS12}" xmlns:cap="urn:example"/>`)).reason).toMatch(/unknown namespace "urn:example"/);
  });
});

describe('version detection', () => {
  it.each([
    [NS12, '1.2'],
    [NS11, '1.1'],
    ['urn:oasis:names:tc:emergency:cap:1.0', '1.0'],
    ['http://www.incident.com/cap/1.0', '1.0'],
  ])('%s -> %s', (ns, version) => {
    expect(accepted(parseCap(alertDoc(head(), ns))).value.version).toBe(version);
  });

  it('reads a prefixed root with single-quoted namespace', () => {
    const xml = `<c:alert xmlns:c='${NS11}'>${head().replace(/<(\/?)(\w+)>/g, '<$1c:$2>')}</c:alert>`;
    expect(accepted(parseCap(xml)).value.version).toBe('1.1');
  });
});

describe('required elements and enumerations', () => {
  it.each(['identifier', 'sender', 'sent', 'status', 'msgType', 'scope'] as const)('missing <%s> is refused', (name) => {
    expect(refused(parseCap(alertDoc(head({ [name]: null }))))).toEqual({
      path: `alert/${name}`,
      reason: `required element <${name}> is missing`,
    });
  });

  it.each(['category', 'event', 'urgency', 'severity', 'certainty'] as const)('missing info <%s> is refused', (name) => {
    const e = refused(parseCap(alertDoc(head() + info({ [name]: null }))));
    expect(e.path).toBe(`alert/info[0]/${name}`);
    expect(e.reason).toMatch(`required element <${name}> is missing`);
  });

  it('an empty identifier is refused', () => {
    expect(refused(parseCap(alertDoc(head({ identifier: '  ' }))))).toEqual({ path: 'alert/identifier', reason: '<identifier> must not be empty' });
  });

  it('invalid enumeration values are refused, with a case hint', () => {
    expect(refused(parseCap(alertDoc(head({ status: 'actual' }))))).toEqual({
      path: 'alert/status',
      reason: 'invalid <status> value "actual"; expected one of Actual, Exercise, System, Test, Draft (values are case-sensitive: "Actual")',
    });
    expect(refused(parseCap(alertDoc(head({ msgType: 'Notice' })))).path).toBe('alert/msgType');
    expect(refused(parseCap(alertDoc(head({ scope: 'Everyone' })))).path).toBe('alert/scope');
    const second = `${info()}${info({}, '<category>Weather</category>').replace('<category>Met</category>', '<category>Met</category><category>Weather</category>')}`;
    expect(refused(parseCap(alertDoc(head() + second))).path).toBe('alert/info[1]/category[1]');
    expect(refused(parseCap(alertDoc(head() + info({ severity: 'High' })))).path).toBe('alert/info[0]/severity');
    expect(refused(parseCap(alertDoc(head() + info({}, '<responseType>Run</responseType>')))).path).toBe('alert/info[0]/responseType[0]');
  });

  it('empty urgency/severity/certainty are refused in 1.2 but become Unknown (with warnings) in 1.1', () => {
    const empty = info({ urgency: '', severity: '', certainty: '' });
    expect(refused(parseCap(alertDoc(head() + empty))).path).toBe('alert/info[0]/urgency');
    const { value, warnings } = accepted(parseCap(alertDoc(head() + empty, NS11)));
    expect([value.info[0]!.urgency, value.info[0]!.severity, value.info[0]!.certainty]).toEqual(['Unknown', 'Unknown', 'Unknown']);
    expect(warnings).toHaveLength(3);
  });

  it('"Very Likely" is treated as Likely with a warning', () => {
    const r = accepted(parseCap(alertDoc(head() + info({ certainty: 'Very Likely' }), 'http://www.incident.com/cap/1.0')));
    expect(r.value.info[0]!.certainty).toBe('Likely');
    expect(r.warnings).toEqual([{ path: 'alert/info[0]/certainty', reason: expect.stringMatching(/Very Likely/) }]);
  });

  it('a non-repeatable element given twice is refused', () => {
    const xml = alertDoc(head().replace('</sender>', '</sender><sender>b@example.org</sender>'));
    expect(refused(parseCap(xml))).toEqual({ path: 'alert/sender', reason: '<sender> may appear only once in <alert>, found 2' });
  });

  it('a text element containing markup is refused', () => {
    expect(refused(parseCap(alertDoc(head({ identifier: '<b>x</b>' })))).reason).toMatch(/must contain text only/);
  });

  it('language: empty means en-US, invalid is refused', () => {
    const lang = (v: string): string => info().replace('<info>', `<info><language>${v}</language>`);
    expect(accepted(parseCap(alertDoc(head() + lang('')))).value.info[0]!.language).toBe('en-US');
    expect(accepted(parseCap(alertDoc(head() + lang('zh-Hant-TW')))).value.info[0]!.language).toBe('zh-Hant-TW');
    expect(refused(parseCap(alertDoc(head() + lang('en_US')))).path).toBe('alert/info[0]/language');
  });

  it('resource mimeType is required in 1.2', () => {
    const res = '<resource><resourceDesc>map</resourceDesc><uri>http://x.example/m.png</uri></resource>';
    expect(refused(parseCap(alertDoc(head() + info({}, res))))).toEqual({
      path: 'alert/info[0]/resource[0]/mimeType',
      reason: 'required element <mimeType> is missing',
    });
  });

  it('resource size must be a non-negative integer', () => {
    const res = (size: string): string => `<resource><resourceDesc>a</resourceDesc><mimeType>audio/mp3</mimeType><size>${size}</size></resource>`;
    expect(accepted(parseCap(alertDoc(head() + info({}, res('1024'))))).value.info[0]!.resource[0]!.size).toBe(1024);
    expect(refused(parseCap(alertDoc(head() + info({}, res('1.5'))))).path).toBe('alert/info[0]/resource[0]/size');
    expect(refused(parseCap(alertDoc(head() + info({}, res('-3'))))).reason).toMatch(/negative/);
  });

  it('valuePairs need valueName and value; the 1.0 "name=value" form only in 1.0', () => {
    expect(refused(parseCap(alertDoc(head() + info({}, '<eventCode><valueName>SAME</valueName></eventCode>'))))).toEqual({
      path: 'alert/info[0]/eventCode[0]/value',
      reason: 'required element <value> is missing',
    });
    expect(refused(parseCap(alertDoc(head() + info({}, '<eventCode>SAME=SVR</eventCode>')))).reason).toMatch(/CAP 1.0 only/);
    const v10 = accepted(parseCap(alertDoc(head() + info({}, '<eventCode>SAME=SVR=x</eventCode>'), 'http://www.incident.com/cap/1.0')));
    expect(v10.value.info[0]!.eventCode).toEqual([{ valueName: 'SAME', value: 'SVR=x' }]);
  });
});

describe('dateTime', () => {
  const sent = (v: string, ns = NS12): CapResult<CapMessage> => parseCap(alertDoc(head({ sent: v }), ns));

  it.each(['2024-02-29T23:59:59+00:00', '2003-06-17T14:57:00-07:00', '2012-05-02T23:21:04-00:00', '2024-01-01T00:00:00+14:00'])('accepts %s', (v) => {
    expect(accepted(sent(v)).value.sent).toBe(v);
  });

  it.each([
    ['2024-05-01T10:00:00Z', /does not allow "Z"/],
    ['2024-05-01T10:00:00.5+08:00', /fractional seconds/],
    ['2024-05-01T10:00:00', /explicit UTC offset/],
    ['2024-05-01 10:00:00+08:00', /invalid dateTime/],
    ['2024-13-01T10:00:00+08:00', /month 13/],
    ['2023-02-29T10:00:00+08:00', /day 29 does not exist/],
    ['2024-05-01T24:00:00+08:00', /hour 24/],
    ['2024-05-01T10:00:60+08:00', /second 60/],
    ['2024-05-01T10:00:00+15:00', /offset/],
    ['2024-05-01T10:00:00,08:00', /invalid dateTime/],
    ['yesterday', /invalid dateTime/],
  ])('refuses %s in 1.2', (v, reason) => {
    const e = refused(sent(v));
    expect(e.path).toBe('alert/sent');
    expect(e.reason).toMatch(reason);
  });

  it('accepts Z and fractional seconds in 1.1 with a warning', () => {
    const r = accepted(sent('2024-05-01T10:00:00.250Z', NS11));
    expect(r.value.sent).toBe('2024-05-01T10:00:00.250Z');
    expect(r.warnings).toEqual([{ path: 'alert/sent', reason: expect.stringMatching(/"Z".*fractional/) }]);
  });

  it('checks info times with their path', () => {
    expect(refused(parseCap(alertDoc(head() + info() + info({}, '<expires>2024-05-01T10:00:00Z</expires>')))).path).toBe('alert/info[1]/expires');
  });
});

describe('geometry', () => {
  const geo = (inner: string, areas = 1): CapResult<CapMessage> =>
    parseCap(alertDoc(head() + info({}, area('') .repeat(areas - 1) + area(inner))));

  it('parses polygons, circles, altitude and ceiling', () => {
    const r = accepted(
      geo(
        '<polygon>1,2 3,4\n 5,6\t+1,+2.0</polygon><circle> -35.3888,147.0598  25.0 </circle><altitude>-10.5</altitude><ceiling>30000</ceiling>',
      ),
    );
    expect(r.value.info[0]!.area[0]).toEqual({
      areaDesc: 'Harbour',
      polygon: [
        [
          [1, 2],
          [3, 4],
          [5, 6],
          [1, 2],
        ],
      ],
      circle: [{ center: [-35.3888, 147.0598], radiusKm: 25 }],
      geocode: [],
      altitude: -10.5,
      ceiling: 30000,
    });
  });

  it.each([
    ['<polygon>1,2 3,4 1,2</polygon>', 'polygon[0]', /3 point\(s\); CAP requires at least 4/],
    ['<polygon>1,2 3,4 5,6 7,8</polygon>', 'polygon[0]', /not closed/],
    ['<polygon>1,2 3,4 5,6 1,2</polygon><polygon>1,2 a,4 5,6 1,2</polygon>', 'polygon[1]', /point 2 "a,4" is not two decimal numbers/],
    ['<polygon>91,2 3,4 5,6 91,2</polygon>', 'polygon[0]', /latitude 91 is outside -90..90/],
    ['<polygon>1,-181 3,4 5,6 1,-181</polygon>', 'polygon[0]', /longitude -181 is outside/],
    ['<polygon>1,2,3 3,4 5,6 1,2,3</polygon>', 'polygon[0]', /not a "lat,lon" pair/],
    ['<polygon>1,2, 3,4, 5,6, 1,2,</polygon>', 'polygon[0]', /not a "lat,lon" pair/],
    ['<polygon>1e1,2 3,4 5,6 1e1,2</polygon>', 'polygon[0]', /not two decimal numbers/],
    ['<polygon>NaN,2 3,4 5,6 NaN,2</polygon>', 'polygon[0]', /not two decimal numbers/],
    ['<circle>1,2</circle>', 'circle[0]', /not "lat,lon radius"/],
    ['<circle>1,2 -5</circle>', 'circle[0]', /negative/],
    ['<circle>1,2 five</circle>', 'circle[0]', /radius "five"/],
    ['<circle>100,2 5</circle>', 'circle[0]', /latitude 100/],
    ['<altitude>high</altitude>', 'altitude', /not a decimal number of feet/],
  ])('refuses %s', (inner, where, reason) => {
    const e = refused(geo(inner, 2));
    expect(e.path).toBe(`alert/info[0]/area[1]/${where}`);
    expect(e.reason).toMatch(reason);
  });

  it('an empty polygon is dropped with a warning (seen in NWS feeds)', () => {
    const r = accepted(geo('<polygon>  </polygon>'));
    expect(r.value.info[0]!.area[0]!.polygon).toEqual([]);
    expect(r.warnings).toEqual([{ path: 'alert/info[0]/area[0]/polygon[0]', reason: 'empty <polygon> ignored' }]);
  });

  it('normalizes -0 to 0', () => {
    const r = accepted(geo('<circle>-0,-0.0 -0</circle>'));
    expect(Object.is(r.value.info[0]!.area[0]!.circle[0]!.center[0], 0)).toBe(true);
    expect(Object.is(r.value.info[0]!.area[0]!.circle[0]!.radiusKm, 0)).toBe(true);
  });
});

describe('text, entities, lists', () => {
  it('decodes predefined and numeric entities; keeps CDATA verbatim; trims only XML whitespace', () => {
    const d = '<description>\n\u3000\u3000&#x4E2D;&#25991; &lt;b&gt; &amp;amp; <![CDATA[<raw> &amp;]]> "q" \'a\'\n</description>';
    const r = accepted(parseCap(alertDoc(head() + info({}, d))));
    expect(r.value.info[0]!.description).toBe('\u3000\u3000中文 <b> &amp; <raw> &amp; "q" \'a\'');
  });

  it('references: triples in 1.2 (malformed refused), dropped with a warning in 1.1', () => {
    const refs = (v: string, ns = NS12): CapResult<CapMessage> => parseCap(alertDoc(`${head()}<references>${v}</references>`, ns));
    expect(accepted(refs(' a@x,ID-0,2024-05-01T09:00:00+08:00\n b@y,ID-9,2024-05-01T09:30:00-00:00 ')).value.references).toEqual([
      { sender: 'a@x', identifier: 'ID-0', sent: '2024-05-01T09:00:00+08:00' },
      { sender: 'b@y', identifier: 'ID-9', sent: '2024-05-01T09:30:00-00:00' },
    ]);
    expect(refused(refs('ID-0'))).toEqual({ path: 'alert/references', reason: 'reference "ID-0" is not "sender,identifier,sent"' });
    expect(refused(refs('a,b,2024-05-01T09:00:00Z')).reason).toMatch(/"Z"/);
    const old = accepted(refs('ID-0 a,b,2024-05-01T09:00:00Z', NS11));
    expect(old.value.references).toEqual([{ sender: 'a', identifier: 'b', sent: '2024-05-01T09:00:00Z' }]);
    expect(old.warnings).toHaveLength(2);
  });

  it('incidents: space separated, multi-word names in double quotes', () => {
    const r = accepted(parseCap(alertDoc(`${head()}<incidents>INC-1  "Big  Fire" 龙江-3</incidents>`)));
    expect(r.value.incidents).toEqual(['INC-1', 'Big  Fire', '龙江-3']);
  });

  it('warns about identifier characters CAP forbids', () => {
    const r = accepted(parseCap(alertDoc(head({ identifier: 'a,b' }))));
    expect(r.warnings).toEqual([{ path: 'alert/identifier', reason: expect.stringMatching(/forbids/) }]);
  });
});

describe('tolerated with warnings', () => {
  it('Signature, unknown elements, order and stray text', () => {
    const xml = alertDoc(
      `${head({ scope: null })}<scope>Public</scope><x:custom xmlns:x="urn:x">1</x:custom>${info()}stray` +
        `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>`,
    ).replace('<identifier>ID-1</identifier><sender>ops@example.org</sender>', '<sender>ops@example.org</sender><identifier>ID-1</identifier>');
    const r = accepted(parseCap(xml));
    expect(r.value.identifier).toBe('ID-1');
    expect(r.warnings.map((w) => w.path)).toEqual(['alert/identifier', 'alert/custom', 'alert/Signature[0]', 'alert']);
  });

  it('CAP 1.0 <password> is dropped with a warning', () => {
    const r = accepted(parseCap(alertDoc(head().replace('</sender>', '</sender><password>secret</password>'), 'http://www.incident.com/cap/1.0')));
    expect(r.value).not.toHaveProperty('password');
    expect(r.warnings).toEqual([{ path: 'alert/password', reason: expect.stringMatching(/password/) }]);
  });

  it('scope Restricted without restriction and Private without addresses are warned', () => {
    expect(accepted(parseCap(alertDoc(head({ scope: 'Restricted' })))).warnings.map((w) => w.path)).toEqual(['alert/restriction']);
    expect(accepted(parseCap(alertDoc(head({ scope: 'Private' })))).warnings.map((w) => w.path)).toEqual(['alert/addresses']);
  });
});
