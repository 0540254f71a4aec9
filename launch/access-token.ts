import type Client from 'fhirclient/lib/Client';

/** The access token, refreshed first when it expires within seconds (fhirclient shares one refresh between callers). */
export async function currentAccessToken(client: Client): Promise<string> {
  await client.refreshIfNeeded();
  const token: unknown = client.getState('tokenResponse.access_token');
  if (typeof token !== 'string' || token === '') throw new Error('The session has ended.');
  return token;
}
