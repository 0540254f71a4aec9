// The sandbox's users as its servers know them: by id (an oidc-provider
// account id, a launch's user, a signed-in reader of the audit log), as the
// authorisation server's oidc-provider accounts, and by their `fhirUser`, the
// URL of their Practitioner resource.
import type { Account } from 'oidc-provider';
import { USERS, type SandboxUser } from '../config';
import { userDisplayName } from './pages';

/** A user's `fhirUser`, when it is known. */
export type FhirUserOf = (user: SandboxUser) => Promise<string | undefined>;

export function userById(id: unknown): SandboxUser | undefined {
  return typeof id === 'string' ? USERS.find((user) => user.id === id) : undefined;
}

/** A user the sandbox's own configuration names (a host system's signed-in user): one missing is a mistake there. */
export function requiredUser(id: string): SandboxUser {
  const user = userById(id);
  if (!user) throw new Error(`No sandbox user "${id}" in USERS (config.ts)`);
  return user;
}

/**
 * Practitioners get server-assigned ids when the synthetic data loads, so a
 * user's `fhirUser` is asked for when first needed, and then remembered.
 */
export function rememberedFhirUsers(resolve: FhirUserOf | undefined): FhirUserOf {
  const known = new Map<string, string>();
  return async (user) => {
    const remembered = known.get(user.id);
    if (remembered !== undefined || !resolve) return remembered;
    const resolved = await resolve(user);
    if (resolved) known.set(user.id, resolved);
    return resolved;
  };
}

export function account(user: SandboxUser, fhirUserOf: FhirUserOf): Account {
  return {
    accountId: user.id,
    // oidc-provider keeps only the claims of the scopes granted (fhirUser, profile).
    claims: async () => profileClaims(user, await fhirUserOf(user)),
  };
}

/** A user's OpenID Connect claims, at the authorisation server and the identity provider alike. */
export function profileClaims(user: SandboxUser, fhirUser: string | undefined) {
  return {
    sub: user.id,
    name: userDisplayName(user),
    given_name: user.given,
    family_name: user.family,
    ...(fhirUser ? { fhirUser } : {}),
  };
}
