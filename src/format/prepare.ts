// The first Intl formatter a renderer makes for a locale and a time zone loads
// ICU's data for them: 50-130 ms on a slow PC (measured in Chromium on two
// shared cores), the same again for every new renderer. The viewer's own
// formatters are made when first needed (dates.ts, quantity.ts); this makes
// them early, while a page waits for the network: the launch page as it
// leaves for the authorisation server (the record page then comes up in the
// same renderer) and the record page while its code is exchanged for a token.
// Then the record's first screen does not pay for it before its first request.

import { ukClock } from './dates';
import { formatNumber } from './quantity';

export function prepareFormatting(): void {
  ukClock(new Date(0));
  formatNumber(0.5);
}
