import type { AuditEvent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { NHS_NUMBER_SYSTEM } from '../config';
import { authAuditEvent, releaseAuditEvent } from './audit-event';
import { privacyPage } from './privacy-page';
import { AuditStore, auditEventProblems } from './store';

const at = (iso: string): AuditEvent =>
  authAuditEvent({
    kind: 'launch',
    launch: 'link',
    at: iso,
    clientId: 'care-record-viewer',
    userId: 'alan.fraser',
    patient: { source: 'gp', id: 'x', nhsNumber: '9990000034' },
    linkIssuer: 'http://127.0.0.1:8080/hosts/mental-health',
  });

describe('audit store', () => {
  it('keeps the shape FHIR R4 requires and no more', () => {
    expect(auditEventProblems(at('2025-11-22T10:00:00Z'))).toEqual([]);
    expect(auditEventProblems([])).toEqual(['the body is not a JSON object']);
    expect(auditEventProblems({ resourceType: 'AuditEvent' })).toEqual([
      'type must be a Coding with a code',
      'recorded must be an instant with a time zone',
      'agent must list at least one agent',
      'source.observer is required',
    ]);
    expect(auditEventProblems({ ...at('2025-11-22T10:00:00Z'), outcome: '1', action: 'X', agent: [{}] })).toEqual([
      'action must be C, R, U, D or E',
      'outcome must be 0, 4, 8 or 12',
      'each agent needs requestor (true or false)',
    ]);
  });

  it("lists a patient's events newest first, by NHS number with or without spaces", () => {
    const store = new AuditStore();
    store.add(at('2025-11-22T10:00:00Z'));
    store.add(at('2025-11-22T11:00:00Z'));
    store.add({ ...at('2025-11-22T12:00:00Z'), entity: [{ what: { identifier: { system: NHS_NUMBER_SYSTEM, value: '9990000018' } } }] });
    const listed = store.list('999 000 0034');
    expect(listed.map((e) => e.recorded)).toEqual(['2025-11-22T11:00:00Z', '2025-11-22T10:00:00Z']);
    expect(listed[0]!.id).toEqual(expect.any(String));
    expect(store.list()).toHaveLength(3);
    // A retried event (same id) is kept once.
    expect(store.add({ ...at('2025-11-22T13:00:00Z'), id: 'viewer-1' }).created).toBe(true);
    expect(store.add({ ...at('2025-11-22T13:00:00Z'), id: 'viewer-1' })).toMatchObject({ created: false, stored: { id: 'viewer-1' } });
    expect(store.list()).toHaveLength(4);
  });
});

describe("privacy officer's page", () => {
  it('says who, what, why and the outcome, escaping everything an event brings', () => {
    const release = releaseAuditEvent({
      at: '2025-07-14T23:59:01Z',
      source: 'mental-health',
      clientId: 'care-record-viewer',
      userId: 'sarah.ahmed',
      role: 'gp',
      patient: { source: 'gp', id: 'x', nhsNumber: '9990000034' },
      purposeOfUse: 'BTG',
      breakGlass: { reason: 'clinical-safety', text: 'Suspected <overdose>', startedAt: 0, expiresAt: 1 },
      interaction: 'search',
      request: 'GET /MedicationRequest?patient=x',
      resourceTypes: { MedicationRequest: 1 },
      count: 1,
    });
    const hostile: AuditEvent = {
      resourceType: 'AuditEvent',
      type: { code: '<b>' },
      recorded: '2025-07-14T10:00:00Z',
      outcome: '4',
      outcomeDesc: '"><img src=x>',
      agent: [{ requestor: true, who: { display: '<script>alert(1)</script>' } }],
      source: { observer: {} },
      entity: [{ what: { identifier: { system: NHS_NUMBER_SYSTEM, value: '9990000034' } } }, { what: { display: '<i>gp</i>' } }],
    };
    const html = privacyPage('999 000 0034', [release, hostile]);
    expect(html).toContain('<caption>Accesses to the record of NHS number 999 000 0034: 2 events</caption>');
    expect(html).toContain('<time datetime="2025-07-14T23:59:01Z">');
    expect(html).toContain('15-Jul-2025 00:59:01');
    expect(html).toContain('Dr Sarah AHMED');
    expect(html).toContain('GP (S8000:G8000:R8000)');
    expect(html).toContain('Riverside Medical Practice (ZZ001)');
    expect(html).toContain('<span class="tag">Break-glass</span>');
    expect(html).toContain('Immediate clinical safety risk: Suspected &lt;overdose&gt;');
    expect(html).toContain('North Downs Mental Health NHS Trust (mental-health): MedicationRequest ×1');
    expect(html).not.toMatch(/<script>|<img|<i>|<b>/);
    expect(html).toContain('Role not recorded');
    expect(privacyPage('123', [])).toContain('role="alert"');

    // The viewer's break-glass events carry `reason: words` in one detail.
    const viewer: AuditEvent = {
      ...hostile,
      outcome: '0',
      purposeOfEvent: [{ coding: [{ code: 'BTG' }] }],
      entity: [
        {
          what: { identifier: { system: NHS_NUMBER_SYSTEM, value: '9990000034' } },
          detail: [{ type: 'break-glass-reason', valueString: 'safeguarding: Bruising seen' }],
        },
      ],
    };
    expect(privacyPage('9990000034', [viewer])).toContain('Safeguarding concern: Bruising seen');
  });
});
