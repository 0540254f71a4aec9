// UNKNOWN, Male (hospital number ACU-7731): brought to A&E with no
// identification. Acute only, no NHS number, an attendance in progress.
import { cc, condition, encounter, narrative, textOnly } from '../builders';
import { plusMinutes } from '../dates';
import { scenarioPatient } from '../patients';
import { SCT } from '../terminology';
import { addPatient, addVitalSigns, location, staff, type World } from '../world';

const P = scenarioPatient('unknown');

export function addUnknown(w: World): void {
  const b = w.b.acute;
  const c = w.clock;
  b.group();
  // About 40: the hospital records an estimated year of birth only.
  const year = new Date(c.midnight).getUTCFullYear() - 40;
  const patient = addPatient(w, 'acute', P, { birthDate: String(year), registered: false, temporaryName: true });
  const osei = staff(w, 'acute', 'osei');
  const jones = staff(w, 'acute', 'jones');
  const arrived = c.minutesAgo(95);
  const collapse = b.add(
    'unknown/working-diagnosis',
    condition({
      patient,
      code: textOnly('Collapse, cause not yet known'),
      clinicalStatus: 'active',
      verificationStatus: 'provisional',
      category: 'encounter-diagnosis',
      onset: arrived,
      recorder: osei.practitioner,
    }),
  );
  const ae = b.add(
    'unknown/attendance',
    encounter({
      patient,
      class: 'EMER',
      status: 'in-progress',
      type: cc(SCT.emergencyDepartmentVisit),
      start: arrived,
      reason: textOnly('Found collapsed in the street; no identification; brought in by ambulance'),
      diagnosis: [collapse],
      participant: [osei.practitioner, jones.practitioner],
      serviceProvider: w.dir.acute.org,
      locations: [{ location: location(w, 'acute', 'ae'), status: 'active', physicalType: 'wi' }],
      text: narrative('<p>Unidentified man, about 40, in <b>A&amp;E now</b>. No NHS number: only the hospital number ACU-7731.</p>'),
    }),
  );
  addVitalSigns(
    w,
    'acute',
    'unknown/vitals-1',
    patient,
    plusMinutes(arrived, 5),
    { heartRate: 118, respiratoryRate: 24, systolic: 96, diastolic: 58, spo2: 92, temperature: 35.4, gcs: 11 },
    { encounter: ae, performer: jones.practitioner },
  );
  addVitalSigns(
    w,
    'acute',
    'unknown/vitals-2',
    patient,
    plusMinutes(arrived, 50),
    { heartRate: 104, respiratoryRate: 20, systolic: 108, diastolic: 66, spo2: 96, temperature: 36.1, gcs: 13 },
    { encounter: ae, performer: osei.practitioner },
  );
}
