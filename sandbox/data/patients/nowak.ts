// NOWAK, Piotr (Mr), 999 000 0034: schizophrenia treated with clozapine by the
// mental health trust, a crisis plan and a care coordinator, all labelled
// restricted (v3-Confidentiality R); an unlabelled flag gives the trust's
// crisis line to every role. The gp record does not list clozapine.
import type { CarePlan, CareTeam, Flag } from '@medplum/fhirtypes';
import {
  cc,
  coding,
  condition,
  documentReference,
  encounter,
  medicationRequest,
  narrative,
  observation,
  phone,
  qty,
  textOnly,
  ukCore,
} from '../builders';
import type { Address } from '../directory';
import { scenarioPatient } from '../patients';
import { LOINC, SCT, SYS } from '../terminology';
import { addPatient, addRepeat, issueDays, staff, type World } from '../world';

const P = scenarioPatient('nowak');
const ADDRESS: Address = { lines: ['Flat 4', '17 Mill Street'], city: 'Chalkbury', postalCode: 'ME16 8TT' };
const DEMOGRAPHICS = { birthDate: '1979-11-02', address: ADDRESS, telecom: [phone('07700 900334', 'mobile')] };

export function addNowak(w: World): void {
  gp(w);
  mentalHealth(w);
}

function gp(w: World): void {
  const c = w.clock;
  w.b.gp.group();
  const patient = addPatient(w, 'gp', P, DEMOGRAPHICS);
  const ahmed = staff(w, 'gp', 'ahmed');
  w.b.gp.add(
    'nowak/asthma',
    condition({ patient, code: SCT.asthma, clinicalStatus: 'active', onset: c.yearsAgo(30), recorder: ahmed.practitioner }),
  );
  const repeat = { patient, requester: ahmed.practitioner, supplyDays: 28, repeats: 6 };
  addRepeat(w, 'gp', 'nowak/salbutamol', {
    ...repeat,
    medicine: 'salbutamolInhaler',
    quantity: { value: 200, unit: 'dose' },
    started: c.yearsAgo(12),
    dose: {
      text: 'Two puffs up to four times a day when required',
      value: 2,
      unit: 'puff',
      frequency: 4,
      asNeeded: 'When required for wheeze or breathlessness',
      route: 'inhaled',
    },
    issuesDaysAgo: issueDays(3, 20, 56),
  });
  addRepeat(w, 'gp', 'nowak/senna', {
    ...repeat,
    medicine: 'senna7_5',
    quantity: { value: 60, unit: 'tablet' },
    started: c.yearsAgo(3),
    dose: { text: 'Two tablets at night', value: 2, unit: 'tablet', frequency: 1, when: ['NIGHT'], route: 'oral' },
    issuesDaysAgo: issueDays(5, 12),
  });
  addRepeat(w, 'gp', 'nowak/omeprazole', {
    ...repeat,
    medicine: 'omeprazole20',
    quantity: { value: 28, unit: 'capsule' },
    started: c.yearsAgo(2),
    dose: { text: 'One capsule once daily', value: 1, unit: 'capsule', frequency: 1, route: 'oral' },
    issuesDaysAgo: issueDays(5, 12),
  });
}

