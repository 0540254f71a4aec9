// HUGHES, Robert (Mr), 999 000 0069, born 1945: consistent at gp and acute.
// Social care holds the same NHS number for HUGHES, Roberta (Mrs), born 1954,
// with a home care package: a different person, whose record must not be merged.
import type { CarePlan } from '@medplum/fhirtypes';
import { cc, condition, encounter, episodeOfCare, narrative, phone, textOnly, ukCore } from '../builders';
import type { Address } from '../directory';
import { scenarioPatient } from '../patients';
import { SCT } from '../terminology';
import { addPatient, addRepeat, addVitalSigns, issueDays, location, staff, type World } from '../world';

const P = scenarioPatient('hughes');
const ADDRESS: Address = { lines: ['31 Church Road'], city: 'Chalkbury', postalCode: 'ME15 7RB' };
const DEMOGRAPHICS = { birthDate: '1945-07-14', address: ADDRESS, telecom: [phone('01632 960869', 'home')] };

export function addHughes(w: World): void {
  gp(w);
  acute(w);
  socialCare(w);
}

function gp(w: World): void {
  const c = w.clock;
  w.b.gp.group();
  const patient = addPatient(w, 'gp', P, DEMOGRAPHICS);
  const wilson = staff(w, 'gp', 'wilson');
  w.b.gp.add(
    'hughes/t2dm',
    condition({ patient, code: SCT.type2Diabetes, clinicalStatus: 'active', onset: c.yearsAgo(12), recorder: wilson.practitioner }),
  );
  w.b.gp.add(
    'hughes/copd',
    condition({ patient, code: SCT.copd, clinicalStatus: 'active', onset: c.yearsAgo(8), recorder: wilson.practitioner }),
  );
  const repeat = { patient, requester: wilson.practitioner, supplyDays: 28, repeats: 6 };
  addRepeat(w, 'gp', 'hughes/metformin', {
    ...repeat,
    medicine: 'metformin500',
    quantity: { value: 56, unit: 'tablet' },
    started: c.yearsAgo(12),
    dose: { text: 'One tablet twice a day with meals', value: 1, unit: 'tablet', frequency: 2, route: 'oral' },
    issuesDaysAgo: issueDays(4, 6),
  });
  addRepeat(w, 'gp', 'hughes/salbutamol', {
    ...repeat,
    medicine: 'salbutamolInhaler',
    quantity: { value: 200, unit: 'dose' },
    started: c.yearsAgo(8),
    dose: { text: 'Two puffs when required', value: 2, unit: 'puff', asNeeded: 'When required for breathlessness', route: 'inhaled' },
    issuesDaysAgo: issueDays(2, 30, 60),
  });
}

function acute(w: World): void {
  const c = w.clock;
  w.b.acute.group();
  const patient = addPatient(w, 'acute', P, DEMOGRAPHICS);
  const chowdhury = staff(w, 'acute', 'chowdhury');
  const visit = w.b.acute.add(
    'hughes/respiratory-clinic',
    encounter({
      patient,
      class: 'AMB',
      status: 'finished',
      type: cc(SCT.consultation, 'Respiratory outpatient appointment'),
      start: c.monthsAgo(6, '11:00'),
      end: c.monthsAgo(6, '11:30'),
      participant: [chowdhury.practitioner],
      serviceProvider: w.dir.acute.org,
      reason: cc(SCT.copd),
      locations: [{ location: location(w, 'acute', 'outpatients'), status: 'completed' }],
    }),
  );
  addVitalSigns(
    w,
    'acute',
    'hughes/vitals',
    patient,
    c.monthsAgo(6, '11:05'),
    { heartRate: 84, respiratoryRate: 20, spo2: 93, systolic: 142, diastolic: 80 },
    { encounter: visit, performer: chowdhury.practitioner },
  );
}

/** Social care's record with Robert's NHS number: Roberta, born 1954. */
function socialCare(w: World): void {
  const b = w.b['social-care'];
  const c = w.clock;
  const other = P.identityConflict;
  if (!other) throw new Error('HUGHES needs the identity conflict');
  b.group();
  const patient = addPatient(w, 'social-care', P, {
    birthDate: other.birthDate,
    address: { lines: ['Flat 2', "5 Queen's Road"], city: 'Chalkbury', postalCode: 'ME16 0JD' },
    telecom: [phone('01632 960896', 'home')],
    identity: { given: other.given, prefix: other.prefix, gender: other.gender, localId: other.localId },
  });
  const khan = staff(w, 'social-care', 'khan');
  const since = c.dateMonthsAgo(9);
  b.add(
    'hughes/episode',
    episodeOfCare({
      patient,
      status: 'active',
      type: 'Adult social care: long-term support',
      managingOrganization: w.dir['social-care'].org,
      start: since,
      careManager: khan.practitioner,
    }),
  );
  b.add(
    'hughes/care-package',
    {
      resourceType: 'CarePlan',
      meta: ukCore('CarePlan'),
      text: narrative('<p><b>Home care package</b>: two visits a day for personal care.</p>'),
      status: 'active',
      intent: 'plan',
      category: [cc(SCT.personalisedCareAndSupportPlan, 'Social care package')],
      title: 'Home care package: two visits a day',
      description:
        'Domiciliary care after a stroke: help with washing, dressing and meals, morning and evening, from Kentish Home Care Ltd.',
      subject: patient,
      period: { start: since },
      author: khan.practitioner,
      activity: [
        {
          detail: {
            kind: 'ServiceRequest',
            code: textOnly('Domiciliary care'),
            status: 'in-progress',
            scheduledString: '08:00 and 18:00 daily, 45 minutes',
            performer: [{ display: 'Kentish Home Care Ltd' }],
            description: 'Personal care, meals and medicines prompts, twice daily.',
          },
        },
        { detail: { status: 'in-progress', description: 'Key safe at the front door; code held by the provider.' } },
      ],
    } satisfies CarePlan,
    'Home care package',
  );
}
