import { describe, expect, it } from 'vitest';
import type { CarePlan, Condition, Consent, Flag } from '@medplum/fhirtypes';
import { buildAdvanceDecisions } from './advance-decisions';
import { ACUTE, context, GP, input, raw, SUBJECT } from './fixtures';

const SCT = 'http://snomed.info/sct';

function respect(overrides: Partial<Consent> = {}): Consent {
  return {
    resourceType: 'Consent',
    id: 'respect1',
    meta: { lastUpdated: '2026-03-15T10:00:00Z' },
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'adr' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '75320-2', display: 'Advance directive' }] }, { text: 'ReSPECT form' }],
    patient: SUBJECT,
    dateTime: '2026-03-15',
    performer: [{ reference: 'Practitioner/dr1', display: 'Dr Sarah Ahmed' }],
    organization: [{ display: 'Riverside Medical Practice' }],
    provision: {
      code: [
        { coding: [{ system: SCT, code: '450476008', display: 'Not for attempted cardiopulmonary resuscitation' }], text: 'Not for CPR' },
      ],
    },
    ...overrides,
  };
}

describe('buildAdvanceDecisions from Consent', () => {
  it('shows the recommendation as recorded, with date, author and source', () => {
    const [decision] = buildAdvanceDecisions([input(GP, [respect()])], context());
    expect(decision).toEqual({
      document: 'ReSPECT form',
      recommendation: 'Not for CPR',
      status: 'current',
      date: '2026-03-15',
      author: 'Dr Sarah Ahmed',
      provenance: {
        source: GP,
        resource: 'Consent/respect1',
        recorded: '2026-03-15',
        lastUpdated: '2026-03-15T10:00:00Z',
        author: 'Dr Sarah Ahmed',
      },
    });
  });

  it('keeps a "for CPR" recommendation exactly as recorded too', () => {
    const consent = respect({ provision: { code: [{ text: 'For attempted CPR' }] } });
    expect(buildAdvanceDecisions([input(GP, [consent])], context())[0]?.recommendation).toBe('For attempted CPR');
  });

  it('never invents a recommendation: a form without one reads Not Known', () => {
    const consent = respect({ provision: undefined });
    expect(buildAdvanceDecisions([input(GP, [consent])], context())[0]?.recommendation).toBe('Not Known');
  });

  it('never infers anything from the absence of a form', () => {
    expect(buildAdvanceDecisions([input(GP, []), input(ACUTE, [])], context())).toEqual([]);
  });

  it('marks inactive forms superseded and leaves out draft, rejected and entered-in-error ones', () => {
    const decisions = buildAdvanceDecisions(
      [
        input(GP, [
          respect({ id: 'old', status: 'inactive', dateTime: '2025-01-01' }),
          respect({ id: 'err', status: 'entered-in-error' }),
          respect({ id: 'rej', status: 'rejected' }),
          respect({ id: 'draft', status: 'draft' }),
          respect({ id: 'now' }),
        ]),
      ],
      context(),
    );
    expect(decisions.map((d) => [d.provenance.resource, d.status])).toEqual([
      ['Consent/now', 'current'],
      ['Consent/old', 'superseded'],
    ]);
  });

  it('ignores consents that are not advance decisions (e.g. an objection to sharing)', () => {
    const objection = respect({
      id: 'privacy',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ text: 'Objection to sharing' }],
    });
    expect(buildAdvanceDecisions([input(GP, [objection])], context())).toEqual([]);
  });

  it('falls back to a generic document name', () => {
    const consent = respect({ category: [{ coding: [{ system: 'http://loinc.org', code: '75320-2' }] }] });
    expect(buildAdvanceDecisions([input(GP, [consent])], context())[0]?.document).toBe('Advance decision');
  });
});

