// Fetch fakes for tests. fetch takes its URL as a string, a URL or a Request,
// and a body of several kinds; String() of a Request or a Blob reads
// "[object ...]", not what was sent.

/** The URL a fetch was called with, in whichever form it was given. */
export function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** The body a fetch was sent, as text ('' for none). The viewer sends strings (JSON) and forms, nothing else. */
export function bodyOf(init: RequestInit | undefined): string {
  const body = init?.body;
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('a fake fetch reads string and form bodies only');
}

/** A FHIR JSON answer, as a server gives it. */
export function fhirJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/fhir+json' } });
}

/**
 * A fetch that answers at once with what `respond` returns for the URL (as
 * text) and the request; whatever `respond` throws rejects the fetch, as a
 * network failure does.
 */
export function fetchAnswering(respond: (url: string, init: RequestInit | undefined) => Response): typeof fetch {
  return (input, init) => new Promise((resolve) => resolve(respond(urlOf(input), init)));
}

/**
 * The batch-response a server gives for the batch Bundle posted with `init`:
 * each entry answered with what `answer` returns for its URL (the resource,
 * and its status, 200 unless given).
 */
export function batchResponseTo(
  init: RequestInit | undefined,
  answer: (url: string) => readonly [resource: unknown, status?: number],
): unknown {
  const batch = JSON.parse(bodyOf(init)) as { entry: { request: { url: string } }[] };
  const entry = batch.entry.map(({ request }) => {
    const [resource, status = 200] = answer(request.url);
    return { resource, response: { status: String(status) } };
  });
  return { resourceType: 'Bundle', type: 'batch-response', entry };
}
