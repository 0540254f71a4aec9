// The words of a medicine line beside the medicine itself, as the medication
// list shows them: kind, status (with why), just in case, who prescribes, and
// the dates the record holds. Only the record's own dates: a stop it does not
// date reads "Stopped (date not recorded)".

import { formatDate, formatDateTime } from '../format/dates';
import type { MedicationLine } from './model';

export const KIND_LABELS: Readonly<Record<MedicationLine['kind'], string>> = {
  repeat: 'Repeat',
  acute: 'Acute',
  inpatient: 'Inpatient',
  other: 'Other',
  dispensed: 'Supplied (no prescription in the record)',
  administered: 'Dose given (no prescription in the record)',
};

export const STATUS_LABELS: Readonly<Record<MedicationLine['status'], string>> = {
  active: 'Active',
  'on-hold': 'On hold',
  stopped: 'Stopped',
  completed: 'Completed',
  intended: 'Intended',
  'not-taken': 'Not taken',
  unknown: 'Status Not Known',
};

/**
 * A line that says it was stopped or completed but holds no date for it: it
 * reads "stopped (date not recorded)", never a date the record does not hold.
 */
export function stopDateNotRecorded(line: MedicationLine): boolean {
  const stoppedKind = line.kind !== 'dispensed' && line.kind !== 'administered';
  return stoppedKind && !line.current && !line.stopped && ['stopped', 'completed', 'not-taken'].includes(line.status);
}

/** "On hold: Withheld: heart rate 48 on the ward"; nothing for an active line. */
export function statusText(line: MedicationLine): string | undefined {
  if (line.status === 'active') return undefined;
  return line.statusReason ? `${STATUS_LABELS[line.status]}: ${line.statusReason}` : STATUS_LABELS[line.status];
}

/** Stopped on a date, stopped with no date recorded, or (a course still running) when it ends. */
export function endOf(line: MedicationLine): { label: string; value: string } | undefined {
  if (line.stopped) return { label: line.current ? 'Ends' : 'Stopped', value: formatDate(line.stopped) };
  return stopDateNotRecorded(line) ? { label: 'Stopped', value: '(date not recorded)' } : undefined;
}

/** "22-Nov-2026 08:00 (10 mg, oral)". */
export function lastGivenText(line: MedicationLine): string | undefined {
  const given = line.lastGiven;
  return given ? `${formatDateTime(given.at)}${given.dose ? ` (${given.dose})` : ''}` : undefined;
}

/** What a line says beside the medicine, in order. */
export function medicationFacts(line: MedicationLine): string[] {
  const end = endOf(line);
  return [
    KIND_LABELS[line.kind],
    statusText(line),
    line.anticipatory ? 'Just in case (anticipatory)' : undefined,
    line.prescribedBy,
    line.started ? `Started ${formatDate(line.started)}` : undefined,
    line.lastIssued ? `Last issued ${formatDate(line.lastIssued)}` : undefined,
    line.lastDispensed ? `${line.kind === 'dispensed' ? 'Dispensed' : 'Last dispensed'} ${formatDateTime(line.lastDispensed)}` : undefined,
    line.lastGiven ? `Last dose given ${lastGivenText(line)}` : undefined,
    end && `${end.label} ${end.value}`,
  ].filter((f): f is string => !!f);
}

/** The medicine as the line names it: generic name, BRAND, strength, form (NHS order; the brand in capitals). */
export function productText(line: MedicationLine): string {
  return [line.genericName, line.brand?.toLocaleUpperCase('en-GB'), line.strength, line.form].filter(Boolean).join(' ');
}
