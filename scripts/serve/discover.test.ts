import { describe, expect, it } from 'vitest';
import { discover, DiscoveryError } from './discover';
import { fetchAnswering } from '../../src/sources/test-helpers/fake-fetch';

/** By URL: the JSON to answer with, or (a number) the status to answer with. */
type Answers = Record<string, unknown>;

/** A fetch answering JSON for the listed URLs, the listed status for numbers, and refusing to connect otherwise. */
function fakeFetch(answers: Answers): typeof fetch {
  return fetchAnswering((url) => {
    if (!(url in answers)) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    const answer = answers[url];
    return typeof answer === 'number' ? new Response('', { status: answer }) : Response.json(answer);
  });
}

const smart = { authorization_endpoint: 'https://auth.example/authorize', token_endpoint: 'https://auth.example/token' };

describe('discover', () => {
  it("reads each issuer's SMART configuration and the identity provider's OpenID configuration", async () => {
    const found = await discover(
      { issuers: ['https://fhir.example/a', 'https://fhir.example/b'], identityProvider: { issuer: 'https://idp.example', clientId: 'v' } },
      fakeFetch({
        'https://fhir.example/a/.well-known/smart-configuration': smart,
        'https://fhir.example/b/.well-known/smart-configuration': {
          ...smart,
          pushed_authorization_request_endpoint: 'https://auth.example/par',
        },
        'https://idp.example/.well-known/openid-configuration': {
          authorization_endpoint: 'https://idp.example/auth',
          token_endpoint: 'https://idp.example/token',
          userinfo_endpoint: 'https://idp.example/me',
        },
      }),
    );
    expect(found).toEqual({
      smart: [
        {
          issuer: 'https://fhir.example/a',
          server: { authorizationEndpoint: 'https://auth.example/authorize', tokenEndpoint: 'https://auth.example/token' },
        },
        {
          issuer: 'https://fhir.example/b',
          server: {
            authorizationEndpoint: 'https://auth.example/authorize',
            tokenEndpoint: 'https://auth.example/token',
            parEndpoint: 'https://auth.example/par',
          },
        },
      ],
      identityProvider: { authorizationEndpoint: 'https://idp.example/auth', tokenEndpoint: 'https://idp.example/token' },
    });
  });

  it("falls back to the CapabilityStatement's oauth-uris, as fhirclient does", async () => {
    const statement = {
      resourceType: 'CapabilityStatement',
      rest: [
        {
          security: {
            extension: [
              {
                url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
                extension: [
                  { url: 'authorize', valueUri: 'https://old.example/auth' },
                  { url: 'token', valueUri: 'https://old.example/token' },
                ],
              },
            ],
          },
        },
      ],
    };
    const found = await discover(
      { issuers: ['https://old.example/fhir'] },
      fakeFetch({
        'https://old.example/fhir/.well-known/smart-configuration': 404,
        'https://old.example/fhir/metadata': statement,
      }),
    );
    expect(found.smart[0]?.server).toEqual({
      authorizationEndpoint: 'https://old.example/auth',
      tokenEndpoint: 'https://old.example/token',
    });
  });

  it('names every server it could not read, and why', async () => {
    const failure = discover(
      {
        issuers: ['https://a.example/fhir', 'https://b.example/fhir', 'https://c.example/fhir'],
        identityProvider: { issuer: 'https://idp.example', clientId: 'v' },
      },
      fakeFetch({
        'https://a.example/fhir/.well-known/smart-configuration': smart,
        'https://b.example/fhir/.well-known/smart-configuration': { authorization_endpoint: 'https://b.example/auth' },
        'https://b.example/fhir/metadata': 500,
        'https://idp.example/.well-known/openid-configuration': 503,
      }),
    );
    await expect(failure).rejects.toBeInstanceOf(DiscoveryError);
    const message = await failure.catch((e: Error) => e.message);
    expect(message).not.toContain('https://a.example');
    expect(message).toContain(
      'https://b.example/fhir: https://b.example/fhir/.well-known/smart-configuration has no usable token_endpoint',
    );
    expect(message).toContain('https://c.example/fhir: could not be reached (fetch failed: connect ECONNREFUSED)');
    expect(message).toContain('https://idp.example (identity provider): https://idp.example/.well-known/openid-configuration answered 503');
  });
});
