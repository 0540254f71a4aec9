// Which sources a record load asks, and which of them launched the viewer.
// The launching server is always one of them: with no sources configured it
// is the only one, so the viewer works against any SMART server.

import { normaliseBaseUrl, SOURCE_DEFAULTS, type SourceConfig } from './source-config';
import type { SourceRef } from '../record/model';

export interface ResolvedSource {
  config: SourceConfig;
  ref: SourceRef;
  /** The server that launched the viewer: its patient id is given, not searched for. */
  launching: boolean;
}

export const LAUNCHING_SERVER_NAME = 'launching-server';

/**
 * The configured sources in their order, the one whose base URL is the issuer
 * marked as launching; an issuer that is not a configured source is added first.
 */
export function resolveSources(configured: readonly SourceConfig[], issuer: string): ResolvedSource[] {
  const iss = normaliseBaseUrl(issuer);
  const resolved = configured.map((config) => toResolved(config, normaliseBaseUrl(config.fhirBaseUrl) === iss));
  if (resolved.some((s) => s.launching)) return resolved;
  return [toResolved(launchingServer(iss, configured), true), ...resolved];
}

function launchingServer(issuer: string, configured: readonly SourceConfig[]): SourceConfig {
  const taken = new Set(configured.map((s) => s.name));
  let name = LAUNCHING_SERVER_NAME;
  for (let i = 2; taken.has(name); i++) name = `${LAUNCHING_SERVER_NAME}-${i}`;
  const host = URL.canParse(issuer) ? new URL(issuer).host : issuer;
  return {
    name,
    organisation: `The launching system (${host})`,
    fhirBaseUrl: issuer,
    auth: 'launch-token',
    ...SOURCE_DEFAULTS,
  };
}

function toResolved(config: SourceConfig, launching: boolean): ResolvedSource {
  const ref: SourceRef = { name: config.name, organisation: config.organisation };
  if (config.odsCode) ref.odsCode = config.odsCode;
  return { config, ref, launching };
}
