import { describe, expect, it } from 'vitest';
import type { Flag } from '@medplum/fhirtypes';
import { buildFlags, flagCategory } from './flags';
import { context, GP, input, raw, SOCIAL, SUBJECT } from './fixtures';

const CATEGORY = 'http://terminology.hl7.org/CodeSystem/flag-category';

function flag(overrides: Partial<Flag> = {}): Flag {
  return {
    resourceType: 'Flag',
    id: 'f1',
    status: 'active',
    category: [{ coding: [{ system: CATEGORY, code: 'safety' }], text: 'Safeguarding' }],
    code: { coding: [{ system: 'http://snomed.info/sct', code: '713512008' }], text: 'Subject of child protection plan' },
    subject: SUBJECT,
    period: { start: '2026-02-10' },
    author: { display: 'Priya Khan' },
    ...overrides,
  };
}

describe('flagCategory', () => {
  it('recognises safeguarding by the category text or the flag text', () => {
    expect(flagCategory(flag())).toBe('safeguarding');
    expect(flagCategory(flag({ category: [{ coding: [{ system: CATEGORY, code: 'safety' }] }] }))).toBe('safeguarding');
  });

  it.each([
    ['behavioral', 'behavioural'],
    ['clinical', 'clinical'],
    ['drug', 'clinical'],
    ['admin', 'administrative'],
    ['safety', 'other'],
    ['made-up', 'other'],
  ])('maps FHIR category %s to %s', (code, category) => {
    expect(flagCategory(flag({ category: [{ coding: [{ system: CATEGORY, code }] }], code: { text: 'Something' } }))).toBe(category);
  });

  it('recognises reasonable adjustments', () => {
    expect(flagCategory(flag({ category: [{ text: 'Reasonable adjustment' }], code: { text: 'Needs BSL interpreter' } }))).toBe(
      'reasonable-adjustment',
    );
  });

  it('falls back to other without a category', () => {
    expect(flagCategory(flag({ category: undefined, code: { text: 'Lives alone' } }))).toBe('other');
  });
});

describe('buildFlags', () => {
  it('says what the flag is and why it is shown, with provenance', () => {
    const [alert] = buildFlags([input(SOCIAL, [flag()])], context());
    expect(alert).toEqual({
      category: 'safeguarding',
      text: 'Subject of child protection plan',
      why: 'Active safeguarding flag recorded by County Council Social Care since 10-Feb-2026',
      since: '2026-02-10',
      provenance: { source: SOCIAL, resource: 'Flag/f1', recorded: '2026-02-10', lastUpdated: undefined, author: 'Priya Khan' },
    });
  });

  it('shows only active flags that have not ended', () => {
    const alerts = buildFlags(
      [
        input(GP, [
          flag({ id: 'inactive', status: 'inactive' }),
          flag({ id: 'error', status: 'entered-in-error' }),
          flag({ id: 'ended', period: { start: '2025-01-01', end: '2026-01-01' } }),
          flag({ id: 'ending', period: { start: '2025-01-01', end: '2027-01-01' } }),
        ]),
      ],
      context(),
    );
    expect(alerts.map((a) => a.provenance.resource)).toEqual(['Flag/ending']);
  });

  it('leaves DNACPR flags to the advance decisions section', () => {
    const dnacpr = flag({ code: { coding: [{ system: 'http://snomed.info/sct', code: '304253006' }] } });
    expect(buildFlags([input(GP, [dnacpr])], context())).toEqual([]);
  });

  it('reads Not Known for a flag without text and explains it without a date', () => {
    const [alert] = buildFlags(
      [input(GP, [flag({ code: { coding: [{ code: 'X' }] }, category: undefined, period: undefined })])],
      context(),
    );
    expect(alert?.text).toBe('Not Known');
    expect(alert?.why).toBe('Active flag recorded by Riverside Medical Practice');
  });

  it('puts safeguarding first, then newest first', () => {
    const clinical = flag({
      id: 'clinical',
      category: [{ coding: [{ system: CATEGORY, code: 'clinical' }] }],
      code: { text: 'Hearing impaired' },
    });
    const older = flag({ id: 'older', period: { start: '2025-01-01' } });
    const alerts = buildFlags([input(GP, [clinical, older]), input(SOCIAL, [flag({ id: 'newer' })])], context());
    expect(alerts.map((a) => a.provenance.resource)).toEqual(['Flag/newer', 'Flag/older', 'Flag/clinical']);
  });

  it('skips and reports a flag that cannot be read', () => {
    const skipped: string[] = [];
    const broken = raw({ ...flag({ id: 'broken' }), category: 'Safeguarding' });
    expect(buildFlags([input(GP, [broken, flag()])], context(skipped))).toHaveLength(1);
    expect(skipped).toEqual(['gp:Flag/broken']);
  });
});

describe('buildFlags: the plan behind a safeguarding flag', () => {
  const plan = {
    resourceType: 'CarePlan' as const,
    id: 'cpp',
    status: 'active' as const,
    intent: 'plan' as const,
    subject: SUBJECT,
    category: [{ text: 'Child protection plan' }],
    title: 'Child protection plan',
    created: '2026-06-22',
    activity: [
      { detail: { status: 'in-progress' as const, description: 'Social worker: Joanne REID, 01632 960521 (out of hours: 01632 960599).' } },
      { detail: { status: 'in-progress' as const, description: 'Core group meets every 6 weeks.' } },
      {
        detail: {
          status: 'in-progress' as const,
          description: 'Any injury or A&E attendance is reported to the allocated social worker the same day.',
        },
      },
      { detail: { status: 'cancelled' as const, description: 'Call the old team on 01632 960000.' } },
    ],
  };

  it('the plan its flag-detail names: its instructions and contacts (out of hours included), as written', () => {
    const linked = flag({
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/flag-detail', valueReference: { reference: 'CarePlan/cpp' } }],
    });
    const [alert] = buildFlags([input(SOCIAL, [linked, plan])], context());
    expect(alert?.plan).toEqual({
      title: 'Child protection plan',
      instructions: ['Any injury or A&E attendance is reported to the allocated social worker the same day.'],
      contacts: ['Social worker: Joanne REID, 01632 960521 (out of hours: 01632 960599).'],
      provenance: { source: SOCIAL, resource: 'CarePlan/cpp', recorded: '2026-06-22', lastUpdated: undefined, author: undefined },
    });
  });

  it("without a link, a child protection flag takes the same source's active child protection plan; other flags take none", () => {
    expect(buildFlags([input(SOCIAL, [flag(), plan])], context())[0]?.plan?.title).toBe('Child protection plan');
    expect(buildFlags([input(SOCIAL, [flag(), { ...plan, status: 'completed' as const }])], context())[0]?.plan).toBeUndefined();
    expect(buildFlags([input(GP, [flag({ code: { text: 'Adult at risk: financial abuse' } }), plan])], context())[0]?.plan).toBeUndefined();
  });
});
