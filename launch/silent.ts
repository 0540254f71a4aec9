// silent.html: the hidden iframe's landing page for silent session checks. It
// hands the answer (in its address) to the viewer page that opened it, on this
// origin only, and does nothing else.

import { UserManager } from 'oidc-client-ts';

const manager = new UserManager({ authority: location.origin, client_id: 'care-record-viewer', redirect_uri: location.href });
void manager.signinSilentCallback(location.href);
