import { afterEach, describe, expect, test, vi } from 'vitest';
import { createDpopKeys, dpopKeyOf } from '../src/sources/dpop';
import { exchangeCodeWithProof } from './token-binding';
import { bodyOf } from '../src/sources/test-helpers/fake-fetch';

const TOKEN_URI = 'https://auth.example/token';
const STATE = 'state-key-1';

function storeState(extra: Record<string, unknown> = {}): void {
  sessionStorage.setItem(
    STATE,
    JSON.stringify({
      clientId: 'care-record-viewer',
      redirectUri: 'https://viewer.example/index.html',
      tokenUri: TOKEN_URI,
      codeVerifier: 'verifier',
      ...extra,
    }),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('exchangeCodeWithProof', () => {
  test('says when its request has left, before the answer, then stores the bound token where fhirclient finds it', async () => {
    storeState();
    const key = await dpopKeyOf(await createDpopKeys());
    let answer!: (response: Response) => void;
    const fetched = vi.spyOn(globalThis, 'fetch').mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const onSent = vi.fn();
    const exchange = exchangeCodeWithProof(key, `?code=abc&state=${STATE}`, onSent);
    await vi.waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(fetched).toHaveBeenCalledTimes(1);
    const [url, init] = fetched.mock.calls[0]!;
    expect(url).toBe(TOKEN_URI);
    expect(new Headers(init?.headers).get('DPoP')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(bodyOf(init)).toContain('code=abc');
    answer(new Response(JSON.stringify({ access_token: 'bound', token_type: 'DPoP', expires_in: 300 }), { status: 200 }));
    await exchange;
    expect(JSON.parse(sessionStorage.getItem(STATE) ?? '{}')).toMatchObject({ tokenResponse: { access_token: 'bound' } });
  });

  test('with nothing to exchange (a reload: the token is there already) sends nothing and says nothing was sent', async () => {
    storeState({ tokenResponse: { access_token: 'already' } });
    const key = await dpopKeyOf(await createDpopKeys());
    const fetched = vi.spyOn(globalThis, 'fetch');
    const onSent = vi.fn();
    await exchangeCodeWithProof(key, `?code=abc&state=${STATE}`, onSent);
    expect(fetched).not.toHaveBeenCalled();
    expect(onSent).not.toHaveBeenCalled();
  });

  test("a refusal is worded as fhirclient words it: the server's error code, else the HTTP status", async () => {
    const key = await dpopKeyOf(await createDpopKeys());
    const refused = (status: number, body: unknown) => {
      storeState();
      vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(new Response(JSON.stringify(body), { status }));
      return exchangeCodeWithProof(key, `?code=abc&state=${STATE}`);
    };
    await expect(refused(400, { error: 'invalid_grant' })).rejects.toThrow('Failed to obtain access token. (invalid_grant)');
    // An error that is not a code (malformed) is not shown as "[object Object]".
    await expect(refused(400, { error: { code: 'invalid_grant' } })).rejects.toThrow('Failed to obtain access token. (400)');
    await expect(refused(502, 'Bad Gateway')).rejects.toThrow('Failed to obtain access token. (502)');
  });
});
