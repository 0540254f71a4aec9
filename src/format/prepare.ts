// The first Intl formatter a renderer makes for a locale and a time zone loads
// ICU's data for them: 50-130 ms on a slow PC (measured in Chromium on two
// shared cores), the same again for every new renderer. The viewer's own
// formatters are made when first needed (dates.ts, quantity.ts); this makes
// them early, while the page waits for the network: the record page, once the
// alerts' FHIR requests have left. (Made by
// the launch page as it left for the authorisation server, they held its
// renderer as the record page arrived, delaying the code exchange.)

import { ukClock } from './dates';
import { formatNumber } from './quantity';

export function prepareFormatting(): void {
  ukClock(new Date(0));
  formatNumber(0.5);
}
