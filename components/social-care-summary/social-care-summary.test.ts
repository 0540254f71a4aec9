import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { thompson } from '../test-helpers/fixtures';
import { SOCIAL_CARE, SOURCES, section, timedOut } from '../test-helpers/source-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import { crisisPlan, okaforSocialCare } from '../test-helpers/care-fixtures';
import './social-care-summary';

afterEach(cleanup);

describe('<cr-social-care-summary>', () => {
  test('OKAFOR: safeguarding, the child protection plan and its category, the open case and the allocated social worker', async () => {
    const el = await mount('cr-social-care-summary', { socialCare: section(okaforSocialCare()), sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain(
      'Safeguarding Subject of a child protection plan (category: neglect). Allocated social worker: Joanne REID, 01632 960521',
    );
    expect(text).toContain('Active safeguarding flag recorded by County Council Social Care since 22-Jun-2026');
    expect(text).toContain('Child protection Child protection plan Active Category of abuse Neglect Period Since 22-Jun-2026');
    expect(text).toContain(
      "Cases Children's social care: child protection Open Period Since 22-Jun-2026 Allocated worker Joanne REID Organisation County Council Social Care",
    );
    expect(text).toContain(
      "Social care contacts Joanne REID Allocated social worker · Social worker (children's services) Organisation County Council Social Care",
    );
    expect(text).toContain('Phone 01632 960521 Mobile 07700 900521');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a.more')!;
    expect(link.getAttribute('href')).toBe('#view=care-plans');
    expect(link.textContent).toContain('Full plan in Care plans');
    expect(el.shadowRoot!.querySelectorAll('a[href="tel:+441632960521"]').length).toBe(2);
    await expectAccessible(el);
  });

  test('THOMPSON: the residential care package with provider and place, the case, the social worker and the provider', async () => {
    const r = thompson();
    const el = await mount('cr-social-care-summary', {
      socialCare: r.socialCare,
      sources: r.sources,
      plansHref: '#view=care-plans&from=social',
    });
    const text = visibleText(el);
    expect(text).toContain(
      'Care packages and plans Residential care package: Oakview Care Home Active Category Social care package Period Since 22-Sep-2025 Service Long-term residential care Schedule 24-hour residential care, long term Provider Oakview Care Home Place Oakview Care Home',
    );
    expect(text).toContain('Allocated worker Priya KHAN');
    expect(text).toContain('Oakview Care Home Care provider');
    expect(el.shadowRoot!.querySelector('a.more')!.getAttribute('href')).toBe('#view=care-plans&from=social');
    await expectAccessible(el);
  });

  test('restricted items are labelled', async () => {
    const restricted = {
      kind: 'plan' as const,
      plan: {
        ...crisisPlan(),
        kind: 'care-package' as const,
        title: 'Supported living',
        provenance: { ...crisisPlan().provenance, source: SOCIAL_CARE },
      },
    };
    const el = await mount('cr-social-care-summary', { socialCare: section([restricted]), sources: SOURCES });
    expect(visibleText(el)).toContain('Supported living Active Restricted');
    await expectAccessible(el);
  });

  test('partial, loading, empty and failed', async () => {
    const partial = await mount('cr-social-care-summary', {
      socialCare: section(okaforSocialCare(), { 'social-care': timedOut(SOCIAL_CARE) }),
      sources: SOURCES,
    });
    expect(visibleText(partial)).toContain('Some sources could not be loaded');
    expect(visibleText(partial)).toContain('Child protection plan');
    await expectAccessible(partial);
    await expectLoadingEmptyFailed((socialCare) => mount('cr-social-care-summary', { socialCare, sources: SOURCES }), {
      loading: 'Social care Loading from',
      empty: 'Social care None recorded',
    });
  });
});
