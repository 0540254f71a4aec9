import { afterEach, describe, expect, test } from 'vitest';
import { launchError, type LaunchErrorCode } from '../src/launch-context/launch-errors';
import { expectAccessible } from '../components/test-helpers/axe';
import { showLaunchError } from './error-page';
import './page.css';

const CODES: LaunchErrorCode[] = [
  'config',
  'unknown-issuer',
  'missing-issuer',
  'bad-launch-link',
  'bad-state',
  'no-session',
  'access-denied',
  'authorisation-failed',
  'token-failed',
  'server-unreachable',
  'pkce-unsupported',
  'no-patient',
  'unexpected',
  'no-link',
  'link-malformed',
  'link-tampered',
  'link-wrong-audience',
  'link-expired',
  'link-not-yet-valid',
  'link-too-long-lived',
  'link-replayed',
  'login-required',
  'user-mismatch',
  'patient-not-found',
];

function appRoot(): HTMLElement {
  const main = document.createElement('main');
  main.id = 'app';
  main.setAttribute('aria-busy', 'true');
  main.textContent = 'Opening the care record…';
  document.body.append(main);
  return main;
}

afterEach(() => document.body.replaceChildren());

describe('showLaunchError', () => {
  test.each(CODES)('shows "%s" accessibly, with the heading focused', async (code) => {
    const root = appRoot();
    showLaunchError(launchError(code, code === 'config' ? ['issuers must be a non-empty list.'] : []), root);
    const error = launchError(code);
    expect(root.querySelector('h1')?.textContent).toBe(error.title);
    expect(document.activeElement).toBe(root.querySelector('h1'));
    expect(root.textContent).toContain(error.action);
    expect(root.hasAttribute('aria-busy')).toBe(false);
    expect(document.title).toBe(`${error.title} - Care record`);
    await expectAccessible(root);
  });

  test('shows details as text, never as HTML', () => {
    const root = appRoot();
    showLaunchError(launchError('unknown-issuer', ['System address: <img src=x onerror="window.hacked=1">']), root);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('li')?.textContent).toBe('System address: <img src=x onerror="window.hacked=1">');
  });
});
