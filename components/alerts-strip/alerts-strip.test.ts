import { afterEach, describe, expect, test } from 'vitest';
import type { CareRecord } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQueryAll, mount, visibleText } from '../test-helpers/render';
import { loadingRecord, patel, thompson } from '../test-helpers/fixtures';
import { ACUTE, COMMUNITY, GP, SOCIAL_CARE, SOURCES, failedEverywhere, prov, section, timedOut } from '../test-helpers/source-fixtures';
import { amoxicillinAndPenicillin } from '../test-helpers/coded-fixtures';
import './alerts-strip';

afterEach(cleanup);

const strip = (r: CareRecord) =>
  mount('cr-alerts-strip', {
    advanceDecisions: r.advanceDecisions,
    flags: r.flags,
    allergies: r.allergies,
    sources: r.sources,
  });

describe('<cr-alerts-strip>', () => {
  test('shows the ReSPECT recommendation as recorded, with date, author and source', async () => {
    const el = await strip(thompson());
    const text = visibleText(el);
    expect(text).toContain('ReSPECT form Not for CPR Treatment focus Prioritise comfort');
    expect(text).toContain('Date 22-Jul-2026 Author Dr S AHMED');
    expect(text).toContain('Riverside Medical Practice · recorded 22-Jul-2026 · by Dr S AHMED');
    expect(text).not.toContain('No ReSPECT');
    await expectAccessible(el);
  });

  test("the whole ReSPECT decision: treatment focus (comfort ↔ life-sustaining), ceilings of care as written, the person's priority", async () => {
    const el = await strip(thompson());
    const text = visibleText(el);
    expect(text).toContain(
      'Treatment focus Prioritise comfort ● Comfort Life-sustaining Focus on symptom control and comfort rather than treatments to extend life. ' +
        'Not for intensive care: Not for admission to intensive care, intubation or ventilation. ' +
        'Hospital admission only if comfort cannot be achieved: Treat at Oakview Care Home; admit to hospital only if her comfort cannot be achieved there. ' +
        'Not for CPR: CPR attempts are NOT recommended. ' +
        "The person's priority 90 on the ReSPECT scale (0 sustaining life, 100 comfort): “To be comfortable at Oakview Care Home with Helen.”",
    );
    const scale = deepQueryAll(el, '[role="img"]')[0]!;
    expect(scale.getAttribute('aria-label')).toBe('Treatment focus towards comfort, not life-sustaining treatment');
    // A focus the form does not give reads Not Known, never a guess.
    const record = thompson();
    record.advanceDecisions.items[0]!.plan = { ...record.advanceDecisions.items[0]!.plan!, focus: undefined, personPriority: undefined };
    const unfocused = await strip(record);
    expect(visibleText(unfocused)).toContain('Treatment focus Not Known Not for intensive care');
    await expectAccessible(el);
    await expectAccessible(unfocused);
  });

  test('an active end-of-life plan is marked beside the decision, with its key instructions and a call link', async () => {
    const record = thompson();
    const plan = record.carePlans.items.find((p) => p.kind === 'end-of-life')!;
    plan.activities.push({
      description: 'Anticipatory ("just in case") medicines kept at the care home: morphine, midazolam.',
      performers: [],
    });
    const el = await mount('cr-alerts-strip', { ...record, sources: record.sources });
    const text = visibleText(el);
    expect(text).toContain('End of life care plan active since 22-Jul-2026 (Riverside Medical Practice)');
    expect(text).toContain('Preferred place of death Oakview Care Home');
    expect(text).toContain('Just-in-case medicines Anticipatory ("just in case") medicines kept at the care home: morphine, midazolam.');
    expect(text).toContain('Whom to call Contact Helen Thompson');
    expect(deepQueryAll<HTMLAnchorElement>(el, '[part="end-of-life"] a[href="tel:+447700900123"]')).toHaveLength(1);
    expect(deepQueryAll<HTMLAnchorElement>(el, '[part="end-of-life"] a[href="#view=care-plans"]')).toHaveLength(1);
    await expectAccessible(el);
    // No active plan: no marker (a completed one is history, not an instruction).
    plan.status = 'completed';
    const ended = await mount('cr-alerts-strip', { ...record, carePlans: { ...record.carePlans }, sources: record.sources });
    expect(deepQueryAll(ended, '[part="end-of-life"]')).toHaveLength(0);
  });

  test('no decision: names the sources checked, never implies "for CPR"', async () => {
    const el = await strip(patel());
    const text = visibleText(el);
    expect(text).toContain(
      'No ReSPECT or DNACPR decision found in: Riverside Medical Practice, Weald General Hospital NHS Trust, Downs Community Health NHS Trust',
    );
    expect(text).not.toMatch(/for CPR|for resuscitation/i);
    await expectAccessible(el);
  });

  test('no decision while a source failed: only the sources that answered count as checked', async () => {
    const r = patel();
    r.advanceDecisions = section([], { acute: timedOut(ACUTE) }, [], [GP, ACUTE, COMMUNITY]);
    const el = await strip(r);
    const text = visibleText(el);
    expect(text).toContain('No ReSPECT or DNACPR decision found in: Riverside Medical Practice, Downs Community Health NHS Trust');
    expect(text).toContain('Some sources could not be loaded');
    expect(text).toContain('Weald General Hospital NHS Trust: No answer within 10 seconds (tried 22-Nov-2026 14:02)');
    const decisions = deepQueryAll(el, 'cr-record-section')[0]!;
    expect(visibleText(decisions)).not.toContain('None recorded');
    await expectAccessible(el);
  });

  test('a superseded decision is not shown as current', async () => {
    const r = thompson();
    r.advanceDecisions = section([{ ...r.advanceDecisions.items[0]!, status: 'superseded' }]);
    const el = await strip(r);
    expect(visibleText(el)).toContain('No current ReSPECT or DNACPR decision found in');
    expect(visibleText(el)).not.toContain('Not for CPR');
    expect(visibleText(el)).toContain('Superseded decisions (1)');
  });

  test('flags say what they are and why they are shown', async () => {
    const r = thompson();
    r.flags = section([
      {
        category: 'safeguarding',
        text: 'Subject of child protection plan',
        why: 'Active safeguarding flag recorded by County Council Social Care',
        since: '2026-06-15',
        provenance: prov(SOCIAL_CARE, 'Flag/cpp', '2026-06-15', 'Priya KHAN'),
      },
    ]);
    const el = await strip(r);
    const text = visibleText(el);
    expect(text).toContain('Safeguarding Subject of child protection plan');
    expect(text).toContain('Why shown Active safeguarding flag recorded by County Council Social Care');
    expect(text).toContain('Since 15-Jun-2026');
    expect(text).toContain('County Council Social Care · recorded 15-Jun-2026 · by Priya KHAN');
    await expectAccessible(el);
  });

  test('allergies with reactions, severity, criticality, conflicts and statuses', async () => {
    const el = await strip(thompson());
    const text = visibleText(el);
    expect(text).toContain('Penicillin Anaphylaxis (severe); Urticaria (moderate) · High criticality');
    expect(text).toContain('Conflict: Reaction differs');
    expect(text).toContain(
      'Allergies recorded (Riverside Medical Practice, Weald General Hospital NHS Trust); not recorded (Downs Community Health NHS Trust, North Downs Mental Health NHS Trust, County Council Social Care)',
    );
  });

  test('allergies most dangerous first, high criticality marked, amoxicillin named as a penicillin', async () => {
    const el = await strip({ ...patel(), allergies: amoxicillinAndPenicillin() });
    const items = deepQueryAll(el, '[part~="allergy"]');
    expect(items.map((i) => visibleText(i).split(' Weald')[0]?.split(' Riverside')[0])).toEqual([
      'Penicillin Anaphylaxis (severe) · High criticality',
      'Amoxicillin (a penicillin) Rash (mild) · Low criticality',
    ]);
    expect(items[0]?.classList.contains('high')).toBe(true);
    expect(items[1]?.classList.contains('high')).toBe(false);
    await expectAccessible(el);
  });

  test('allergy statuses when none are recorded', async () => {
    const el = await strip(patel());
    expect(visibleText(el)).toContain(
      'No known drug allergies (Riverside Medical Practice); not recorded (Weald General Hospital NHS Trust, Downs Community Health NHS Trust)',
    );
  });

  test('loading and failed states are worded differently', async () => {
    const loading = await strip(loadingRecord());
    expect(visibleText(loading)).toContain('Loading from Riverside Medical Practice');
    expect(visibleText(loading)).not.toContain('No ReSPECT');
    await expectAccessible(loading);
    cleanup();

    const r = loadingRecord();
    r.advanceDecisions = section([], failedEverywhere());
    r.flags = section([], failedEverywhere());
    r.allergies = {
      ...section([], failedEverywhere()),
      statuses: SOURCES.map((s) => ({ kind: 'could-not-load' as const, source: s, problem: timedOut(s) })),
    };
    const failed = await strip(r);
    const text = visibleText(failed);
    expect(text.match(/Could not be loaded/g)?.length).toBe(3);
    expect(text).not.toContain('No ReSPECT');
    expect(text).not.toContain('None recorded');
    await expectAccessible(failed);
  });

  test('calm: nothing animates', async () => {
    const el = await strip(thompson());
    for (const node of deepQueryAll(el, '*')) {
      const s = getComputedStyle(node);
      if (s.display === '') continue; // not in the flat tree (an unassigned slot's content): not rendered
      expect(s.animationName, node.tagName).toBe('none');
      expect(s.transitionDuration, node.tagName).toMatch(/^0s(, 0s)*$/);
    }
  });
});

