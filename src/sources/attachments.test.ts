import { describe, expect, it } from 'vitest';
import { createAttachmentFetcher } from './attachments';
import type { SourceConfig } from './source-config';
import { failure } from './test-helpers/fake-fhir';
import { urlOf } from './test-helpers/fake-fetch';

const ACUTE: SourceConfig = {
  name: 'acute',
  organisation: 'Weald General Hospital NHS Trust',
  fhirBaseUrl: 'http://fhir.test/fhir/acute',
  auth: 'launch-token',
  timeoutMs: 1000,
  pageCap: 2000,
};
const OPEN: SourceConfig = { ...ACUTE, name: 'open', organisation: 'Open Server', fhirBaseUrl: 'http://open.test/fhir', auth: 'none' };
const ref = (c: SourceConfig) => ({ name: c.name, organisation: c.organisation });

interface Call {
  url: string;
  headers: Record<string, string>;
}

function fakeFetch(answer: (url: string) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({ url: urlOf(input), headers: { ...(init?.headers as Record<string, string>) } });
    if (init?.signal?.aborted) throw init.signal.reason;
    return answer(urlOf(input));
  };
  return { fetch, calls };
}

function fetcher(fetch: typeof globalThis.fetch) {
  return createAttachmentFetcher({
    sources: [ACUTE, OPEN],
    issuer: ACUTE.fhirBaseUrl,
    getAccessToken: () => Promise.resolve('tok-1'),
    fetch,
  });
}

describe('createAttachmentFetcher', () => {
  it('fetches a relative URL from the source with its token and returns the content', async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    const fake = fakeFetch(() => new Response(pdf, { headers: { 'Content-Type': 'application/pdf' } }));
    const blob = await fetcher(fake.fetch)({ source: ref(ACUTE), url: 'Binary/letter-1', contentType: 'application/pdf' });
    expect(fake.calls).toEqual([
      {
        url: 'http://fhir.test/fhir/acute/Binary/letter-1',
        headers: { Accept: 'application/pdf, application/fhir+json;q=0.5', Authorization: 'Bearer tok-1' },
      },
    ]);
    expect(blob.type).toBe('application/pdf');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(pdf);
  });

  it('reads a FHIR Binary answered instead of raw content', async () => {
    const binary = { resourceType: 'Binary', contentType: 'text/plain', data: btoa('Clinic letter') };
    const fake = fakeFetch(() => Response.json(binary, { headers: { 'Content-Type': 'application/fhir+json' } }));
    const blob = await fetcher(fake.fetch)({ source: ref(ACUTE), url: 'http://fhir.test/fhir/acute/Binary/2', contentType: 'text/plain' });
    expect(blob.type).toBe('text/plain');
    expect(await blob.text()).toBe('Clinic letter');
  });

  it('never sends the token elsewhere: another origin, or another scheme, is refused without a request', async () => {
    const fake = fakeFetch(() => new Response('x'));
    const fetch = fetcher(fake.fetch);
    const elsewhere = await failure(fetch({ source: ref(ACUTE), url: 'https://evil.example/letter.pdf' }));
    expect(elsewhere.message).toBe('the document is held outside Weald General Hospital NHS Trust and cannot be opened here');
    await failure(fetch({ source: ref(ACUTE), url: 'javascript:alert(1)' }));
    await failure(fetch({ source: { name: 'unknown', organisation: 'Somewhere' }, url: 'Binary/1' }));
    expect(fake.calls).toEqual([]);
  });

  it('sends no token to an open source', async () => {
    const fake = fakeFetch(() => new Response('text', { headers: { 'Content-Type': 'text/plain' } }));
    await fetcher(fake.fetch)({ source: ref(OPEN), url: 'Binary/1' });
    expect(fake.calls[0]?.headers).toEqual({ Accept: '*/*' });
  });

  it('reports refusals, errors and cancellation in words that can be shown', async () => {
    const refused = fakeFetch(() => new Response('', { status: 403 }));
    expect((await failure(fetcher(refused.fetch)({ source: ref(ACUTE), url: 'Binary/1' }))).message).toBe('access refused (403)');
    const notBinary = fakeFetch(() =>
      Response.json({ resourceType: 'OperationOutcome' }, { headers: { 'Content-Type': 'application/fhir+json' } }),
    );
    expect((await failure(fetcher(notBinary.fetch)({ source: ref(ACUTE), url: 'Binary/1', contentType: 'application/pdf' }))).message).toBe(
      'the server answered with something that is not a document',
    );
    const abort = new AbortController();
    abort.abort();
    const cancelled = await failure(
      fetcher(fakeFetch(() => new Response('')).fetch)({ source: ref(ACUTE), url: 'Binary/1', signal: abort.signal }),
    );
    expect(cancelled.kind).toBe('cancelled');
  });
});
