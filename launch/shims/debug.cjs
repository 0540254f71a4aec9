// Stand-in for `debug`, fhirclient's logger (vite.config.ts). The real
// module's set-up reads localStorage, and a page's first read of it holds the
// launch page and the record page for 10-20 ms each on the way to the first
// FHIR request, for logging that is off unless a developer turns it on.
// CommonJS, as fhirclient requires it.
'use strict';

function createDebug(namespace) {
  const log = () => undefined;
  log.namespace = namespace;
  log.enabled = false;
  log.extend = (sub, delimiter = ':') => createDebug(`${namespace}${delimiter}${sub}`);
  return log;
}
createDebug.enable = () => undefined;
createDebug.disable = () => '';
createDebug.enabled = () => false;

module.exports = createDebug;
