// The `/.well-known/smart-configuration` document (SMART App Launch 2): served
// by this server and by each FHIR base it protects.
import type Provider from 'oidc-provider';
import { SCOPES_SUPPORTED } from './smart-scopes';

export interface SmartConfiguration {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint: string;
  token_endpoint: string;
  revocation_endpoint: string;
  /** RFC 9126. */
  pushed_authorization_request_endpoint: string;
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  /** RFC 9449: tokens are bound to the client's key with these proof algorithms. */
  dpop_signing_alg_values_supported: string[];
  response_types_supported: string[];
  scopes_supported: string[];
  code_challenge_methods_supported: string[];
  capabilities: string[];
}

const CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'context-ehr-patient',
  'context-standalone-patient',
  'context-banner',
  'context-style',
  'permission-v1',
  'permission-v2',
  'permission-patient',
  'permission-user',
  'permission-offline',
  'permission-online',
  'sso-openid-connect',
];

export function smartConfiguration(issuer: string, provider: Provider): SmartConfiguration {
  return {
    issuer,
    jwks_uri: provider.urlFor('jwks'),
    authorization_endpoint: provider.urlFor('authorization'),
    token_endpoint: provider.urlFor('token'),
    revocation_endpoint: provider.urlFor('revocation'),
    pushed_authorization_request_endpoint: provider.urlFor('pushed_authorization_request'),
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none'],
    dpop_signing_alg_values_supported: ['ES256'],
    response_types_supported: ['code'],
    scopes_supported: SCOPES_SUPPORTED,
    code_challenge_methods_supported: ['S256'],
    capabilities: CAPABILITIES,
  };
}