describe('<cr-alerts-strip>: a safeguarding flag with the plan behind it', () => {
  test('OKAFOR: the instruction and the out-of-hours number from the plan, and three A&E attendances summed up', async () => {
    const record = thompson();
    const child = { ...record.patient.items[0]!, birthDate: '2020-05-01' };
    const flag = {
      category: 'safeguarding' as const,
      text: 'Subject of a child protection plan (category: neglect). Allocated social worker: Joanne REID, 01632 960521.',
      why: 'Active safeguarding flag recorded by County Council Social Care',
      since: '2026-06-22',
      plan: {
        title: 'Child protection plan',
        instructions: ['Any injury or A&E attendance is reported to the allocated social worker the same day.'],
        contacts: ['Social worker: Joanne REID, 01632 960521 (out of hours: 01632 960599).'],
        provenance: prov(SOCIAL_CARE, 'CarePlan/cpp', '2026-06-22'),
      },
      provenance: prov(SOCIAL_CARE, 'Flag/f', '2026-06-22'),
    };
    const attendance = record.timeline.items.find((e) => e.kind === 'ae')!;
    const recent = (days: number, title: string) => ({
      ...attendance,
      key: title,
      title,
      date: new Date(Date.now() - days * 86_400_000).toISOString(),
    });
    const el = await mount('cr-alerts-strip', {
      ...record,
      flags: section([flag]),
      patient: section([child]),
      timeline: section([recent(3, 'Fracture of the right forearm'), recent(20, 'Scald'), recent(50, 'Head injury')]),
      sources: record.sources,
    });
    const text = visibleText(el);
    expect(text).toMatch(
      /Repeated A&E attendance 3 A&E attendances in the last 8 weeks \(\d{2}-[A-Z][a-z]{2}-\d{4} Fracture of the right forearm; .* Scald; .* Head injury\)/,
    );
    expect(text).toContain(
      'From the child protection plan (County Council Social Care) Any injury or A&E attendance is reported to the allocated social worker the same day.',
    );
    expect(deepQueryAll<HTMLAnchorElement>(el, '[part="flag-plan"] a').map((a) => a.getAttribute('href'))).toEqual([
      'tel:+441632960521',
      'tel:+441632960599',
    ]);
    await expectAccessible(el);
  });
});
