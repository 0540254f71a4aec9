// What the medication section shows of a corpus case, in the words the case
// expects: one home for the unit pass (the builder alone) and the end-to-end
// pass (the sandbox, the token, the loader and the assembled record).
import { medicationFacts, productText } from '../medication-display';
import type { CareRecord, MedicationGroup } from '../model';
import type { MedicationsDisplay } from './medications';

/** "product — directions — facts", as the medication list shows a medicine's first line. */
function lineOf(group: MedicationGroup): string {
  const line = group.lines[0]!;
  return [productText(line), line.directions, medicationFacts(line).join(' · ')].join(' — ');
}

type MedicationSection = Pick<CareRecord['medications'], 'items' | 'recentlyStopped' | 'notShown'>;

/** The display of a built medication section; `expected` says which medicines a case counts lines for. */
export function medicationsDisplay(section: MedicationSection, expected: MedicationsDisplay): MedicationsDisplay {
  const many = section.items.filter((g) => g.lines.length > 1 || expected.linesPerMedicine?.[g.genericName] !== undefined);
  const conflicts = section.items.flatMap((g) => g.conflicts);
  const notShown = section.notShown ?? [];
  return {
    current: section.items.map(lineOf),
    recentlyStopped: section.recentlyStopped.map(lineOf),
    ...(many.length ? { linesPerMedicine: Object.fromEntries(many.map((g) => [g.genericName, g.lines.length])) } : {}),
    ...(conflicts.length ? { conflicts } : {}),
    ...(notShown.length ? { notShown: notShown.map((n) => n.text) } : {}),
  };
}
