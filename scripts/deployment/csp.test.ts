import { describe, expect, it } from 'vitest';
import { allows, effective, parsePolicy } from './csp';

const self = 'https://viewer.example.nhs.uk/index.html';

describe('parsePolicy', () => {
  it('reads directives by name; the first of a repeated directive counts', () => {
    const policy = parsePolicy("default-src 'none'; Script-Src 'self';  ; script-src *; object-src blob:");
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(effective(policy, 'connect-src')).toEqual(["'none'"]);
    expect(effective(policy, 'object-src')).toEqual(['blob:']);
  });
});

describe('allows', () => {
  it('matches a path without a trailing slash exactly, and one with it by prefix', () => {
    expect(allows(['https://fhir.example/r4'], 'https://fhir.example/r4', self)).toBe(true);
    expect(allows(['https://fhir.example/r4'], 'https://fhir.example/r4/Patient', self)).toBe(false);
    expect(allows(['https://fhir.example/r4/'], 'https://fhir.example/r4/Patient?identifier=x', self)).toBe(true);
    expect(allows(['https://fhir.example/r4/'], 'https://fhir.example/r40/Patient', self)).toBe(false);
    expect(allows(['https://fhir.example'], 'https://fhir.example/anything', self)).toBe(true);
    expect(allows(['HTTPS://FHIR.example/AuditEvent'], 'https://fhir.example/AuditEvent', self)).toBe(true);
    expect(allows(['https://fhir.example/AuditEvent'], 'https://fhir.example/auditevent', self)).toBe(false);
  });

  it('matches scheme, host and port exactly unless a wildcard says otherwise', () => {
    expect(allows(['https://fhir.example'], 'https://evil.example/', self)).toBe(false);
    expect(allows(['https://fhir.example'], 'https://fhir.example:8443/', self)).toBe(false);
    expect(allows(['https://*.example'], 'https://fhir.example/', self)).toBe(true);
    expect(allows(['http://127.0.0.1:8080/fhir/'], 'http://127.0.0.1:8080/fhir/gp', self)).toBe(true);
    expect(allows(['http://127.0.0.1:8080/fhir/'], 'http://127.0.0.1:8081/fhir/gp', self)).toBe(false);
    expect(allows(['http://fhir.example'], 'https://fhir.example/', self)).toBe(true);
    expect(allows(['https://fhir.example'], 'http://fhir.example/', self)).toBe(false);
  });

  it("understands 'self', schemes, * and 'none'", () => {
    expect(allows(["'self'"], 'https://viewer.example.nhs.uk/config.json', self)).toBe(true);
    expect(allows(["'self'"], 'https://other.example.nhs.uk/config.json', self)).toBe(false);
    expect(allows(['https:'], 'https://anything.example/', self)).toBe(true);
    expect(allows(['*'], 'https://anything.example/', self)).toBe(true);
    expect(allows(["'none'"], 'https://viewer.example.nhs.uk/', self)).toBe(false);
    expect(allows(['blob:'], 'https://viewer.example.nhs.uk/', self)).toBe(false);
  });
});
