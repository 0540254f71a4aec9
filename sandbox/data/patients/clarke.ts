// CLARKE, Edward (Mr), 999 000 0077: died three weeks ago at home; the usual
// history before that (problems, medicines ended at death, results, visits).
import type { CarePlan } from '@medplum/fhirtypes';
import { cc, condition, encounter, observation, phone, qty, textOnly, ukCore } from '../builders';
import type { Address } from '../directory';
import { scenarioPatient } from '../patients';
import { LOINC, SCT } from '../terminology';
import { addPatient, addRepeat, issueDays, staff, type World } from '../world';

const P = scenarioPatient('clarke');
const ADDRESS: Address = { lines: ['The Old Forge', 'Forge Lane'], city: 'Wealdham', postalCode: 'TN12 9DX' };

export function addClarke(w: World): void {
  const b = w.b.gp;
  const c = w.clock;
  b.group();
  const died = c.daysAgo(21, '04:30');
  const patient = addPatient(w, 'gp', P, {
    birthDate: '1940-10-03',
    address: ADDRESS,
    telecom: [phone('01632 960877', 'home')],
    deceased: died,
  });
  const ahmed = staff(w, 'gp', 'ahmed');
  const wilson = staff(w, 'gp', 'wilson');
  b.add(
    'clarke/prostate-cancer',
    condition({
      patient,
      code: SCT.prostateCancer,
      clinicalStatus: 'active',
      onset: c.yearsAgo(4),
      recorder: wilson.practitioner,
      note: 'Metastatic to bone.',
    }),
  );
  b.add(
    'clarke/hypertension',
    condition({ patient, code: SCT.essentialHypertension, clinicalStatus: 'active', onset: c.yearsAgo(20), recorder: wilson.practitioner }),
  );
  b.add(
    'clarke/pneumonia',
    condition({
      patient,
      code: SCT.pneumonia,
      clinicalStatus: 'resolved',
      onset: c.yearsAgo(2),
      abatement: c.dateMonthsAgo(23),
      recorder: ahmed.practitioner,
    }),
  );
  const repeat = {
    patient,
    requester: ahmed.practitioner,
    supplyDays: 28,
    repeats: 6,
    status: 'completed' as const,
    ended: died,
    statusReason: 'Patient died',
  };
  addRepeat(w, 'gp', 'clarke/tamsulosin', {
    ...repeat,
    medicine: 'tamsulosin400',
    quantity: { value: 28, unit: 'capsule' },
    started: c.yearsAgo(5),
    dose: { text: 'One capsule once daily', value: 1, unit: 'capsule', frequency: 1, route: 'oral' },
    issuesDaysAgo: issueDays(5, 30),
  });
  addRepeat(w, 'gp', 'clarke/paracetamol', {
    ...repeat,
    medicine: 'paracetamol500',
    quantity: { value: 100, unit: 'tablet' },
    started: c.yearsAgo(2),
    dose: { text: 'Two tablets four times a day', value: 2, unit: 'tablet', frequency: 4, route: 'oral' },
    issuesDaysAgo: issueDays(5, 30),
  });
  b.group();
  for (const [i, days] of [60, 35, 24].entries()) {
    b.add(
      `clarke/home-visit-${i + 1}`,
      encounter({
        patient,
        class: 'HH',
        status: 'finished',
        type: cc(SCT.homeVisit),
        start: c.daysAgo(days, '12:30'),
        end: c.daysAgo(days, '13:00'),
        participant: [ahmed.practitioner],
        serviceProvider: w.dir.gp.org,
        reason: textOnly(i === 2 ? 'Deteriorating: end of life care' : 'Pain review'),
      }),
    );
  }
  b.add(
    'clarke/verification-of-death',
    encounter({
      patient,
      class: 'HH',
      status: 'finished',
      type: cc(SCT.homeVisit, 'Verification of death'),
      start: c.daysAgo(21, '08:15'),
      end: c.daysAgo(21, '08:45'),
      participant: [ahmed.practitioner],
      serviceProvider: w.dir.gp.org,
      reason: textOnly('Verification of expected death at home'),
    }),
  );
  b.add(
    'clarke/weight',
    observation({
      patient,
      category: 'vital-signs',
      code: [LOINC.bodyWeight, SCT.bodyWeight],
      effective: c.daysAgo(60, '12:40'),
      value: qty(61.2, 'kg'),
      performer: [ahmed.practitioner],
    }),
  );
  b.add('clarke/eol-plan', {
    resourceType: 'CarePlan',
    meta: ukCore('CarePlan'),
    status: 'completed',
    intent: 'plan',
    category: [cc(SCT.endOfLifeCarePlan, 'End of life care plan')],
    title: 'End of life care plan',
    subject: patient,
    period: { start: c.dateDaysAgo(60), end: died.slice(0, 10) },
    author: ahmed.practitioner,
    activity: [{ detail: { status: 'completed', description: 'Preferred place of death: home. Died at home, as he wished.' } }],
  } satisfies CarePlan);
}
