// The gallery (npm run gallery, a page of the dev server only: the production
// build leaves it out): one page per view of <care-record>, each showing its
// elements in every state (loading, empty, partial, failed, withheld,
// conflict), from the component tests' fixtures. For designers, reviewers
// and host developers; components/gallery/gallery.test.ts checks every
// state it shows with axe.

import { GALLERY_STATES, GALLERY_VIEWS, STATE_LABELS, recordIn } from '../test-helpers/gallery-states';
import type { ViewId } from '../care-record/views';
import '../care-record/care-record';

const root = document.getElementById('gallery')!;
const wanted = new URLSearchParams(location.search).get('view');
const view = GALLERY_VIEWS.find((v) => v.id === wanted);

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

function index(): void {
  document.title = 'Gallery: the care record in every state';
  const list = element('ul');
  for (const v of GALLERY_VIEWS) {
    const item = element('li');
    item.append(element('a', v.label, { href: `?view=${v.id}` }), ` ${v.elements}`);
    list.append(item);
  }
  root.replaceChildren(
    element('h1', 'The care record in every state'),
    element(
      'p',
      `Each page shows one view of <care-record> and its elements as ${GALLERY_STATES.length} records: ${GALLERY_STATES.join(', ')}. The records are the component tests' fixtures (Margaret Thompson, synthetic).`,
    ),
    list,
  );
}

function page(id: ViewId, label: string, elements: string): void {
  document.title = `Gallery: ${label}`;
  const nav = element('p');
  nav.append(element('a', 'All views', { href: '?' }));
  root.replaceChildren(element('h1', `${label}: ${elements}`), nav);
  for (const state of GALLERY_STATES) {
    const section = element('section', undefined, { 'aria-labelledby': `state-${state}` });
    const record = element('care-record', undefined, { 'url-state': 'none', view: id, 'data-state': state });
    Object.assign(record, { record: recordIn(state), launchContext: { needPatientBanner: true } });
    section.append(element('h2', STATE_LABELS[state], { id: `state-${state}` }), record);
    root.append(section);
  }
}

if (view) page(view.id, view.label, view.elements);
else index();
