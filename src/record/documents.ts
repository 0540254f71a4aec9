// Documents and letters: DocumentReference (content in attachments, inline or
// at a URL of the source) and Composition (narrative in sections). Content is
// untrusted: the builder only describes it; components decode and render it
// (HTML through the one sanitising component, text as text, PDF as a blob).

import type { Attachment, Composition, CompositionSection, DocumentReference, Reference } from '@medplum/fhirtypes';
import { toInstant } from '../format/dates';
import { lookup } from '../format/lookup';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { conceptText, indexResources, keyOf, normaliseText, provenanceOf, referenceKey, referenceName, type ResourceIndex } from './fhir';
import type { DocumentAttachment, DocumentItem, DocumentSection, SourceRef } from './model';

const REFERENCE_STATUS: Record<string, string> = { current: 'Current', superseded: 'Superseded' };
const DOC_STATUS: Record<string, string> = {
  preliminary: 'Preliminary',
  final: 'Final',
  amended: 'Amended',
  'entered-in-error': 'Entered in error',
};
/** Sections nested deeper than this are flattened into their parent's depth (no runaway recursion). */
const MAX_SECTION_DEPTH = 4;

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** How the viewer can show an attachment, from its MIME type (parameters ignored). */
export function attachmentFormat(contentType: string | undefined): DocumentAttachment['format'] {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/plain') return 'text';
  if (type === 'application/pdf') return 'pdf';
  return 'other';
}

function toAttachment(attachment: Attachment | undefined): DocumentAttachment | undefined {
  if (!attachment) return undefined;
  const data = trimmed(attachment.data);
  const url = trimmed(attachment.url);
  if (!data && !url) return undefined;
  const out: DocumentAttachment = { format: attachmentFormat(attachment.contentType) };
  const contentType = trimmed(attachment.contentType);
  const title = trimmed(attachment.title);
  if (contentType) out.contentType = contentType;
  if (title) out.title = title;
  if (data) out.data = data;
  else if (url) out.url = url;
  if (typeof attachment.size === 'number') out.size = attachment.size;
  return out;
}

/** Composition sections, depth first, each with its own narrative. */
function flattenSections(sections: CompositionSection[] | undefined, depth = 0, out: DocumentSection[] = []): DocumentSection[] {
  for (const section of sections ?? []) {
    const title = trimmed(section.title) ?? conceptText(section.code);
    const narrative = trimmed(section.text?.div);
    if (title || narrative) out.push({ ...(title ? { title } : {}), ...(narrative ? { narrative } : {}), depth });
    if (section.section) flattenSections(section.section, Math.min(depth + 1, MAX_SECTION_DEPTH), out);
  }
  return out;
}

function authorsOf(authors: DocumentReference['author'], index: ResourceIndex): string | undefined {
  const names = (authors ?? []).map((a) => referenceName(a, index)).filter((n): n is string => n !== undefined);
  return names.length ? [...new Set(names)].join(', ') : undefined;
}

function documentKey(source: SourceRef, resource: DocumentReference | Composition): string {
  return `${source.name}:${keyOf(resource)}`;
}

/** A DocumentReference as a document; undefined when entered in error. */
export function documentFromReference(doc: DocumentReference, source: SourceRef, index: ResourceIndex): DocumentItem | undefined {
  if (doc.status === 'entered-in-error' || doc.docStatus === 'entered-in-error') return undefined;
  const attachments = (doc.content ?? []).map((c) => toAttachment(c.attachment)).filter((a): a is DocumentAttachment => a !== undefined);
  const firstTitle = (doc.content ?? []).map((c) => trimmed(c.attachment?.title)).find(Boolean);
  const type = conceptText(doc.type);
  const date =
    trimmed(doc.date) ??
    trimmed(doc.context?.period?.start) ??
    (doc.content ?? []).map((c) => trimmed(c.attachment?.creation)).find(Boolean);
  const author = authorsOf(doc.author, index);
  const superseded = doc.status === 'superseded';
  const status = superseded ? 'Superseded' : (lookup(DOC_STATUS, doc.docStatus) ?? lookup(REFERENCE_STATUS, doc.status) ?? 'Not Known');
  return {
    key: documentKey(source, doc),
    title: trimmed(doc.description) ?? firstTitle ?? type ?? 'Document',
    ...(type ? { type } : {}),
    ...categoryOf(doc.category),
    ...(date ? { date } : {}),
    ...(author ? { author } : {}),
    ...custodianOf(referenceName(doc.custodian, index)),
    ...encounterOf(doc.context?.encounter?.[0]),
    status,
    superseded,
    attachments,
    sections: [],
    provenance: provenanceOf(source, doc, { recorded: date, author }),
  };
}

