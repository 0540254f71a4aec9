// NHS CUI name display: `THOMPSON, Margaret (Mrs)` — family name in capitals,
// then given names, then the title in brackets.

import { NOT_KNOWN } from './not-known';

/** Structurally both the record model's PersonName and FHIR's HumanName. */
export interface NameParts {
  family?: string;
  given?: string[];
  prefix?: string[];
  /** Whole name as text, used only when no parts are given. */
  text?: string;
}

function clean(values: (string | undefined)[] | undefined): string[] {
  return (values ?? [])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** `THOMPSON, Margaret (Mrs)`; missing parts are left out; "Not Known" only when there is no name at all. */
export function formatName(name: NameParts | undefined): string {
  const family = clean([name?.family])[0]?.toLocaleUpperCase('en-GB');
  const given = clean(name?.given).join(' ');
  const title = clean(name?.prefix).join(' ');
  if (!family && !given) return clean([name?.text])[0] ?? NOT_KNOWN;
  const main = family && given ? `${family}, ${given}` : (family ?? given);
  return title ? `${main} (${title})` : main;
}
