// The host simulators' link-signing keys (ES256, P-256). SANDBOX ONLY: these
// private keys are published in this repository, so a link signed with them
// proves nothing outside the sandbox. They are fixed (not made at start) so the
// viewer can pin each host's public key in its configuration, as it would pin a
// real host system's. `unknown` signs the "unknown issuer" demonstration links:
// no configuration pins it.
import type { JWK } from 'jose';

export type HostKeyName = 'gp' | 'hospital' | 'mental-health' | 'paramedic' | 'unknown';

interface HostKey {
  kid: string;
  privateJwk: JWK;
}

const KEYS: Readonly<Record<HostKeyName, HostKey>> = {
  gp: {
    kid: 'sandbox-gp-2025',
    privateJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: '_vdDr8CIdqb_rJrX-HyHSGB-P2iJEBDvgcZKPjaWMw4',
      y: 'vRAmnX-cR-gGG9ASO5p_q38mgJEYgX2dVf6kPyhNAsg',
      d: 'cAEwChje8CJUfIgBeuowPHYD3ogAFjpVLw5Nfmhu23w',
    },
  },
  hospital: {
    kid: 'sandbox-hospital-2025',
    privateJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: '1Q580UByDBY1zAJIm_lCu7CYVhT2IKb2LO7aLpmfdIc',
      y: 'tF2ZASOomVUT3Jq9ddWrcDw2yCxyoNLWcV8pjVD1RLw',
      d: 'ubHdfTnftN7rD3MiQyQ_MJOryks3pllgtsTeVbXKJP0',
    },
  },
  'mental-health': {
    kid: 'sandbox-mental-health-2025',
    privateJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'sMS6BOlwU8mAcyumADSNLqRwtv81BbVfRUXe-tQxEtw',
      y: 'KNDQ2zoCYkPjXSTf3gLc6_FRiR_vqKCCCzqOVp09f7s',
      d: 'E9vnl6iwHcAmwQSnYi4RxIfo22JlZysm89qmUbGQNE0',
    },
  },
  paramedic: {
    kid: 'sandbox-paramedic-2025',
    privateJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'ctONDxZo5ekrCf5VcyWUYv0U32EV-2LzX_m2Q-sKd7Q',
      y: 'rNF1u9pWneJBXQCq5GtzYcf8sU1XQEzDTNvI_krGiSM',
      d: 'BCgJ3rGIup-YF1aJKVigL4MDSWlgUbTFzW46vxHEDxQ',
    },
  },
  unknown: {
    kid: 'sandbox-unpinned-2025',
    privateJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: '4DvTRpFxGPjYivHU6-380SjhRWkL5P8KNG7f4IdaaTM',
      y: 'f5iUuLa63mPPAXf9QtdqSjWbHCIi4jUEBOlyjbFlkws',
      d: 'v66_C6bWZscvVPwfBjAJBB8wqTCrbV2T26Ejt87ZAdM',
    },
  },
};

export const LINK_ALG = 'ES256';

/** The private JWK a host signs its links with (kid and alg set). */
export function hostPrivateJwk(name: HostKeyName): JWK {
  const { kid, privateJwk } = KEYS[name];
  return { ...privateJwk, kid, alg: LINK_ALG };
}

/** The host's public JWKS, as served at /hosts/<host>/jwks.json and pinned by the viewer. */
export function hostJwks(name: HostKeyName): { keys: JWK[] } {
  const { kid, privateJwk } = KEYS[name];
  const { kty, crv, x, y } = privateJwk;
  return { keys: [{ kty, crv, x, y, kid, alg: LINK_ALG, use: 'sig' }] };
}

/** The link issuer a host is: its simulator's URL. */
export function hostIssuer(sandboxOrigin: string, host: Exclude<HostKeyName, 'unknown'>): string {
  return `${sandboxOrigin}/hosts/${host}`;
}

export const LINK_HOSTS: readonly Exclude<HostKeyName, 'unknown'>[] = ['gp', 'hospital', 'mental-health', 'paramedic'];