describe('buildAdvanceDecisions from Flags and Conditions coded DNACPR', () => {
  const flag: Flag = {
    resourceType: 'Flag',
    id: 'f1',
    status: 'active',
    code: { coding: [{ system: SCT, code: '304253006', display: 'Not for resuscitation' }] },
    subject: SUBJECT,
    period: { start: '2026-05-01' },
    author: { display: 'Ward 7' },
  };
  const condition: Condition = {
    resourceType: 'Condition',
    id: 'c1',
    subject: SUBJECT,
    clinicalStatus: { coding: [{ code: 'active' }] },
    code: { coding: [{ system: SCT, code: '450476008' }], text: 'DNACPR' },
    recordedDate: '2026-04-01',
  };

  it('reads them as recorded', () => {
    const decisions = buildAdvanceDecisions([input(ACUTE, [flag, condition])], context());
    expect(decisions).toMatchObject([
      { document: 'DNACPR alert', recommendation: 'Not for resuscitation', status: 'current', date: '2026-05-01', author: 'Ward 7' },
      { document: 'DNACPR decision (coded record)', recommendation: 'DNACPR', status: 'current', date: '2026-04-01' },
    ]);
  });

  it('ignores other flags and conditions, and entered-in-error or refuted ones', () => {
    const other: Flag = { ...flag, id: 'f2', code: { text: 'Safeguarding' } };
    const errorFlag: Flag = { ...flag, id: 'f3', status: 'entered-in-error' };
    const refuted: Condition = { ...condition, id: 'c2', verificationStatus: { coding: [{ code: 'refuted' }] } };
    expect(buildAdvanceDecisions([input(ACUTE, [other, errorFlag, refuted])], context())).toEqual([]);
  });

  it('marks a resolved DNACPR condition superseded', () => {
    const resolved: Condition = { ...condition, clinicalStatus: { coding: [{ code: 'resolved' }] } };
    expect(buildAdvanceDecisions([input(ACUTE, [resolved])], context())[0]?.status).toBe('superseded');
  });

  it('skips and reports a resource that cannot be read instead of failing', () => {
    const skipped: string[] = [];
    const broken = raw({ ...respect({ id: 'broken' }), performer: 5 });
    const decisions = buildAdvanceDecisions([input(GP, [broken, respect()])], context(skipped));
    expect(decisions).toHaveLength(1);
    expect(skipped).toEqual(['gp:Consent/broken']);
  });
});

/** A ReSPECT form's recommendations, shaped as the NHS End of Life API sends them. */
function recommendations(overrides: Partial<CarePlan> = {}): CarePlan {
  return {
    resourceType: 'CarePlan',
    id: 'respect-plan',
    extension: [
      {
        url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-EOL-ReSPECTScale-1',
        extension: [
          { url: 'respectPriorityScale', valueInteger: 90 },
          { url: 'respectPriorityScaleStatement', valueString: 'To stay at the care home' },
        ],
      },
    ],
    status: 'active',
    intent: 'plan',
    category: [{ coding: [{ system: SCT, code: '1382601000000107' }], text: 'ReSPECT: clinical recommendations' }],
    subject: SUBJECT,
    created: '2026-03-15',
    author: { display: 'Dr Sarah Ahmed' },
    supportingInfo: [{ reference: 'Consent/respect1' }],
    activity: [
      { detail: { status: 'in-progress', code: { text: 'Prioritise comfort' }, description: 'Symptom control first.' } },
      { detail: { status: 'in-progress', code: { text: 'Not for intensive care' }, description: 'Not for intensive care.' } },
      { detail: { status: 'cancelled', code: { text: 'For intensive care' } } },
      { detail: { status: 'in-progress', description: 'Hospital admission only if comfort cannot be achieved' } },
    ],
    ...overrides,
  };
}

