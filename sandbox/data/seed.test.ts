// The seed at the bundle level: every fact of docs/sandbox-patients.md in the right
// source, well-formed transaction Bundles, stable content.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Consent, Location, MedicationRequest, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM, ODS_CODE_SYSTEM, SDS_USER_SYSTEM, SOURCE_NAMES, SOURCES, USERS, type SourceName } from '../config';
import { about, attachmentText, entriesOf, nhsNumberOf, patientsWith, resourcesOf } from './inspect';
import { SCENARIO_PATIENTS } from './patients';
import { PATEL_HBA1C } from './patients/patel';
import { buildScenarioSeed, buildSeed, type Seed } from './seed';

const TODAY = new Date('2026-03-15T10:30:00Z');
const DAY = 86_400_000;
let seed: Seed;

beforeAll(() => {
  seed = buildScenarioSeed(TODAY);
});

/** NHS number Modulus 11 check, written here so the test does not trust the code under test. */
function passesModulus11(nhs: string): boolean {
  if (!/^\d{10}$/.test(nhs)) return false;
  const sum = [...nhs.slice(0, 9)].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(nhs[9]);
}

function daysAgo(iso: string | undefined): number {
  if (!iso) throw new Error('missing date');
  return (TODAY.getTime() - Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) / DAY;
}

function monthsBefore(months: number): number {
  const d = new Date(Date.UTC(TODAY.getUTCFullYear(), TODAY.getUTCMonth() - months, TODAY.getUTCDate()));
  return (TODAY.getTime() - d.getTime()) / DAY;
}

function the(source: SourceName, value: string) {
  const found = patientsWith(seed, source, value);
  expect(found, `${value} at ${source}`).toHaveLength(1);
  return found[0]!;
}

function codes(resource: { coding?: { code?: string }[] } | undefined): string[] {
  return (resource?.coding ?? []).map((c) => c.code ?? '');
}

function medicineName(request: MedicationRequest): string {
  return request.medicationReference?.display ?? request.medicationCodeableConcept?.text ?? '';
}

function containedMedicationCode(request: MedicationRequest): string | undefined {
  const med = request.contained?.find((c) => c.resourceType === 'Medication');
  return med?.resourceType === 'Medication' ? med.code?.coding?.[0]?.code : undefined;
}

