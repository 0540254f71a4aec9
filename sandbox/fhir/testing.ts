// Test support: a real node:http server on 127.0.0.1 (port 0) hosting FhirSources,
// with a fake token verifier (a map of token → grant).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SOURCES, type SourceName } from '../config';
import type { AccessGrant } from '../auth/grant';
import { Faults } from '../faults';
import { FhirSource, fhirRequestHandler, type RefusalEvent, type ReleaseEvent } from './source-server';

export interface TestSandbox {
  origin: string;
  base(name: SourceName): string;
  source(name: SourceName): FhirSource;
  tokens: Map<string, AccessGrant>;
  faults: Faults;
  releases: ReleaseEvent[];
  refusals: RefusalEvent[];
  close(): Promise<void>;
}

export function smartConfigurationFor(origin: string): Record<string, unknown> {
  return {
    issuer: `${origin}/auth`,
    authorization_endpoint: `${origin}/auth/authorize`,
    token_endpoint: `${origin}/auth/token`,
    revocation_endpoint: `${origin}/auth/token/revocation`,
    capabilities: ['launch-ehr', 'permission-v2'],
    code_challenge_methods_supported: ['S256'],
  };
}

export async function startTestSandbox(names: readonly SourceName[]): Promise<TestSandbox> {
  const tokens = new Map<string, AccessGrant>();
  const faults = new Faults();
  const releases: ReleaseEvent[] = [];
  const refusals: RefusalEvent[] = [];
  // The sources need the port in their base URL, so they are routed to once the server listens.
  const routes: { handle?: (req: IncomingMessage, res: ServerResponse) => boolean } = {};
  const server: Server = createServer((req, res) => {
    if (!routes.handle?.(req, res)) {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sources = new Map<SourceName, FhirSource>();
  for (const name of names) {
    const organisation = SOURCES.find((s) => s.name === name);
    if (!organisation) throw new Error(`no source ${name}`);
    sources.set(
      name,
      new FhirSource({
        source: organisation,
        baseUrl: `${origin}/fhir/${name}`,
        smartConfiguration: () => smartConfigurationFor(origin),
        verifyToken: (token) => Promise.resolve(tokens.get(token)),
        faults,
        onRelease: (event) => releases.push(event),
        onRefusal: (event) => refusals.push(event),
      }),
    );
  }
  routes.handle = fhirRequestHandler(sources.values());
  return {
    origin,
    base: (name) => `${origin}/fhir/${name}`,
    source: (name) => {
      const source = sources.get(name);
      if (!source) throw new Error(`no source ${name}`);
      return source;
    },
    tokens,
    faults,
    releases,
    refusals,
    close: async () => {
      for (const source of sources.values()) source.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
