// The one door from components to display formatting: src/format re-exported,
// plus stand-ins (marked) for what it does not have yet, so swapping one is a
// change to this file only.

export {
  describeNhsNumber,
  emailHref,
  formatDate,
  formatDateOfBirth,
  formatDateTime,
  formatDied,
  formatName,
  formatNumber,
  formatPhoneNumber,
  NOT_KNOWN,
  parseDisplayDate,
  phoneHref,
} from '../src/format';
export { splitPhoneNumbers, type TextPart } from '../src/format/phone-text';
import { NOT_KNOWN } from '../src/format';

/** Stand-in until src/format has one: administrative gender as shown; unknown reads "Not Known". */
export function formatGender(gender: 'male' | 'female' | 'other' | 'unknown' | undefined): string {
  switch (gender) {
    case 'male':
      return 'Male';
    case 'female':
      return 'Female';
    case 'other':
      return 'Other';
    default:
      return NOT_KNOWN;
  }
}
