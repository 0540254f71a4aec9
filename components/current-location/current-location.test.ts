import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { thompson, thompsonPatient } from '../test-helpers/fixtures';
import { ACUTE, GP, SOURCES, failedEverywhere, loadingEverywhere, section, timedOut } from '../test-helpers/source-fixtures';
import { nowakHome, oakview, thompsonInpatient } from '../test-helpers/care-fixtures';
import './current-location';

afterEach(cleanup);

describe('<cr-current-location>', () => {
  test('THOMPSON: inpatient now, with ward, bed, since when and the hospital; where she usually lives below', async () => {
    const r = thompson();
    const el = await mount('cr-current-location', { location: r.location, sources: r.sources });
    const text = visibleText(el);
    expect(text).toContain(
      'Where the person is now Now Inpatient, Ward 7 (Elderly Care), bed 12, since 20-Nov-2026 Hospital Weald General Hospital NHS Trust Basis Hospital admission in progress Weald General Hospital NHS Trust · recorded 20-Nov-2026',
    );
    expect(text).toContain(
      'Usually lives In a care home, Oakview Care Home Address Oakview Care Home, 12 Station Road, Wealdham, TN12 7QZ Phone 01632 960700 Basis Residential care package: Oakview Care Home County Council Social Care',
    );
    expect(el.shadowRoot!.querySelector('a[href="tel:+441632960700"]')).not.toBeNull();
    await expectAccessible(el);
  });

  test('compact, beside the banner: one line', async () => {
    const r = thompson();
    const el = await mount('cr-current-location', { location: r.location, sources: r.sources, compact: true });
    expect(visibleText(el)).toBe('Where now Inpatient, Ward 7 (Elderly Care), bed 12, since 20-Nov-2026 Weald General Hospital NHS Trust');
    await expectAccessible(el);
  });

  test('no stay in progress and every source answered: an address alone is never "At home"', async () => {
    const el = await mount('cr-current-location', { location: section([nowakHome()]), sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Now Not Known No admission or care-home stay recorded in the sources checked.');
    expect(text).toContain('Address held Flat 4, 17 Mill Street, Chalkbury, ME16 8TT Riverside Medical Practice');
    expect(text).not.toContain('At home');
    await expectAccessible(el);
    const line = await mount('cr-current-location', { location: section([nowakHome()]), sources: SOURCES, compact: true });
    expect(visibleText(line)).toBe('Where now Not Known no admission or care-home stay recorded');
    const compact = await mount('cr-current-location', { location: section([oakview()]), sources: SOURCES, compact: true });
    expect(visibleText(compact)).toBe('Where now In a care home, Oakview Care Home');
    const careHome = await mount('cr-current-location', { location: section([oakview()]), sources: SOURCES });
    expect(visibleText(careHome)).toContain('Now In a care home, Oakview Care Home No hospital stay or A&E attendance in progress');
  });

  test('a death recorded by any source: "Died <date>", with the sources that disagree, and never "At home"', async () => {
    const patient = section([
      { ...thompsonPatient, deceased: { date: '2026-11-01' } },
      { ...thompsonPatient, provenance: { ...thompsonPatient.provenance, source: ACUTE } },
    ]);
    const el = await mount('cr-current-location', { location: section([nowakHome()]), patient, sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Now Died 01-Nov-2026');
    expect(text).toContain('Conflict: Weald General Hospital NHS Trust does not record a death');
    expect(text).not.toContain('At home');
    await expectAccessible(el);
    const line = await mount('cr-current-location', { location: section([thompsonInpatient()]), patient, sources: SOURCES, compact: true });
    expect(visibleText(line)).toBe('Where now Died 01-Nov-2026');
    // Nothing in the location section at all: still "Died".
    const empty = await mount('cr-current-location', { location: section([]), patient, sources: SOURCES });
    expect(visibleText(empty)).toContain('Now Died 01-Nov-2026');
    await expectAccessible(empty);
  });

  test('never guesses: a source that failed or is still loading leaves "Not Known", with why', async () => {
    const partial = await mount('cr-current-location', { location: section([nowakHome()], { acute: timedOut(ACUTE) }), sources: SOURCES });
    const text = visibleText(partial);
    expect(text).toContain('Now Not Known Some sources could not be loaded, so a hospital stay or A&E attendance cannot be ruled out.');
    expect(text).toContain('Address held Flat 4');
    expect(text).toContain('Weald General Hospital NHS Trust: No answer within 10 seconds');
    expect(text).not.toContain('Now At home');
    await expectAccessible(partial);

    const stillLoading = await mount('cr-current-location', { location: section([nowakHome()], { acute: 'loading' }), sources: SOURCES });
    expect(visibleText(stillLoading)).toContain('Now Not Known Some sources have not answered yet');
    await expectAccessible(stillLoading);

    const compact = await mount('cr-current-location', {
      location: section([nowakHome()], { acute: timedOut(ACUTE) }),
      sources: SOURCES,
      compact: true,
    });
    expect(visibleText(compact)).toBe('Where now Not Known some sources could not be loaded or have not answered');
  });

  test('a stay found shows even while another source fails; two stays in progress show as a conflict', async () => {
    const ae = {
      ...thompsonInpatient(),
      kind: 'emergency' as const,
      place: 'Emergency Department (A&E)',
      bed: undefined,
      since: '2026-11-22T09:40:00Z',
      provenance: { ...thompsonInpatient().provenance, source: GP },
    };
    const el = await mount('cr-current-location', {
      location: section([thompsonInpatient(), ae], { community: timedOut(SOURCES[2]!) }),
      sources: SOURCES,
    });
    const text = visibleText(el);
    expect(text).toContain('Now Inpatient, Ward 7 (Elderly Care), bed 12, since 20-Nov-2026');
    expect(text).toContain(
      'Conflict: also recorded as in progress: In A&E, Emergency Department (A&E), since 22-Nov-2026 09:40 (Riverside Medical Practice)',
    );
    await expectAccessible(el);
  });

  test('loading, empty (Not Known, never a blank) and failed', async () => {
    const loading = await mount('cr-current-location', { location: section([], loadingEverywhere()), sources: SOURCES });
    expect(visibleText(loading)).toContain('Loading from');
    await expectAccessible(loading);
    const loadingLine = await mount('cr-current-location', { location: undefined, sources: SOURCES, compact: true });
    expect(visibleText(loadingLine)).toBe('Where now Loading');

    const empty = await mount('cr-current-location', { location: section([]), sources: SOURCES });
    expect(visibleText(empty)).toContain('Not Known: no hospital stay, A&E attendance or address recorded.');
    expect(visibleText(empty)).not.toContain('None recorded');
    await expectAccessible(empty);

    const failed = await mount('cr-current-location', { location: section([], failedEverywhere()), sources: SOURCES });
    expect(visibleText(failed)).toContain('Could not be loaded');
    await expectAccessible(failed);
    const failedLine = await mount('cr-current-location', { location: section([], failedEverywhere()), sources: SOURCES, compact: true });
    expect(visibleText(failedLine)).toBe('Where now Not Known some sources could not be loaded or have not answered');
  });
});
