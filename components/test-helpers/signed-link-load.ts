// What a test of a <care-record> that loads its own record needs: Gwen Evans,
// found by NHS number, and a signed-link launch for her. (The FHIR answers:
// `fhirJson` in fake-fetch.ts, `bundle` in fake-fhir.ts.)

import type { Patient } from '@medplum/fhirtypes';
import type { LaunchContext } from '../../src/launch-context/launch-context';

export const EVANS: Patient = {
  resourceType: 'Patient',
  id: 'evans',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000050' }],
  name: [{ family: 'Evans', given: ['Gwen'], prefix: ['Mrs'] }],
  birthDate: '1952-03-04',
};

/** A signed-link launch for Gwen Evans at `issuer`, by Sarah Ahmed in `role`, whose token is `token`. */
export function evansLaunch(issuer: string, { role = 'gp', token = 'token' }: { role?: string; token?: string } = {}): LaunchContext {
  return {
    mode: 'signed-link',
    issuer,
    identity: { nhsNumber: '9990000050', birthDate: '1952-03-04' },
    nhsNumber: '9990000050',
    user: { sub: 'sarah.ahmed', name: 'Sarah AHMED', role, organisation: 'ZZ001' },
    needPatientBanner: true,
    getAccessToken: () => Promise.resolve(token),
  };
}
