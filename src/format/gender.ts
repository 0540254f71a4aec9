// Administrative gender as the NHS Data Dictionary names it: FHIR `other` is
// the NHS "Indeterminate" (unable to be classified as male or female).

import { NOT_KNOWN } from './not-known';
import { lookup } from './lookup';

const GENDER_TEXT: Record<string, string> = { male: 'Male', female: 'Female', other: 'Indeterminate' };

/** `Male`, `Female`, `Indeterminate`; unknown or missing reads "Not Known". */
export function formatGender(gender: string | undefined): string {
  return lookup(GENDER_TEXT, gender) ?? NOT_KNOWN;
}
