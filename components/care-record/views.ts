// The record's views and how the current one is kept in the URL: the hash
// holds `view=<id>` (e.g. `#view=results`) beside any other hash parameters,
// so a reload or a shared link opens the same view and Back returns to the last.

export const VIEWS = [
  { id: 'summary', label: 'Summary' },
  { id: 'medications', label: 'Medications' },
  { id: 'allergies', label: 'Allergies' },
  { id: 'problems', label: 'Problems' },
  { id: 'results', label: 'Results' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'documents', label: 'Documents' },
  { id: 'care-plans', label: 'Care plans' },
  { id: 'people', label: 'People' },
  { id: 'social-care', label: 'Social care' },
  { id: 'mental-health', label: 'Mental health' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export const DEFAULT_VIEW: ViewId = 'summary';
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
