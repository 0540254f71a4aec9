// The record's views and how the current one is kept in the URL: the hash
// holds `view=<id>` (e.g. `#view=results`) beside any other hash parameters,
// so a reload or a shared link opens the same view and Back returns to the last.

import { html, type TemplateResult } from 'lit';
import type { SectionName } from '../../src/record/sections';
import { loadSummaryCode } from './summary-code';

// Each view is declared once here: its label in the navigation bar, the
// record sections it shows (a test checks every section of the registry in
// src/record/sections.ts is shown somewhere), the chunk its elements load in
// (see lazy-chunks.ts), how to load them and how to render them. The summary
// is <care-record>'s own layout (alerts, who to call, where now, ...).

/** What a view's render may need from <care-record>. */
export interface ViewOptions {
  /** Whether the view may keep its own state in the URL (the timeline's filters). */
  readonly syncUrl: boolean;
}

export interface ViewSpec {
  readonly id: string;
  readonly label: string;
  /** The record sections it shows. */
  readonly sections: readonly SectionName[];
  /** The chunk whose loading state it shows: views that share elements share one. */
  readonly chunk: string;
  /** Imports its elements (each a dynamic import(), so a chunk of its own). */
  readonly load: () => Promise<unknown>[];
  /** Its content once loaded (the summary's is <care-record>'s own). */
  readonly render?: (options: ViewOptions) => TemplateResult;
}

/**
 * The summary chunk's views share one loader: the summary's code as one list
 * (summary-code.ts), which the record page also asks for once the token is here.
 */
const summaryCode = (): Promise<unknown>[] => [loadSummaryCode()];

export const VIEWS = [
  {
    id: 'summary',
    label: 'Summary',
    // The banner, the alerts strip, where the person is now, recent contacts and the three long lists.
    sections: ['patient', 'advanceDecisions', 'flags', 'allergies', 'location', 'timeline', 'medications', 'problems'],
    chunk: 'summary',
    load: summaryCode,
  },
  {
    id: 'medications',
    label: 'Medications',
    sections: ['medications'],
    chunk: 'summary',
    load: summaryCode,
    render: () => html`<cr-medication-list></cr-medication-list>`,
  },
  {
    id: 'allergies',
    label: 'Allergies',
    sections: ['allergies'],
    chunk: 'summary',
    load: summaryCode,
    render: () => html`<cr-allergy-list></cr-allergy-list>`,
  },
  {
    id: 'problems',
    label: 'Problems',
    sections: ['problems', 'procedures'],
    chunk: 'summary',
    load: summaryCode,
    // Past operations sit with the problems they treated (a clinician looks for them there).
    render: () => html`<cr-problem-list></cr-problem-list><cr-procedure-list></cr-procedure-list>`,
  },
  {
    id: 'results',
    label: 'Results',
    sections: ['results', 'immunisations'],
    chunk: 'results',
    load: () => [import('../results-list/results-list'), import('../immunisation-list/immunisation-list')],
    render: () => html`<cr-results-list></cr-results-list><cr-immunisation-list></cr-immunisation-list>`,
  },
  {
    id: 'timeline',
    label: 'Timeline',
    sections: ['timeline'],
    chunk: 'timeline',
    load: () => [import('../record-timeline/record-timeline')],
    render: ({ syncUrl }) => html`<cr-record-timeline .syncUrl=${syncUrl}></cr-record-timeline>`,
  },
  {
    id: 'documents',
    label: 'Documents',
    sections: ['documents'],
    chunk: 'documents',
    load: () => [import('../document-list/document-list')],
    render: () => html`<cr-document-list></cr-document-list>`,
  },
  {
    id: 'care-plans',
    label: 'Care plans',
    sections: ['carePlans'],
    chunk: 'care-plans',
    load: () => [import('../care-plan-list/care-plan-list')],
    render: () => html`<cr-care-plan-list></cr-care-plan-list>`,
  },
  {
    id: 'people',
    label: 'People',
    sections: ['careTeam', 'relatedPersons'],
    chunk: 'people',
    load: () => [import('../care-team-list/care-team-list')],
    render: () => html`<cr-care-team-list></cr-care-team-list>`,
  },
  {
    id: 'social-care',
    label: 'Social care',
    sections: ['socialCare'],
    chunk: 'social-care',
    load: () => [import('../social-care-summary/social-care-summary')],
    render: () => html`<cr-social-care-summary></cr-social-care-summary>`,
  },
  {
    id: 'mental-health',
    label: 'Mental health',
    sections: ['mentalHealth'],
    chunk: 'mental-health',
    load: () => [import('../mental-health-summary/mental-health-summary')],
    render: () => html`<cr-mental-health-summary></cr-mental-health-summary>`,
  },
] as const satisfies readonly ViewSpec[];

export type ViewId = (typeof VIEWS)[number]['id'];

export const DEFAULT_VIEW: ViewId = 'summary';

/** The chunk of a view's elements. */
export type ViewChunk = (typeof VIEWS)[number]['chunk'];

/** A view's entry. */
export function viewOf(id: ViewId): ViewSpec & { readonly id: ViewId; readonly chunk: ViewChunk } {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}
const VIEW_PARAM = 'view';
const CREDENTIAL_PARAMS = ['link', 'code', 'state', 'access_token', 'id_token', 'token'];

export function isViewId(value: unknown): value is ViewId {
  return typeof value === 'string' && VIEWS.some((v) => v.id === value);
}

/** The view a hash names (`#view=results`), or undefined when it names none we know. */
export function viewFromHash(hash: string): ViewId | undefined {
  const named = new URLSearchParams(hash.replace(/^#/, '')).get(VIEW_PARAM);
  return isViewId(named) ? named : undefined;
}

/** The hash naming `view`, keeping any other parameters of `currentHash` (`#view=results`). */
export function hashFor(view: ViewId, currentHash = ''): string {
  const raw = currentHash.replace(/^#/, '');
  // A hash that is not parameters (e.g. a host's `#/route`) is not ours to rewrite: replace it.
  const params = /^[^=&]+$/.test(raw) || raw === '' ? new URLSearchParams() : new URLSearchParams(raw);
  // Never carry a credential into a link or a history entry (the signed link arrives as `#link=`).
  for (const name of CREDENTIAL_PARAMS) params.delete(name);
  params.set(VIEW_PARAM, view);
  return `#${params.toString()}`;
}