/** A Composition as a document; undefined when entered in error. */
export function documentFromComposition(doc: Composition, source: SourceRef, index: ResourceIndex): DocumentItem | undefined {
  if (doc.status === 'entered-in-error') return undefined;
  const type = conceptText(doc.type);
  const date = trimmed(doc.date);
  const author = authorsOf(doc.author, index);
  const narrative = trimmed(doc.text?.div);
  return {
    key: documentKey(source, doc),
    title: trimmed(doc.title) ?? type ?? 'Document',
    ...(type ? { type } : {}),
    ...categoryOf(doc.category),
    ...(date ? { date } : {}),
    ...(author ? { author } : {}),
    ...custodianOf(referenceName(doc.custodian, index)),
    ...encounterOf(doc.encounter),
    status: lookup(DOC_STATUS, doc.status) ?? 'Not Known',
    superseded: false,
    attachments: [],
    ...(narrative ? { narrative } : {}),
    sections: flattenSections(doc.section),
    provenance: provenanceOf(source, doc, { recorded: date, author }),
  };
}

function categoryOf(categories: DocumentReference['category']): { category?: string } {
  const text = (categories ?? []).map((c) => conceptText(c)).find(Boolean);
  return text ? { category: text } : {};
}

function custodianOf(name: string | undefined): { custodian?: string } {
  return name ? { custodian: name } : {};
}

function encounterOf(reference: Reference | undefined): { encounter?: string } {
  const key = referenceKey(reference);
  return key ? { encounter: key } : {};
}

/** Every document of one source, DocumentReferences and Compositions alike. */
export function documentsOf(input: SourceInput, context: BuildContext): DocumentItem[] {
  const index = indexResources(input.resources);
  return [
    ...buildEach(input, 'DocumentReference', context, (d) => documentFromReference(d, input.source, index)),
    ...buildEach(input, 'Composition', context, (c) => documentFromComposition(c, input.source, index)),
  ];
}

/** Documents from every source, newest first; undated ones last. */
export function buildDocuments(inputs: SourceInput[], context: BuildContext): DocumentItem[] {
  const keyed = inputs
    .flatMap((input) => documentsOf(input, context))
    .map((doc) => ({ doc, time: toInstant(doc.date)?.getTime() ?? -Infinity }));
  return keyed.sort((a, b) => b.time - a.time || (a.doc.key < b.doc.key ? -1 : 1)).map((k) => k.doc);
}

// ---------------------------------------------------------------- content

/** What a document list can be narrowed by: its source, its type, words in its title. */
export interface DocumentFilters {
  source?: string;
  type?: string;
  /** Words that must all appear in the title (any case, any order). */
  search?: string;
}

/** What a document is filed under: its type, else its category, else "Type not recorded". */
export function documentTypeOf(d: DocumentItem): string {
  return d.type ?? d.category ?? 'Type not recorded';
}

/** The types present, with how many of each, most common first (then by name). */
export function documentTypes(items: readonly DocumentItem[]): { type: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const d of items) counts.set(documentTypeOf(d), (counts.get(documentTypeOf(d)) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type, 'en-GB'));
}

export function filterDocuments(items: readonly DocumentItem[], filters: DocumentFilters): DocumentItem[] {
  const words = normaliseText(filters.search ?? '')
    .split(' ')
    .filter(Boolean);
  return items.filter((d) => {
    if (filters.source && d.provenance.source.name !== filters.source) return false;
    if (filters.type && documentTypeOf(d) !== filters.type) return false;
    if (words.length === 0) return true;
    const title = normaliseText(d.title);
    return words.every((w) => title.includes(w));
  });
}
