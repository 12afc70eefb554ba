import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCap, serializeCap } from './index';
import type { CapMessage, CapResult } from './index';
import { loadFixtures } from './testing/fixtures';

const valid = loadFixtures('valid');
const older = loadFixtures('older-versions');
const invalid = loadFixtures('invalid');

function ok(result: CapResult<CapMessage>, name = ''): CapMessage {
  if (!result.ok) throw new Error(`${name}: refused at ${result.error.path}: ${result.error.reason}`);
  return result.value;
}

function fixture(folder: 'valid' | 'older-versions', name: string): CapMessage {
  const f = (folder === 'valid' ? valid : older).find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${folder}/${name}`);
  return ok(parseCap(f.xml), name);
}

describe('corpus', () => {
  it('has the handed-over files', () => {
    expect(valid.length).toBe(18);
    expect(older.length).toBe(15);
    expect(invalid.map((f) => f.name)).toEqual(['google-invalid.cap', 'google-xee.cap']);
  });

  describe.each(valid)('valid/$name', ({ name, xml }) => {
    it('parses as CAP 1.2', () => {
      const msg = ok(parseCap(xml), name);
      expect(msg.version).toBe('1.2');
    });
  });

  describe.each(older)('older-versions/$name', ({ name, xml }) => {
    it('parses with its version detected', () => {
      const msg = ok(parseCap(xml), name);
      const expected = /v1dot0|incident\.com\/cap\/1\.0/.test(name + xml) ? '1.0' : '1.1';
      expect(msg.version).toBe(expected);
    });
  });

  describe.each(invalid)('invalid/$name', ({ name, xml }) => {
    it('is refused with a reason', () => {
      const r = parseCap(xml);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error.reason.length).toBeGreaterThan(10);
    });
  });

  it('google-invalid.cap: refused because <scope> is missing', () => {
    const r = parseCap(invalid.find((f) => f.name === 'google-invalid.cap')!.xml);
    expect(r).toEqual({ ok: false, error: { path: 'alert/scope', reason: 'required element <scope> is missing' } });
  });
});

describe('XXE fixture (invalid/google-xee.cap)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is refused for its DOCTYPE before any XML parsing or validation runs', () => {
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    const validate = vi.spyOn(XMLValidator, 'validate');
    const r = parseCap(invalid.find((f) => f.name === 'google-xee.cap')!.xml);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.path).toBe('');
      expect(r.error.reason).toMatch(/DOCTYPE/);
      expect(r.error.reason).toMatch(/entit/i);
    }
    expect(parse).not.toHaveBeenCalled();
    expect(validate).not.toHaveBeenCalled();
  });

  it('the spies do see parsing of an ordinary document (so the check above means something)', () => {
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    const validate = vi.spyOn(XMLValidator, 'validate');
    ok(parseCap(valid[0]!.xml));
    expect(validate).toHaveBeenCalledTimes(1);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('an ENTITY declaration without DOCTYPE is refused too', () => {
    const r = parseCap('<!ENTITY x SYSTEM "file:///etc/passwd"><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(/ENTITY/);
  });
});

describe('field assertions', () => {
  it('thunderstorm: polygon in [lat, lon] order, SAME geocodes, eventCode, expires with offset', () => {
    const m = fixture('valid', 'google-thunderstorm.cap');
    expect(m).toMatchObject({
      identifier: 'KSTO1055887203',
      sender: 'KSTO@NWS.NOAA.GOV',
      sent: '2003-06-17T14:57:00-07:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
    });
    const info = m.info[0]!;
    expect(info.language).toBe('en-US'); // schema default, element absent
    expect(info.category).toEqual(['Met']);
    expect(info.responseType).toEqual(['Shelter']);
    expect([info.urgency, info.severity, info.certainty]).toEqual(['Immediate', 'Severe', 'Observed']);
    expect(info.eventCode).toEqual([{ valueName: 'SAME', value: 'SVR' }]);
    expect(info.expires).toBe('2003-06-17T16:00:00-07:00');
    const area = info.area[0]!;
    expect(area.polygon).toEqual([
      [
        [38.47, -120.14],
        [38.34, -119.95],
        [38.52, -119.74],
        [38.62, -119.89],
        [38.47, -120.14],
      ],
    ]);
    expect(area.geocode.map((g) => g.value)).toEqual(['006109', '006009', '006003']);
    expect(area.areaDesc).toBe(
      'EXTREME NORTH CENTRAL TUOLUMNE COUNTY IN CALIFORNIA, EXTREME NORTHEASTERN \nCALAVERAS COUNTY IN CALIFORNIA, SOUTHWESTERN ALPINE COUNTY IN CALIFORNIA',
    );
  });

  it('australia: cap: prefix, two info blocks, circles in km, entity-escaped HTML kept as text', () => {
    const m = fixture('valid', 'google-australia.cap');
    expect(m.code).toEqual(['urn:oasis:names:tc:emergency:cap:1.2:profile:CAP-AU:1.0']);
    expect(m.info).toHaveLength(2);
    expect(m.info.map((i) => i.language)).toEqual(['en-AU', 'en-AU']);
    expect(m.info[0]!.category).toEqual(['Fire', 'Met']);
    expect(m.info[0]!.area[0]!.circle).toEqual([{ center: [-35.3888, 147.0598], radiusKm: 25 }]);
    expect(m.info[0]!.area[0]!.geocode).toEqual([{ valueName: 'http://www.iso.org/iso/country_codes.html', value: 'AU-NSW' }]);
    expect(m.info[1]!.area[0]!.geocode[0]!.value).toBe('2642');
    expect(m.info[0]!.description).toMatch(/^ALERT LEVEL: Not Applicable<br \/>LOCATION: 12 Cox Street/);
    expect(m.info[0]!.parameter).toContainEqual({ valueName: 'AllocatedResources', value: '' });
  });

  it('oasis 1.2 appendix A.4: en-US and es-US info blocks with accented text', () => {
    const m = fixture('valid', 'oasis-v1dot2_appendix_adot4.xml');
    expect(m.info.map((i) => i.language)).toEqual(['en-US', 'es-US']);
    expect(m.info[1]!.event).toBe('Abducción de Niño');
    expect(m.info[1]!.area[0]!.areaDesc).toBe('condado de Los Ángeles');
  });

  it('canada: references parsed into triples, empty optional elements absent, two polygons', () => {
    const m = fixture('valid', 'google-canada.cap');
    expect(m.references).toEqual([
      { sender: 'cap@ec.gc.ca', identifier: '2.49.0.1.124.a3f342a4.2012', sent: '2012-05-02T21:45:05-00:00' },
      { sender: 'cap@ec.gc.ca', identifier: '2.49.0.1.124.60f31a3a.2012', sent: '2012-05-02T21:55:21-00:00' },
    ]);
    expect(m.restriction).toBeUndefined();
    expect(m.addresses).toBeUndefined();
    expect(m.note).toBeUndefined();
    expect(m.incidents).toEqual([]);
    expect(m.info.map((i) => i.language)).toEqual(['en-CA', 'fr-CA']);
    expect(m.info[1]!.description).toBe("C'est l'épreuve - ce message de PAC a été créé pour les buts d'essai seulement.");
    const poly = m.info[0]!.area[1]!.polygon[0]!;
    expect(poly).toHaveLength(38);
    expect(poly[0]).toEqual(poly[poly.length - 1]);
  });

  it('wcatwc: references and incidents', () => {
    const m = fixture('valid', 'google-wcatwc-warning.cap');
    expect(m.references).toEqual([{ sender: 'PAAQ', identifier: 'PAAQ-1-lqw6d6', sent: '2011-09-02T10:55:55-00:00' }]);
    expect(m.incidents).toEqual(['lqw6d6']);
  });

  it('iso-8859-1 earthquake: decoded as latin1 by the caller, accented text intact, signature warned', () => {
    const f = valid.find((x) => x.name === 'google-earthquake-iso8859-1.cap')!;
    const r = parseCap(f.xml);
    const m = ok(r);
    expect(m.info[0]!.headline).toBe('EQ 4.6 Usulután, Usulután, El Salvador - PRELIMINARY REPORT');
    expect(m.info[0]!.area[0]!.circle).toEqual([{ center: [12.747, -88.783], radiusKm: 0 }]);
    expect(m.addresses).toBe('0');
    if (r.ok) expect(r.warnings.some((w) => w.path === 'alert/Signature[0]' && /signature/i.test(w.reason))).toBe(true);
  });

  it('ipaws: large derefUri kept, resource size and digest', () => {
    const m = fixture('valid', 'oasis-ipaws-5e6ddbad023f1930ef6c1a5a.xml');
    const res = m.info[0]!.resource[0]!;
    expect(res).toMatchObject({ resourceDesc: 'EAS Broadcast Content', mimeType: 'audio/x-ipaws-audio-mp3', size: 98865 });
    expect(res.digest).toBe('b2fdc4f478c30b5245579853366923ccfb666ab5');
    expect(res.uri).toBeUndefined(); // <uri></uri>
    expect(res.derefUri!.length).toBeGreaterThan(90_000);
  });

  it('CAP 1.0: name=value pairs split, "Very Likely" mapped to Likely, incidents', () => {
    const r = parseCap(older.find((f) => f.name === 'oasis-v1dot0_appendix_adot3.xml')!.xml);
    const m = ok(r);
    expect(m.version).toBe('1.0');
    expect(m.incidents).toEqual(['13970876']);
    expect(m.info[0]!.certainty).toBe('Likely');
    expect(m.info[0]!.parameter).toContainEqual({ valueName: 'Magnitude', value: '3.4 Ml' });
    expect(m.info[0]!.area[0]!.circle).toEqual([{ center: [32.9525, -115.5527], radiusKm: 0 }]);
    if (r.ok) expect(r.warnings.some((w) => /Very Likely/.test(w.reason))).toBe(true);

    const a2 = fixture('older-versions', 'oasis-v1dot0_appendix_adot2.xml');
    expect(a2.info[0]!.eventCode).toEqual([{ valueName: 'same', value: 'SVR' }]);
    expect(a2.info[0]!.area[0]!.geocode).toEqual([
      { valueName: 'fips6', value: '006109' },
      { valueName: 'fips6', value: '006009' },
      { valueName: 'fips6', value: '006003' },
    ]);
  });

  it('CAP 1.0/1.1 resource without mimeType gets application/octet-stream with a warning', () => {
    for (const name of ['oasis-v1dot0_appendix_adot1.xml', 'oasis-v1dot1_appendix_adot1.xml']) {
      const r = parseCap(older.find((f) => f.name === name)!.xml);
      const m = ok(r, name);
      expect(m.info[0]!.resource[0]).toEqual({
        resourceDesc: 'Image file (GIF)',
        mimeType: 'application/octet-stream',
        uri: 'http://www.dhs.gov/dhspublic/getAdvisoryImage',
      });
      if (r.ok) expect(r.warnings.some((w) => w.path === 'alert/info[0]/resource[0]/mimeType')).toBe(true);
    }
  });

  it('NOAA 1.1 with errors: empty enums -> Unknown, trailing commas and empty polygon tolerated, all warned', () => {
    const r = parseCap(older.find((f) => f.name === 'google-noaa_errors.cap')!.xml);
    const m = ok(r);
    const info = m.info[0]!;
    expect([info.urgency, info.severity, info.certainty]).toEqual(['Unknown', 'Unknown', 'Unknown']);
    expect(m.references).toEqual([]);
    expect(info.area[0]!.polygon).toHaveLength(1);
    expect(info.area[0]!.polygon[0]).toHaveLength(9);
    expect(info.area[0]!.polygon[0]![0]).toEqual([41.12, -117.61]);
    if (!r.ok) return;
    const paths = r.warnings.map((w) => w.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'alert/references',
        'alert/info[0]/urgency',
        'alert/info[0]/severity',
        'alert/info[0]/certainty',
        'alert/info[0]/area[0]/polygon[0]',
        'alert/info[0]/area[0]/polygon[1]',
      ]),
    );
  });

  it('signed 1.1 earthquake: "Z" is not used, but Signature is ignored with a warning', () => {
    const r = parseCap(older.find((f) => f.name === 'google-earthquake_signed.cap')!.xml);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((w) => w.path)).toContain('alert/Signature[0]');
  });
});

describe('round trip', () => {
  describe.each(valid)('valid/$name', ({ name, xml }) => {
    it('parse(serialize(parse(x))) equals parse(x), and serialize is a fixpoint', () => {
      const first = ok(parseCap(xml), name);
      const out = serializeCap(first);
      const second = ok(parseCap(out), `${name} (re-parsed)`);
      expect(second).toEqual(first);
      expect(serializeCap(second)).toBe(out);
    });
  });

  describe.each(older)('older-versions/$name', ({ name, xml }) => {
    it('serializes as CAP 1.2 that re-parses, and serialize is a fixpoint', () => {
      const first = ok(parseCap(xml), name);
      const out = serializeCap(first);
      expect(out).toContain('xmlns="urn:oasis:names:tc:emergency:cap:1.2"');
      const second = ok(parseCap(out), `${name} (re-parsed)`);
      expect(second.version).toBe('1.2');
      expect(serializeCap(second)).toBe(out);
      // same content except the version (no 'Z' or fractional times occur in these files)
      expect({ ...second, version: first.version }).toEqual(first);
    });
  });
});
