import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { NHS_NUMBER_SYSTEM, USERS } from '../config';
import { requiredUser } from './users';
import { displayDate, loginPage, nhsNumberOf, noUserChosenPage, patientDisplayName, patientPickerPage, userDescription } from './pages';

describe('sign-in pages', () => {
  it('names patients and dates the NHS way', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9990000018' }],
      name: [
        { use: 'usual', given: ['Maggie'], family: 'Thompson' },
        { use: 'official', family: 'Thompson', given: ['Margaret', 'Ann'], prefix: ['Mrs'] },
      ],
    };
    expect(patientDisplayName(patient)).toBe('THOMPSON, Margaret Ann (Mrs)');
    expect(patientDisplayName({ resourceType: 'Patient' })).toBe('Not Known');
    expect(nhsNumberOf(patient)).toBe('9990000018');
    expect(displayDate('1945-07-14')).toBe('14-Jul-1945');
    expect(displayDate('1945-07')).toBe('Jul-1945');
    expect(displayDate(undefined)).toBe('Not Known');
  });

  it('describes users by role and organisation', () => {
    expect(userDescription(requiredUser('tom.jones'))).toBe('Paramedic, Coastal Ambulance Service NHS Trust (ZZ006)');
  });

  it('labels every choice and escapes what it shows', () => {
    const login = loginPage({ action: '/auth/interaction/a"b/login', cancelAction: '/c', clientName: '<App>', users: USERS });
    expect(login).toContain('action="/auth/interaction/a&quot;b/login"');
    expect(login).toContain('<strong>&lt;App&gt;</strong>');
    expect(login.match(/<input type="radio"/g)).toHaveLength(USERS.length);
    expect(login.match(/<label for="user-\d+">/g)).toHaveLength(USERS.length);

    const again = noUserChosenPage('/idp/interaction/x');
    expect(again).toContain('action="/idp/interaction/x/login"');
    expect(again).toContain('<div class="error" role="alert"><p>Choose who you are signing in as</p></div>');

    const picker = patientPickerPage({
      action: '/p',
      cancelAction: '/c',
      user: USERS[0]!,
      error: 'Choose <one>',
      patients: [{ source: 'gp', patient: { resourceType: 'Patient', id: 'x"><img src=x>', name: [{ family: '<b>Bad</b>' }] } }],
    });
    expect(picker).not.toContain('<img');
    expect(picker).not.toContain('<b>');
    expect(picker).toContain('value="gp/x&quot;&gt;&lt;img src=x&gt;"');
    expect(picker).toContain('<div class="error" role="alert"><p>Choose &lt;one&gt;</p></div>');
  });
});