describe('bundles', () => {
  it('are transaction Bundles of POSTs with urn:uuid fullUrls, at most 2,000 entries each', () => {
    for (const source of SOURCE_NAMES) {
      expect(seed[source].length).toBeGreaterThan(0);
      for (const bundle of seed[source]) {
        expect(bundle.type).toBe('transaction');
        expect(bundle.entry!.length).toBeLessThanOrEqual(2000);
        for (const entry of bundle.entry!) {
          expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
          expect(entry.request?.method).toBe('POST');
          expect(entry.request?.url).toBe(entry.resource?.resourceType);
          expect(entry.resource?.id).toBeUndefined();
        }
      }
    }
  });

  it('resolve every reference within the bundle, and never point at another source', () => {
    for (const source of SOURCE_NAMES) {
      for (const bundle of seed[source]) {
        const urls = new Set(bundle.entry!.map((e) => e.fullUrl));
        const refs = [...JSON.stringify(bundle).matchAll(/"reference":"([^"]+)"/g)].map((m) => m[1]!);
        for (const ref of refs) {
          if (ref.startsWith('#')) continue;
          expect(ref, `${source}: ${ref}`).toMatch(/^urn:uuid:/);
          expect(urls.has(ref), `${source}: ${ref} resolves`).toBe(true);
        }
      }
    }
  });

  // Builds every patient's record twice (BENNETT's 50 years included): seconds alone, far more on a busy machine.
  it('are deterministic for a given today, and move with today', () => {
    expect(JSON.stringify(buildSeed(TODAY))).toEqual(JSON.stringify(buildSeed(new Date(TODAY))));
    const later = buildScenarioSeed(new Date(TODAY.getTime() + 10 * DAY));
    const respect = (s: Seed) =>
      resourcesOf(s, 'gp').find((r): r is Consent => r.resourceType === 'Consent' && r.scope?.coding?.[0]?.code === 'adr')?.dateTime;
    expect(daysAgo(respect(seed)) - daysAgo(respect(later))).toBeCloseTo(10, 0);
  }, 90_000);

  it('carry NHS numbers that pass Modulus 11, digits only, and UK Core profiles', () => {
    let count = 0;
    for (const source of SOURCE_NAMES) {
      for (const r of resourcesOf(seed, source)) {
        if (r.resourceType === 'Patient') {
          const nhs = nhsNumberOf(r);
          if (nhs) {
            count++;
            expect(passesModulus11(nhs), nhs).toBe(true);
          }
        }
        expect(r.meta?.profile?.[0], r.resourceType).toMatch(/^https:\/\/fhir\.hl7\.org\.uk\/StructureDefinition\/UKCore-/);
      }
    }
    expect(count).toBeGreaterThan(20);
    for (const p of SCENARIO_PATIENTS) if (p.nhsNumber) expect(passesModulus11(p.nhsNumber), p.key).toBe(true);
    expect(passesModulus11('9990000019')).toBe(false);
  });

  it('give narratives as XHTML divs without scripts', () => {
    let narratives = 0;
    for (const source of SOURCE_NAMES) {
      for (const r of resourcesOf(seed, source)) {
        const div = 'text' in r ? r.text?.div : undefined;
        if (!div) continue;
        narratives++;
        expect(div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">[\s\S]*<\/div>$/);
        expect(div).not.toMatch(/<script|javascript:|\son\w+=/i);
        expect(div).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
      }
    }
    expect(narratives).toBeGreaterThanOrEqual(5);
  });

  it('include resources the viewer must filter: entered in error, inactive, resolved, stopped', () => {
    const all = SOURCE_NAMES.flatMap((s) => resourcesOf(seed, s));
    const verification = (r: Resource) =>
      r.resourceType === 'Condition' || r.resourceType === 'AllergyIntolerance' ? r.verificationStatus?.coding?.[0]?.code : undefined;
    expect(all.filter((r) => r.resourceType === 'Condition' && verification(r) === 'entered-in-error')).not.toHaveLength(0);
    expect(all.filter((r) => r.resourceType === 'AllergyIntolerance' && verification(r) === 'entered-in-error')).not.toHaveLength(0);
    expect(all.filter((r) => r.resourceType === 'MedicationRequest' && r.status === 'entered-in-error')).not.toHaveLength(0);
    expect(all.filter((r) => r.resourceType === 'MedicationRequest' && r.status === 'stopped')).not.toHaveLength(0);
    expect(all.filter((r) => r.resourceType === 'Condition' && r.clinicalStatus?.coding?.[0]?.code === 'resolved')).not.toHaveLength(0);
    expect(all.filter((r) => r.resourceType === 'Consent' && r.status === 'inactive')).not.toHaveLength(0);
  });
});

describe('directories', () => {
  it('give each source its organisation with its ODS code', () => {
    for (const s of SOURCES) {
      const orgs = resourcesOf(seed, s.name).filter((r) => r.resourceType === 'Organization');
      const own = orgs.find((o) => o.identifier?.some((i) => i.system === ODS_CODE_SYSTEM && i.value === s.odsCode));
      expect(own?.name, s.name).toBe(s.organisation);
    }
  });

  it('hold each sandbox user as a Practitioner with the SDS user id, in their source, with a role and a phone', () => {
    for (const user of USERS) {
      const resources = resourcesOf(seed, user.practitionerSource);
      const practitioners = resources.filter(
        (r): r is Practitioner =>
          r.resourceType === 'Practitioner' && !!r.identifier?.some((i) => i.system === SDS_USER_SYSTEM && i.value === user.id),
      );
      expect(practitioners, user.id).toHaveLength(1);
      expect(practitioners[0]!.name?.[0]?.family).toBe(user.family);
      const fullUrl = entriesOf(seed, user.practitionerSource).find((e) => e.resource === practitioners[0])!.fullUrl;
      const role = resources.find(
        (r): r is PractitionerRole => r.resourceType === 'PractitionerRole' && r.practitioner?.reference === fullUrl,
      );
      expect(
        role?.telecom?.some((t) => t.system === 'phone'),
        user.id,
      ).toBe(true);
      for (const other of SOURCE_NAMES.filter((s) => s !== user.practitionerSource)) {
        expect(
          resourcesOf(seed, other).some((r) => r.resourceType === 'Practitioner' && r.identifier?.some((i) => i.value === user.id)),
        ).toBe(false);
      }
    }
  });

  it('give the acute trust Ward 7 (Elderly Care), its bed 12 and the A&E department', () => {
    const entries = entriesOf(seed, 'acute').filter((e) => e.resource?.resourceType === 'Location');
    const byName = (name: string) => entries.find((e) => (e.resource as Location).name === name)!;
    const ward = byName('Ward 7 (Elderly Care)');
    const bed = byName('Bed 12');
    expect(codes((ward.resource as Location).physicalType)).toEqual(['wa']);
    expect(codes((bed.resource as Location).physicalType)).toEqual(['bd']);
    expect((bed.resource as Location).partOf?.reference).toBe(ward.fullUrl);
    expect(entries.some((e) => /A&E/.test((e.resource as Location).name ?? ''))).toBe(true);
  });
});

describe('THOMPSON, Margaret (999 000 0018)', () => {
  const NHS = '9990000018';

  it('gp: ReSPECT form, Not for CPR, dated four months ago, signed by her GP', () => {
    const { fullUrl } = the('gp', NHS);
    const consents = about(seed, 'gp', fullUrl, 'Consent').filter((c) => codes(c.scope).includes('adr'));
    expect(consents).toHaveLength(1);
    const respect = consents[0]!;
    expect(respect.status).toBe('active');
    expect(respect.category?.some((c) => c.text === 'ReSPECT form' && codes(c).includes('75320-2'))).toBe(true);
    expect(respect.provision?.code?.[0]?.text).toBe('Not for CPR');
    expect(codes(respect.provision?.code?.[0])).toContain('450476008');
    expect(Math.abs(daysAgo(respect.dateTime) - monthsBefore(4))).toBeLessThan(1);
    expect(respect.performer?.[0]?.display).toBe('Dr Sarah AHMED');
    expect(respect.organization?.[0]?.display).toBe('Riverside Medical Practice');
    expect(respect.policy?.length).toBeGreaterThan(0);
  });

  it('gp: end of life care plan and anticipatory medicines', () => {
    const { fullUrl } = the('gp', NHS);
    const plans = about(seed, 'gp', fullUrl, 'CarePlan');
    expect(plans.some((p) => p.status === 'active' && p.category?.some((c) => codes(c).includes('736373009')))).toBe(true);
    const jic = about(seed, 'gp', fullUrl, 'MedicationRequest').filter(
      (m) => m.status === 'active' && m.category?.some((c) => /Anticipatory/.test(c.text ?? '')),
    );
    expect(jic.map(medicineName).sort()).toEqual([
      'Hyoscine butylbromide 20mg/1ml solution for injection ampoules',
      'Levomepromazine 25mg/1ml solution for injection ampoules',
      'Midazolam 10mg/2ml solution for injection ampoules',
      'Morphine sulfate 10mg/1ml solution for injection ampoules',
    ]);
  });

  it('gp: 8 current repeat medications, each issued, including amlodipine 5 mg once daily', () => {
    const { fullUrl } = the('gp', NHS);
    const requests = about(seed, 'gp', fullUrl, 'MedicationRequest');
    const plans = entriesOf(seed, 'gp').filter((e) => {
      const r = e.resource;
      return (
        r?.resourceType === 'MedicationRequest' &&
        r.subject?.reference === fullUrl &&
        r.intent === 'plan' &&
        r.status === 'active' &&
        codes(r.courseOfTherapyType).includes('continuous')
      );
    });
    expect(plans).toHaveLength(8);
    for (const plan of plans) {
      expect(
        requests.some((r) => r.intent === 'order' && r.basedOn?.[0]?.reference === plan.fullUrl),
        medicineName(plan.resource as MedicationRequest),
      ).toBe(true);
    }
    const amlodipine = plans.map((e) => e.resource as MedicationRequest).find((r) => medicineName(r) === 'Amlodipine 5mg tablets')!;
    expect(containedMedicationCode(amlodipine)).toBe('39732011000001102');
    expect(amlodipine.dosageInstruction?.[0]?.text).toBe('One tablet once daily');
    expect(amlodipine.dosageInstruction?.[0]?.timing?.repeat).toMatchObject({ frequency: 1, period: 1, periodUnit: 'd' });
  });

  it('gp: penicillin allergy with anaphylaxis', () => {
    const allergies = about(seed, 'gp', the('gp', NHS).fullUrl, 'AllergyIntolerance');
    const penicillin = allergies.find((a) => codes(a.code).includes('764146007'))!;
    expect(codes(penicillin.reaction?.[0]?.manifestation?.[0])).toContain('39579001');
    expect(penicillin.criticality).toBe('high');
  });

  it('acute: in Ward 7, bed 12 since an admission two days ago; A&E two days ago after a fall', () => {
    const { fullUrl } = the('acute', NHS);
    const encounters = about(seed, 'acute', fullUrl, 'Encounter');
    const current = encounters.filter((e) => e.class?.code === 'IMP' && e.status === 'in-progress');
    expect(current).toHaveLength(1);
    expect(current[0]!.period?.end).toBeUndefined();
    expect(Math.round(daysAgo(current[0]!.period?.start))).toBe(2);
    const locations = new Map(entriesOf(seed, 'acute').map((e) => [e.fullUrl, e.resource]));
    const names = current[0]!.location?.map((l) => (locations.get(l.location.reference) as Location).name);
    expect(names).toEqual(['Ward 7 (Elderly Care)', 'Bed 12']);
    expect(current[0]!.location?.map((l) => codes(l.physicalType)[0])).toEqual(['wa', 'bd']);
    const ae = encounters.filter((e) => e.class?.code === 'EMER');
    expect(ae).toHaveLength(1);
    expect(Math.round(daysAgo(ae[0]!.period?.start))).toBe(2);
    expect(codes(ae[0]!.reasonCode?.[0])).toContain('1912002');
  });

  it('acute: discharge summary from a stay three months ago, as HTML', () => {
    const docs = about(seed, 'acute', the('acute', NHS).fullUrl, 'DocumentReference');
    const summary = docs.find((d) => codes(d.type).includes('373942005'))!;
    expect(Math.abs(daysAgo(summary.date) - monthsBefore(3))).toBeLessThan(8);
    expect(summary.content[0]!.attachment.contentType).toBe('text/html');
    expect(attachmentText(summary.content[0]!.attachment.data)).toContain('Discharge summary');
  });

  it('acute: amlodipine 10 mg once daily on the inpatient chart (gp says 5 mg); amoxicillin allergy', () => {
    const { fullUrl } = the('acute', NHS);
    const chart = about(seed, 'acute', fullUrl, 'MedicationRequest').filter(
      (m) => m.status === 'active' && m.category?.some((c) => codes(c).includes('inpatient')),
    );
    const amlodipine = chart.find((m) => medicineName(m) === 'Amlodipine 10mg tablets')!;
    expect(containedMedicationCode(amlodipine)).toBe('39731911000001109');
    expect(amlodipine.dosageInstruction?.[0]?.timing?.repeat?.frequency).toBe(1);
    const allergies = about(seed, 'acute', fullUrl, 'AllergyIntolerance');
    expect(allergies.some((a) => codes(a.code).includes('372687004'))).toBe(true);
  });

  it('community: weekly district nursing visits and a community nurse with a phone number in the care team', () => {
    const { fullUrl } = the('community', NHS);
    const visits = about(seed, 'community', fullUrl, 'Encounter')
      .filter((e) => e.class?.code === 'HH')
      .map((e) => daysAgo(e.period?.start))
      .sort((a, b) => a - b);
    expect(visits.length).toBeGreaterThanOrEqual(8);
    expect(visits[0]).toBeLessThan(8);
    visits.slice(1).forEach((d, i) => expect(Math.round(d - visits[i]!)).toBe(7));
    const team = about(seed, 'community', fullUrl, 'CareTeam')[0]!;
    const role = resourcesOf(seed, 'community').find(
      (r): r is PractitionerRole =>
        r.resourceType === 'PractitionerRole' &&
        entriesOf(seed, 'community').some((e) => e.resource === r && e.fullUrl === team.participant?.[0]?.member?.reference),
    )!;
    expect(role.code?.[0]?.text).toBe('District nurse');
    expect(role.telecom?.some((t) => t.system === 'phone')).toBe(true);
  });

  it('social care: residential care package at Oakview Care Home, named social worker with a phone number', () => {
    const { fullUrl } = the('social-care', NHS);
    const plan = about(seed, 'social-care', fullUrl, 'CarePlan').find((p) => p.status === 'active')!;
    expect(plan.title).toContain('Oakview Care Home');
    expect(plan.activity?.[0]?.detail?.location?.display).toBe('Oakview Care Home');
    const team = about(seed, 'social-care', fullUrl, 'CareTeam')[0]!;
    const worker = team.participant!.find((p) => p.role?.[0]?.text === 'Named social worker')!;
    const role = entriesOf(seed, 'social-care').find((e) => e.fullUrl === worker.member?.reference)!.resource as PractitionerRole;
    expect(role.telecom?.find((t) => t.system === 'phone')?.value).toBe('01632 960511');
  });

  it('next of kin: daughter Helen Thompson, with a phone number, holding lasting power of attorney', () => {
    const daughter = about(seed, 'gp', the('gp', NHS).fullUrl, 'RelatedPerson')[0]!;
    expect(daughter.name?.[0]).toMatchObject({ family: 'THOMPSON', given: ['Helen'] });
    expect(daughter.telecom?.[0]?.value).toBe('07700 900123');
    expect(daughter.relationship?.flatMap(codes)).toEqual(expect.arrayContaining(['N', 'DAU', 'HPOWATT']));
    expect(daughter.relationship?.map((r) => r.text)).toContain('Lasting power of attorney for health and welfare');
  });

  it('every source registers her with Riverside Medical Practice', () => {
    for (const source of ['gp', 'acute', 'community', 'social-care'] as const) {
      const gp = the(source, NHS).patient.generalPractitioner?.[0];
      expect(gp?.identifier).toEqual({ system: ODS_CODE_SYSTEM, value: 'ZZ001' });
      expect(gp?.display).toBe('Riverside Medical Practice');
    }
  });
});

describe('OKAFOR, Daniel (999 000 0026)', () => {
  const NHS = '9990000026';

  it('is six years old', () => {
    const years = daysAgo(the('gp', NHS).patient.birthDate) / 365.25;
    expect(Math.floor(years)).toBe(6);
  });

  it('social care: active child protection plan (neglect) from five months ago, allocated social worker, safeguarding flag', () => {
    const { fullUrl } = the('social-care', NHS);
    const plan = about(seed, 'social-care', fullUrl, 'CarePlan').find((p) => p.title === 'Child protection plan')!;
    expect(plan.status).toBe('active');
    expect(plan.category?.some((c) => codes(c).includes('neglect'))).toBe(true);
    expect(Math.abs(daysAgo(plan.period?.start) - monthsBefore(5))).toBeLessThan(1);
    expect(plan.author?.display).toBe('Joanne REID');
    const flags = about(seed, 'social-care', fullUrl, 'Flag');
    expect(flags).toHaveLength(1);
    expect(flags[0]!.status).toBe('active');
    expect(flags[0]!.category?.[0]).toMatchObject({ text: 'Safeguarding', coding: [{ code: 'safety' }] });
    const team = about(seed, 'social-care', fullUrl, 'CareTeam')[0]!;
    expect(team.participant?.[0]?.role?.[0]?.text).toBe('Allocated social worker');
  });

  it('acute: three A&E attendances in the last 8 weeks (head injury, burn, fracture of the forearm)', () => {
    const ae = about(seed, 'acute', the('acute', NHS).fullUrl, 'Encounter').filter(
      (e) => e.class?.code === 'EMER' && daysAgo(e.period?.start) <= 56,
    );
    expect(ae).toHaveLength(3);
    expect(ae.flatMap((e) => codes(e.reasonCode?.[0])).sort()).toEqual(['125666000', '65966004', '82271004']);
  });

  it('community: health visitor in the care team; immunisations up to date', () => {
    const { fullUrl, patient } = the('community', NHS);
    const team = about(seed, 'community', fullUrl, 'CareTeam')[0]!;
    expect(team.participant?.[0]?.role?.[0]?.text).toBe('Health visitor');
    const immunisations = about(seed, 'community', fullUrl, 'Immunization');
    expect(immunisations.length).toBeGreaterThanOrEqual(14);
    for (const i of immunisations) {
      expect(i.status).toBe('completed');
      expect(daysAgo(i.occurrenceDateTime)).toBeGreaterThan(0);
      expect(Date.parse(i.occurrenceDateTime!)).toBeGreaterThan(Date.parse(patient.birthDate!));
    }
    expect(immunisations.filter((i) => /MMR/.test(i.vaccineCode.text ?? ''))).toHaveLength(2);
  });
});

describe('NOWAK, Piotr (999 000 0034)', () => {
  const NHS = '9990000034';

  it('mental health: crisis plan, care coordinator, schizophrenia, clozapine 300 mg daily, all restricted', () => {
    const { fullUrl } = the('mental-health', NHS);
    const restricted = (r: Resource) =>
      r.meta?.security?.some((s) => s.system === 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality' && s.code === 'R');
    const plan = about(seed, 'mental-health', fullUrl, 'CarePlan')[0]!;
    expect(codes(plan.category?.[0])).toContain('736253002');
    const activities = plan.activity!.map((a) => a.detail?.description ?? '').join('\n');
    expect(activities).toMatch(/Who to call/);
    expect(activities).toMatch(/What helps/);
    const team = about(seed, 'mental-health', fullUrl, 'CareTeam')[0]!;
    expect(team.participant?.[0]?.role?.[0]?.text).toBe('Care coordinator');
    const conditions = about(seed, 'mental-health', fullUrl, 'Condition');
    expect(conditions.some((c) => codes(c.code).includes('58214004'))).toBe(true);
    const clozapine = about(seed, 'mental-health', fullUrl, 'MedicationRequest').find((m) => /Clozapine/.test(medicineName(m)))!;
    expect(clozapine.status).toBe('active');
    const daily = clozapine.dosageInstruction!.reduce(
      (sum, d) => sum + (d.doseAndRate?.[0]?.doseQuantity?.value ?? 0) * (d.timing?.repeat?.frequency ?? 1),
      0,
    );
    expect(daily).toBe(300);
    for (const r of [plan, team, ...conditions, clozapine]) expect(restricted(r), r.resourceType).toBe(true);
    // Every clinical resource is restricted but the flag that gives every role the trust's crisis line.
    const crisisLine = about(seed, 'mental-health', fullUrl, 'Flag')[0]!;
    expect(restricted(crisisLine)).toBeFalsy();
    expect(crisisLine.code?.text).toMatch(/crisis .*01632 960499/);
    for (const r of about(seed, 'mental-health', fullUrl)) if (r !== crisisLine) expect(restricted(r), r.resourceType).toBe(true);
  });

  it('gp: does not list clozapine', () => {
    const { fullUrl } = the('gp', NHS);
    const meds = about(seed, 'gp', fullUrl, 'MedicationRequest');
    expect(meds.length).toBeGreaterThan(0);
    expect(meds.some((m) => /clozapine/i.test(JSON.stringify(m)))).toBe(false);
  });
});

describe('PATEL, Asha (999 000 0042)', () => {
  const NHS = '9990000042';

  it('gp: type 1 diabetes, insulin glargine and insulin aspart, no known drug allergies', () => {
    const { fullUrl } = the('gp', NHS);
    expect(about(seed, 'gp', fullUrl, 'Condition').some((c) => codes(c.code).includes('46635009'))).toBe(true);
    const plans = about(seed, 'gp', fullUrl, 'MedicationRequest')
      .filter((m) => m.intent === 'plan' && m.status === 'active')
      .map(medicineName);
    expect(plans.some((n) => n.startsWith('Insulin glargine'))).toBe(true);
    expect(plans.some((n) => n.startsWith('Insulin aspart'))).toBe(true);
    const allergies = about(seed, 'gp', fullUrl, 'AllergyIntolerance');
    expect(allergies.map((a) => codes(a.code))).toEqual([['409137002']]);
  });

  it('gp: HbA1c every 3 months for 5 years, 48 to 86 mmol/mol, the latest high', () => {
    const hba1c = about(seed, 'gp', the('gp', NHS).fullUrl, 'Observation')
      .filter((o) => codes(o.code).includes('59261-8'))
      .sort((a, b) => Date.parse(a.effectiveDateTime!) - Date.parse(b.effectiveDateTime!));
    expect(hba1c).toHaveLength(21);
    expect(Math.abs(daysAgo(hba1c[0]!.effectiveDateTime) - monthsBefore(60))).toBeLessThan(1);
    expect(daysAgo(hba1c.at(-1)!.effectiveDateTime)).toBeLessThan(1);
    hba1c
      .slice(1)
      .forEach((o, i) => expect(Math.round((daysAgo(hba1c[i]!.effectiveDateTime) - daysAgo(o.effectiveDateTime)) / 30.4)).toBe(3));
    const values = hba1c.map((o) => o.valueQuantity!.value!);
    expect(values).toEqual([...PATEL_HBA1C]);
    expect(Math.min(...values)).toBe(48);
    expect(Math.max(...values)).toBe(86);
    const latest = hba1c.at(-1)!;
    expect(latest.valueQuantity).toMatchObject({ value: 86, unit: 'mmol/mol' });
    expect(codes(latest.interpretation?.[0])).toEqual(['H']);
    expect(latest.referenceRange?.[0]?.high?.value).toBe(41);
    expect(codes(latest.code)).toContain('999791000000106');
  });

  it('gp: eGFR and creatinine', () => {
    const obs = about(seed, 'gp', the('gp', NHS).fullUrl, 'Observation');
    expect(obs.filter((o) => codes(o.code).includes('62238-1')).length).toBeGreaterThanOrEqual(5);
    expect(obs.filter((o) => codes(o.code).includes('14682-9')).length).toBeGreaterThanOrEqual(5);
  });

  it('acute: A&E for hypoglycaemia six weeks ago with capillary glucose 2.1 mmol/L; no allergy recorded', () => {
    const { fullUrl } = the('acute', NHS);
    const ae = about(seed, 'acute', fullUrl, 'Encounter').filter((e) => e.class?.code === 'EMER');
    expect(ae).toHaveLength(1);
    expect(Math.round(daysAgo(ae[0]!.period?.start))).toBe(42);
    expect(codes(ae[0]!.reasonCode?.[0])).toContain('302866003');
    const glucose = about(seed, 'acute', fullUrl, 'Observation').filter((o) => codes(o.code).includes('14743-9'));
    const first = glucose.sort((a, b) => Date.parse(a.effectiveDateTime!) - Date.parse(b.effectiveDateTime!))[0]!;
    expect(first.valueQuantity).toMatchObject({ value: 2.1, unit: 'mmol/L' });
    expect(codes(first.interpretation?.[0])).toEqual(['LL']);
    const aeUrl = entriesOf(seed, 'acute').find((e) => e.resource === ae[0])!.fullUrl;
    expect(first.encounter?.reference).toBe(aeUrl);
    expect(about(seed, 'acute', fullUrl, 'AllergyIntolerance')).toHaveLength(0);
  });

  it('community: diabetes specialist nurse appointments, one in the future', () => {
    const appointments = about(seed, 'community', the('community', NHS).fullUrl, 'Appointment');
    expect(appointments.length).toBeGreaterThanOrEqual(2);
    const future = appointments.filter((a) => Date.parse(a.start!) > TODAY.getTime());
    expect(future).toHaveLength(1);
    expect(future[0]!.status).toBe('booked');
    expect(future[0]!.participant.some((p) => /RAO/.test(p.actor?.display ?? ''))).toBe(true);
  });

  it('acute: the A&E letter carries hostile HTML for the viewer to render inert', () => {
    const letter = about(seed, 'acute', the('acute', NHS).fullUrl, 'DocumentReference')[0]!;
    const html = attachmentText(letter.content[0]!.attachment.data);
    expect(letter.content[0]!.attachment.contentType).toBe('text/html');
    expect(html).toContain('<script>alert(1)</script>');
    expect(html).toContain('<img src=x onerror=alert(1)>');
    expect(html).toContain('href="javascript:alert(1)"');
  });
});

describe('EVANS, Gwen (999 000 0050)', () => {
  const NHS = '9990000050';

  it('has a normal record in every source', () => {
    for (const source of SOURCE_NAMES) {
      const { fullUrl } = the(source, NHS);
      expect(about(seed, source, fullUrl).length, source).toBeGreaterThan(0);
    }
  });

  it('gp: an active objection to sharing through the shared care record', () => {
    const consents = about(seed, 'gp', the('gp', NHS).fullUrl, 'Consent');
    const objection = consents.find((c) => codes(c.scope).includes('patient-privacy'))!;
    expect(objection.status).toBe('active');
    expect(objection.provision?.type).toBe('deny');
    expect(objection.policy?.[0]?.uri).toBe('https://sandbox.example.nhs.uk/policy/shared-care-record');
  });
});

describe('UNKNOWN, Male (ACU-7731)', () => {
  it('exists only at acute, with no NHS number', () => {
    const { patient, fullUrl } = the('acute', 'ACU-7731');
    expect(nhsNumberOf(patient)).toBeUndefined();
    expect(patient.identifier).toHaveLength(1);
    expect(patient.name?.[0]).toMatchObject({ family: 'UNKNOWN', given: ['Male'] });
    expect(Math.round(daysAgo(patient.birthDate) / 365.25)).toBeGreaterThanOrEqual(39);
    for (const source of SOURCE_NAMES.filter((s) => s !== 'acute')) {
      expect(JSON.stringify(seed[source])).not.toContain('ACU-7731');
      expect(resourcesOf(seed, source).some((r) => r.resourceType === 'Patient' && r.name?.[0]?.family === 'UNKNOWN')).toBe(false);
    }
    const encounters = about(seed, 'acute', fullUrl, 'Encounter');
    expect(encounters).toHaveLength(1);
    expect(encounters[0]).toMatchObject({ status: 'in-progress', class: { code: 'EMER' } });
    expect(encounters[0]!.period?.end).toBeUndefined();
    const vitals = about(seed, 'acute', fullUrl, 'Observation').filter((o) => o.category?.some((c) => codes(c).includes('vital-signs')));
    expect(vitals.length).toBeGreaterThanOrEqual(5);
  });
});

describe('HUGHES, Robert (999 000 0069)', () => {
  const NHS = '9990000069';

  it('gp and acute agree: Robert, born 1945', () => {
    for (const source of ['gp', 'acute'] as const) {
      const { patient } = the(source, NHS);
      expect(patient.birthDate).toBe('1945-07-14');
      expect(patient.name?.[0]?.given).toEqual(['Robert']);
    }
  });

  it('social care holds the same NHS number for HUGHES, Roberta, born 1954, with a care package', () => {
    const { patient, fullUrl } = the('social-care', NHS);
    expect(patient.birthDate?.slice(0, 4)).toBe('1954');
    expect(patient.name?.[0]).toMatchObject({ family: 'HUGHES', given: ['Roberta'] });
    const plans = about(seed, 'social-care', fullUrl, 'CarePlan');
    expect(plans.some((p) => p.status === 'active' && /care package/i.test(p.title ?? ''))).toBe(true);
  });
});

describe('CLARKE, Edward (999 000 0077)', () => {
  it('gp: died three weeks ago, with the usual history before that', () => {
    const { patient, fullUrl } = the('gp', '9990000077');
    expect(Math.round(daysAgo(patient.deceasedDateTime))).toBe(21);
    const history = about(seed, 'gp', fullUrl);
    for (const type of ['Condition', 'MedicationRequest', 'Encounter', 'Observation'])
      expect(
        history.some((r) => r.resourceType === type),
        type,
      ).toBe(true);
    const current = about(seed, 'gp', fullUrl, 'MedicationRequest').filter((m) => m.status === 'active');
    expect(current).toHaveLength(0);
  });
});

describe('SCENARIO_PATIENTS', () => {
  it('lists each patient where the seed holds it, under the local identifiers it gives', () => {
    for (const p of SCENARIO_PATIENTS.filter((x) => x.key !== 'bennett')) {
      for (const source of SOURCE_NAMES) {
        const localId = p.localIds[source];
        const found = localId ? patientsWith(seed, source, localId) : [];
        expect(found.length, `${p.key} at ${source}`).toBe(localId ? 1 : 0);
        if (localId && p.nhsNumber) expect(nhsNumberOf(found[0]!.patient)).toBe(p.nhsNumber);
        if (localId && p.birthDate) expect(found[0]!.patient.birthDate).toBe(p.birthDate);
      }
    }
    const conflict = SCENARIO_PATIENTS.find((p) => p.identityConflict)!.identityConflict!;
    expect(the(conflict.source, conflict.localId).patient.birthDate).toBe(conflict.birthDate);
  });

  it('gives every patient with an NHS number the same NHS number in every source', () => {
    for (const p of SCENARIO_PATIENTS.filter((x) => x.nhsNumber && x.key !== 'bennett')) {
      const holders = SOURCE_NAMES.filter((s) => patientsWith(seed, s, p.nhsNumber!).length > 0);
      const expected = [...Object.keys(p.localIds), ...(p.identityConflict ? [p.identityConflict.source] : [])];
      expect(holders.sort(), p.key).toEqual(expected.sort());
      for (const s of holders)
        expect(patientsWith(seed, s, p.nhsNumber!)[0]!.patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value).toBe(
          p.nhsNumber,
        );
    }
  });

  it('includes the flag, care team and episode types the viewer reads', () => {
    const types = new Set(SOURCE_NAMES.flatMap((s) => resourcesOf(seed, s).map((r) => r.resourceType)));
    for (const type of [
      'Flag',
      'CareTeam',
      'EpisodeOfCare',
      'RelatedPerson',
      'Immunization',
      'Appointment',
      'DiagnosticReport',
      'DocumentReference',
      'Consent',
      'CarePlan',
    ]) {
      expect(types.has(type as Resource['resourceType']), type).toBe(true);
    }
  });
});