describe("buildAdvanceDecisions: a ReSPECT form's recommendations", () => {
  it("joins the Consent it supports: the treatment focus, the ceilings of care as written, and the person's priority", () => {
    const [decision, ...rest] = buildAdvanceDecisions([input(GP, [recommendations(), respect()])], context());
    expect(rest).toEqual([]);
    expect(decision?.recommendation).toBe('Not for CPR');
    expect(decision?.plan).toEqual({
      focus: { text: 'Prioritise comfort', detail: 'Symptom control first.', towards: 'comfort' },
      recommendations: [
        { text: 'Not for intensive care', detail: undefined },
        { text: 'Hospital admission only if comfort cannot be achieved', detail: undefined },
      ],
      personPriority: { scale: 90, statement: 'To stay at the care home' },
      provenance: {
        source: GP,
        resource: 'CarePlan/respect-plan',
        recorded: '2026-03-15',
        lastUpdated: undefined,
        author: 'Dr Sarah Ahmed',
      },
    });
  });

  it('also joins when it names the form (the DocumentReference) the Consent was made from', () => {
    const consent = respect({ sourceReference: { reference: 'DocumentReference/form' } });
    const plan = recommendations({ supportingInfo: [{ reference: 'DocumentReference/form' }] });
    expect(buildAdvanceDecisions([input(GP, [consent, plan])], context())[0]?.plan?.focus?.text).toBe('Prioritise comfort');
  });

  it('places a life-sustaining focus, and leaves a balanced one unplaced', () => {
    const focus = (text: string) => {
      const plan = recommendations({ activity: [{ detail: { status: 'in-progress', code: { text } } }] });
      return buildAdvanceDecisions([input(GP, [respect(), plan])], context())[0]?.plan?.focus;
    };
    expect(focus('Focus on life-sustaining treatment')).toEqual({
      text: 'Focus on life-sustaining treatment',
      detail: undefined,
      towards: 'life-sustaining',
    });
    expect(focus('Balance extending life with comfort')?.towards).toBe('comfort');
    expect(focus('Balance priorities as discussed')?.towards).toBeUndefined();
    // A ceiling that mentions comfort is not a focus: only a priority is.
    expect(focus('Hospital admission only if comfort cannot be achieved')).toBeUndefined();
  });

  it('a plan no Consent claims stands as a ReSPECT decision of its own, its CPR line the recommendation', () => {
    const plan = recommendations({
      supportingInfo: undefined,
      activity: [
        { detail: { status: 'in-progress', code: { text: 'Prioritise comfort' } } },
        { detail: { status: 'in-progress', code: { text: 'CPR attempts NOT recommended' } } },
      ],
    });
    const [decision] = buildAdvanceDecisions([input(GP, [plan])], context());
    expect(decision).toMatchObject({
      document: 'ReSPECT form',
      recommendation: 'CPR attempts NOT recommended',
      status: 'current',
      date: '2026-03-15',
      author: 'Dr Sarah Ahmed',
    });
    const noCpr = recommendations({ supportingInfo: undefined, status: 'revoked' });
    expect(buildAdvanceDecisions([input(GP, [noCpr])], context())[0]).toMatchObject({ recommendation: 'Not Known', status: 'superseded' });
  });

  it('leaves out draft and entered-in-error plans, care plans that are not ReSPECT, and a scale out of range', () => {
    expect(
      buildAdvanceDecisions([input(GP, [recommendations({ supportingInfo: undefined, status: 'entered-in-error' })])], context()),
    ).toEqual([]);
    expect(buildAdvanceDecisions([input(GP, [recommendations({ supportingInfo: undefined, status: 'draft' })])], context())).toEqual([]);
    const other = recommendations({ extension: undefined, category: [{ text: 'End of life care plan' }] });
    expect(buildAdvanceDecisions([input(GP, [respect(), other])], context())[0]?.plan).toBeUndefined();
    const scale = recommendations({
      extension: [
        {
          url: 'https://fhir.nhs.uk/StructureDefinition/Extension-EOL-ReSPECTScale-2',
          extension: [{ url: 'respectPriorityScale', valueInteger: 900 }],
        },
      ],
    });
    expect(buildAdvanceDecisions([input(GP, [respect(), scale])], context())[0]?.plan?.personPriority).toBeUndefined();
  });
});