function mentalHealth(w: World): void {
  const b = w.b['mental-health'];
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'mental-health', P, DEMOGRAPHICS);
  const fraser = staff(w, 'mental-health', 'fraser');
  const morris = staff(w, 'mental-health', 'morris');
  const restricted = true;

  const diagnosis = b.add(
    'nowak/schizophrenia',
    condition({
      patient,
      code: SCT.schizophrenia,
      clinicalStatus: 'active',
      onset: '2003',
      recorded: c.yearsAgo(20),
      recorder: morris.practitioner,
      restricted,
    }),
  );
  b.add(
    'nowak/clozapine',
    medicationRequest({
      patient,
      medicine: 'clozapine100',
      status: 'active',
      intent: 'order',
      course: 'continuous',
      category: 'community',
      authoredOn: c.daysAgo(11, '11:00'),
      requester: morris.practitioner,
      restricted,
      dose: [
        { text: '100mg in the morning', value: 100, unit: 'mg', frequency: 1, when: ['MORN'], route: 'oral' },
        { text: '200mg at night', value: 200, unit: 'mg', frequency: 1, when: ['NIGHT'], route: 'oral' },
      ],
      quantity: { value: 84, unit: 'tablet' },
      supplyDays: 28,
      note: "Clozapine 300mg daily (100mg in the morning, 200mg at night). Prescribed and supplied by the trust's clozapine clinic; not on the GP record. Registered with the clozapine patient monitoring service: full blood count every 4 weeks.",
    }),
  );
  b.add(
    'nowak/care-team',
    {
      resourceType: 'CareTeam',
      meta: ukCore('CareTeam', restricted),
      status: 'active',
      name: 'Chalkbury Community Mental Health Team',
      subject: patient,
      period: { start: c.dateMonthsAgo(40) },
      participant: [
        { role: [textOnly('Care coordinator')], member: fraser.role, period: { start: c.dateMonthsAgo(40) } },
        { role: [cc(SCT.medicalDoctor, 'Consultant psychiatrist')], member: morris.role },
      ],
      managingOrganization: [w.dir['mental-health'].org],
      telecom: [phone('01632 960411')],
      reasonReference: [diagnosis],
    } satisfies CareTeam,
    'Community mental health team',
  );
  // Not labelled: every role may see that he is known to the trust and how to reach its crisis team.
  b.add(
    'nowak/crisis-flag',
    {
      resourceType: 'Flag',
      meta: ukCore('Flag'),
      status: 'active',
      category: [cc(coding(SYS.flagCategory, 'clinical', 'Clinical'), 'Mental health')],
      code: textOnly(
        'Known to North Downs Mental Health NHS Trust, with a crisis plan. In a mental health crisis call the Crisis Resolution and Home Treatment Team on 01632 960499 (24 hours).',
      ),
      subject: patient,
      period: { start: c.dateMonthsAgo(40) },
      author: fraser.practitioner,
    } satisfies Flag,
    'Crisis line',
  );
  b.add(
    'nowak/crisis-plan',
    {
      resourceType: 'CarePlan',
      meta: ukCore('CarePlan', restricted),
      text: narrative(
        '<p><b>Crisis plan</b>. Call the care coordinator Alan FRASER on 01632 960411 (weekdays) or the crisis team on 01632 960499 (24 hours).</p>',
      ),
      status: 'active',
      intent: 'plan',
      category: [cc(SCT.mentalHealthCrisisPlan, 'Crisis plan')],
      title: 'Crisis and contingency plan',
      description: 'Agreed with Piotr at his care programme approach review. Relapses have followed missed clozapine doses and poor sleep.',
      subject: patient,
      period: { start: c.dateMonthsAgo(2) },
      created: c.monthsAgo(2, '14:00'),
      author: fraser.practitioner,
      addresses: [diagnosis],
      activity: [
        {
          detail: {
            status: 'in-progress',
            description:
              'Early warning signs: not sleeping, staying in his flat, believing neighbours are watching him, missing clozapine doses.',
          },
        },
        {
          detail: {
            status: 'in-progress',
            description:
              'What helps: a quiet space and a calm voice; his sister Anna; walking his dog; being reminded gently to take clozapine. Speaks Polish and English.',
          },
        },
        {
          detail: {
            status: 'in-progress',
            description: 'What does not help: being touched without warning, several people talking at once.',
          },
        },
        {
          detail: {
            status: 'in-progress',
            description:
              'Who to call: care coordinator Alan FRASER, 01632 960411 (Monday to Friday, 9am to 5pm); Crisis Resolution and Home Treatment Team, 01632 960499 (24 hours); sister Anna NOWAK, 07700 900335.',
          },
        },
        {
          detail: {
            status: 'in-progress',
            description:
              'If clozapine has been missed for more than 48 hours, do not restart at the full dose: contact the clozapine clinic or the on-call psychiatrist for re-titration.',
          },
        },
      ],
    } satisfies CarePlan,
    'Crisis plan',
  );
  for (const [i, days] of [84, 56, 28].entries()) {
    const at = c.daysAgo(days + 3, '10:00');
    const visit = b.add(
      `nowak/clozapine-clinic-${i + 1}`,
      encounter({
        patient,
        class: 'AMB',
        status: 'finished',
        type: cc(SCT.consultation, 'Clozapine clinic'),
        start: at,
        end: c.daysAgo(days + 3, '10:20'),
        participant: [fraser.practitioner],
        serviceProvider: w.dir['mental-health'].org,
        reason: textOnly('Clozapine monitoring'),
        restricted,
      }),
    );
    b.add(
      `nowak/neutrophils-${i + 1}`,
      observation({
        patient,
        category: 'laboratory',
        code: [LOINC.neutrophils],
        text: 'Neutrophil count',
        effective: at,
        issued: c.daysAgo(days + 2, '16:00'),
        value: qty(3.1 + i * 0.2, '10*9/L', '10*9/L'),
        referenceRange: { low: qty(2, '10*9/L', '10*9/L'), high: qty(7.5, '10*9/L', '10*9/L') },
        interpretation: 'N',
        encounter: visit,
        restricted,
      }),
    );
  }
  b.add(
    'nowak/cpa-review',
    documentReference({
      patient,
      type: [LOINC.progressNote],
      typeText: 'Care programme approach review',
      category: 'Letter',
      date: c.monthsAgo(2, '16:00'),
      author: [fraser.practitioner],
      custodian: w.dir['mental-health'].org,
      title: 'Care programme approach review',
      contentType: 'text/plain',
      restricted,
      content:
        'Piotr is settled on clozapine 300mg daily. Mental state stable, no risk concerns at present. Crisis plan reviewed and agreed. Next review in six months.\n\nAlan FRASER, Care coordinator',
    }),
  );
}
