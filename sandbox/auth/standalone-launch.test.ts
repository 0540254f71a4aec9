// The standalone launch (standalone-launch.ts): the sandbox's sign-in page and
// patient picker, as a browser submits them.
import { describe, expect, it } from 'vitest';
import { authorizeRequest, Browser, exchangeCode, redirected, useSandbox } from './testing';

describe('SMART authorisation server', () => {
  const sandbox = useSandbox();

  describe('standalone launch', () => {
    it('signs the user in, lets them pick a patient, and returns that patient', async () => {
      const browser = new Browser();
      const request = authorizeRequest(sandbox, { scope: 'launch/patient openid fhirUser patient/*.rs', aud: sandbox.fhirBase('gp') });
      const login = await browser.run(request.url);
      expect(login).toMatchObject({ kind: 'page', status: 200 });
      const loginHtml = login.kind === 'page' ? login.html : '';
      expect(loginHtml).toContain('<legend>Sign in as</legend>');
      expect(loginHtml).toMatch(/<label for="user-0"><span class="value">Dr Sarah AHMED<\/span>/);
      expect(loginHtml).toContain('Paramedic, Coastal Ambulance Service NHS Trust (ZZ006)');

      const picker = await browser.submit(login, '/login', { user: 'tom.jones' });
      expect(picker).toMatchObject({ kind: 'page', status: 200 });
      const pickerHtml = picker.kind === 'page' ? picker.html : '';
      expect(pickerHtml).toContain('Signed in as <strong>Tom JONES</strong>');
      expect(pickerHtml).toContain('THOMPSON, Margaret (Mrs)');
      expect(pickerHtml).toContain('999 000 0018');
      expect(pickerHtml).toContain('02-Mar-1938');
      expect(pickerHtml).toContain('Riverside Medical Practice');
      expect(pickerHtml).toContain('&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;, Eve');
      expect(pickerHtml).not.toContain('<script');
      // Patient ids belong to one server: only the patients of the `aud` server are offered.
      expect(pickerHtml).not.toContain('UNKNOWN, Male');

      const refused = await browser.submit(picker, '/patient', { patient: 'gp/someone-else' });
      expect(refused).toMatchObject({ kind: 'page', status: 400 });
      expect(refused.kind === 'page' && refused.html).toContain('role="alert"');

      const returned = redirected(await browser.submit(refused, '/patient', { patient: 'gp/gp-thompson' }));
      expect(returned.get('state')).toBe(request.state);
      const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier);
      expect(tokens.status).toBe(200);
      expect(tokens.body).toMatchObject({
        patient: 'gp-thompson',
        need_patient_banner: true,
        fhirUser: `${sandbox.fhirBase('acute')}/Practitioner/prac-tom.jones`,
      });
      expect(tokens.body).not.toHaveProperty('refresh_token');
      expect(await sandbox.auth.verifyToken(String(tokens.body.access_token))).toMatchObject({
        userId: 'tom.jones',
        role: 'paramedic',
        patient: { source: 'gp', id: 'gp-thompson', nhsNumber: '9990000018' },
      });
    });

    it('asks who is signing in every time, and refuses a user it does not know', async () => {
      const browser = new Browser();
      const first = authorizeRequest(sandbox, { scope: 'launch/patient patient/*.rs' });
      const picker = await browser.submit(await browser.run(first.url), '/login', { user: 'mei.lee' });
      redirected(await browser.submit(picker, '/patient', { patient: 'gp/gp-thompson' }));

      const second = await browser.run(authorizeRequest(sandbox, { scope: 'launch/patient patient/*.rs' }).url);
      expect(second.kind === 'page' && second.html).toContain('Sign in as');
      const refused = await browser.submit(second, '/login', { user: 'mallory' });
      expect(refused).toMatchObject({ kind: 'page', status: 400 });
    });

    it('returns to the app with access_denied when the user cancels', async () => {
      const browser = new Browser();
      const request = authorizeRequest(sandbox, { scope: 'launch/patient patient/*.rs' });
      const returned = redirected(await browser.submit(await browser.run(request.url), '/cancel', {}));
      expect(returned.get('error')).toBe('access_denied');
      expect(returned.get('state')).toBe(request.state);
    });

    it('needs no patient for user-level scopes', async () => {
      const browser = new Browser();
      const request = authorizeRequest(sandbox, { scope: 'openid fhirUser user/*.rs' });
      const returned = redirected(await browser.submit(await browser.run(request.url), '/login', { user: 'priya.khan' }));
      const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier);
      expect(tokens.body).not.toHaveProperty('patient');
      expect(await sandbox.auth.verifyToken(String(tokens.body.access_token))).toMatchObject({ userId: 'priya.khan', patient: undefined });
    });

    it('shows an error page, not a stack trace, for an interaction it does not know', async () => {
      const response = await fetch(`${sandbox.issuer}/interaction/not-a-real-one`);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('This sign-in has expired');
      expect(html).not.toMatch(/node_modules|at .*\.js/);
    });
  });
});
