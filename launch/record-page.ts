// What the record page shows once a launch has completed, whatever the mode:
// <care-record> in place of the launch status. A chunk of its own, which the
// page asks for once the token is here, so that the record's code compiles
// while the first FHIR requests are out (the launch page has already put it
// in the cache).

import type { ViewerConfig } from '../src/launch-context/config';
import type { LaunchContext } from '../src/launch-context/launch-context';
import '../components/care-record/care-record';

export function showRecord(launchContext: LaunchContext, config: ViewerConfig): HTMLElement {
  const record = document.createElement('care-record');
  // Properties, not attributes: the context holds a function and the config is structured.
  Object.assign(record, { launchContext, config });
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren(record);
  root.removeAttribute('aria-busy');
  return record;
}
