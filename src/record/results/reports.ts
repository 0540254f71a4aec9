// DiagnosticReports: a lab report lends its name and conclusion to the values
// it lists; imaging, a report with a presented form, or one whose results did
// not arrive is shown as a report of its own.

import type { Attachment, CodeableConcept, DiagnosticReport } from '@medplum/fhirtypes';
import { base64ToText } from '../../format/base64';
import { NOT_KNOWN } from '../../format/not-known';
import type { BuildContext } from '../build';
import { codedIdentity } from '../coded-identity';
import { codingsOf, conceptText, keyOf, normaliseText, provenanceOf, referenceKey, type ResourceIndex } from '../fhir';
import type { SourceRef } from '../model';
import { byTimeDescending } from './grouping';
import { LEFT_OUT, performerName, statusOf, timed } from './observations';
import type { ReportEntry, ReportResults, ResultCategory, ResultValue } from './types';
import { testKeys } from './values';

const SERVICE_SECTION = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const IMAGING_SECTIONS = new Set(['RAD', 'RX', 'CT', 'NMR', 'NMS', 'US', 'VUS', 'OUS', 'RUS', 'CUS', 'XRC', 'BG']);
const LAB_SECTIONS = new Set(['LAB', 'HM', 'CH', 'MB', 'BLB', 'CP', 'HLA', 'IMM', 'MCB', 'MYC', 'PAR', 'SP', 'SR', 'TX', 'VR', 'CG']);

function reportCategory(categories: CodeableConcept[] | undefined): ResultCategory {
  for (const concept of categories ?? []) {
    for (const coding of codingsOf(concept)) {
      const code = coding.system === SERVICE_SECTION || !coding.system ? coding.code : undefined;
      if (code && IMAGING_SECTIONS.has(code)) return 'imaging';
      if (code && LAB_SECTIONS.has(code)) return 'laboratory';
    }
    const text = conceptText(concept)?.toLowerCase() ?? '';
    if (/radiology|imaging/.test(text)) return 'imaging';
    if (/laboratory|pathology/.test(text)) return 'laboratory';
  }
  return 'other';
}

const MAX_INLINE_ATTACHMENT = 1_000_000;

function decodeBase64(data: string): string | undefined {
  try {
    return base64ToText(data);
  } catch {
    return undefined;
  }
}

interface ReadForms {
  html?: string;
  text?: string;
  attachments: string[];
}

function readPresentedForms(forms: Attachment[] | undefined): ReadForms {
  const out: ReadForms = { attachments: [] };
  for (const form of forms ?? []) {
    const type = (form.contentType ?? '').split(';')[0]?.trim().toLowerCase();
    const inline = typeof form.data === 'string' && form.data.length <= MAX_INLINE_ATTACHMENT ? decodeBase64(form.data) : undefined;
    if (inline !== undefined && type === 'text/html' && out.html === undefined) out.html = inline;
    else if (inline !== undefined && type === 'text/plain' && out.text === undefined) out.text = inline;
    else out.attachments.push(form.title?.trim() || (type ? `Attachment (${type})` : 'Attachment'));
  }
  return out;
}

export interface ReportDraft {
  keys: string[];
  nameKey: string;
  name: string;
  code?: { system?: string; code: string };
  category: ResultCategory;
  entry: ReportEntry;
}

/**
 * Lends a lab report's name and conclusion to its results; returns the report
 * when it must be shown as one (imaging, a presented form, or results not loaded).
 */
export function readReport(
  report: DiagnosticReport,
  source: SourceRef,
  index: ResourceIndex,
  values: ReadonlyMap<string, ResultValue>,
  context: BuildContext,
): ReportDraft | undefined {
  if (LEFT_OUT.has(report.status)) return undefined;
  const identity = codedIdentity(report.code);
  const name = identity.name ?? NOT_KNOWN;
  const conclusion = typeof report.conclusion === 'string' && report.conclusion.trim() ? report.conclusion.trim() : undefined;
  const category = reportCategory(report.category);
  const members: ResultValue[] = [];
  let missing = 0;
  for (const ref of report.result ?? []) {
    const member = values.get(referenceKey(ref) ?? '');
    if (member) members.push(member);
    else missing += 1;
  }
  for (const member of members) member.partOf = { name, conclusion, resource: keyOf(report) };
  const forms = readPresentedForms(report.presentedForm);
  const hasForm = forms.html !== undefined || forms.text !== undefined || forms.attachments.length > 0;
  if (category !== 'imaging' && !hasForm && members.length > 0) return undefined;
  const date = report.effectiveDateTime ?? report.effectivePeriod?.start ?? report.issued;
  const narrative =
    forms.html ?? (typeof report.text?.div === 'string' && report.text.status !== 'generated' ? report.text.div : undefined);
  const entry: ReportEntry = {
    name,
    ...timed(date, context.now),
    status: report.status === 'partial' ? 'partial' : report.status === 'appended' ? 'appended' : statusOf(report.status),
    conclusion,
    findings: (report.conclusionCode ?? []).map(conceptText).filter((t): t is string => t !== undefined),
    narrative,
    text: forms.text,
    attachments: forms.attachments,
    missingResults: missing,
    results: members.map((m) => m.provenance.resource),
    provenance: provenanceOf(source, report, {
      recorded: report.issued,
      author: performerName(report.resultsInterpreter, index) ?? performerName(report.performer, index),
    }),
  };
  return { keys: testKeys(identity, source), nameKey: normaliseText(name), name, code: identity.code, category, entry };
}

export function groupReports(drafts: ReportDraft[]): ReportResults[] {
  const buckets = new Map<string, ReportDraft[]>();
  for (const d of drafts) {
    const key = `report:${d.keys[0] ?? `text:${d.nameKey}`}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(d);
    else buckets.set(key, [d]);
  }
  return [...buckets].map(([key, bucket]) => {
    const sorted = [...bucket].sort((a, b) => byTimeDescending(a.entry, b.entry));
    const newest = sorted[0] as ReportDraft;
    return { kind: 'report', key, name: newest.name, code: newest.code, category: newest.category, reports: sorted.map((d) => d.entry) };
  });
}
