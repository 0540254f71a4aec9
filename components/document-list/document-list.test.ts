import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import type { DocumentItem } from '../../src/record/model';
import type { AttachmentRequest } from '../../src/sources/attachments';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQuery, deepQueryAll, mount, settled, visibleText } from '../test-helpers/render';
import { patel, thompson } from '../test-helpers/fixtures';
import { ACUTE, COMMUNITY, GP, PATEL_SOURCES, SOURCES, prov, section, timedOut } from '../test-helpers/source-fixtures';
import { patelLetter, thompsonDischargeSummary } from '../test-helpers/timeline-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import { fileNameFor } from './document-content';
import './document-list';

let alerts: unknown[] = [];

beforeEach(() => {
  alerts = [];
  vi.spyOn(window, 'alert').mockImplementation((message?: unknown) => void alerts.push(message));
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const wait = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** Opens the document whose button reads `title` and waits for its content. */
async function openDocument(el: HTMLElement, title: string) {
  const button = deepQueryAll<HTMLButtonElement>(el, 'button.open').find((b) => b.textContent?.trim() === title);
  if (!button) throw new Error(`no document "${title}"`);
  button.focus();
  await userEvent.keyboard('{Enter}');
  const dialog = el.shadowRoot!.querySelector('dialog')!;
  for (let i = 0; i < 20 && visibleText(dialog).includes('Loading the document'); i++) await wait(20);
  await settled(el);
  return { button, dialog };
}

function doc(overrides: Partial<DocumentItem>): DocumentItem {
  return { ...patelLetter, ...overrides };
}

describe('fileNameFor', () => {
  test("a safe name with the extension of what the bytes are, never the title's", () => {
    const pdf = new TextEncoder().encode('%PDF-1.4');
    expect(fileNameFor('Clinic letter: 01/02/2026 <b>', { format: 'pdf' }, pdf)).toBe('Clinic letter 01 02 2026 b.pdf');
    expect(fileNameFor('x', { format: 'other', title: 'scan.tiff' }, new Uint8Array([0x49, 0x49, 0x2a, 0]))).toBe('scan.tif');
    expect(fileNameFor('x', { format: 'other', title: 'invoice.exe' }, new Uint8Array([0x4d, 0x5a]))).toBe('invoice.bin');
    expect(fileNameFor('***', { format: 'text' }, new Uint8Array([1]))).toBe('document.bin');
  });
});

describe('<cr-document-list>', () => {
  test('lists documents with date, type, status, author and source', async () => {
    const r = patel();
    const el = await mount('cr-document-list', { documents: r.documents, sources: r.sources });
    const text = visibleText(el);
    expect(text).toContain('Documents 1 document');
    expect(text).toContain(
      '11-Oct-2026 03:10 Discharge summary Final Emergency department discharge letter: hypoglycaemia Author OSEI, Kwame (Dr) Weald General Hospital NHS Trust · recorded 11-Oct-2026 · by OSEI, Kwame (Dr)',
    );
    await expectAccessible(el);
  });

  test('filtered by type and searched by title, saying how many match', async () => {
    const letters = [
      doc({ key: 'a', title: 'Clinic letter: diabetes review', type: 'Clinic letter' }),
      doc({ key: 'b', title: 'Discharge summary: Ward 3', type: 'Discharge summary' }),
      doc({ key: 'c', title: 'Clinic letter: eye screening', type: 'Clinic letter' }),
      doc({ key: 'd', title: 'Scanned note', type: undefined, category: undefined }),
    ];
    const el = await mount('cr-document-list', { documents: section(letters, {}, [], PATEL_SOURCES), sources: PATEL_SOURCES });
    const type = deepQuery<HTMLSelectElement>(el, 'select#type');
    expect([...type.options].map((o) => o.textContent?.trim())).toEqual([
      'All types (4)',
      'Clinic letter (2)',
      'Discharge summary (1)',
      'Type not recorded (1)',
    ]);
    type.value = 'Clinic letter';
    type.dispatchEvent(new Event('change'));
    await settled(el);
    expect(visibleText(el)).toContain('4 documents; showing 2 matching');
    const search = deepQuery<HTMLInputElement>(el, 'input#search');
    search.value = 'EYE';
    search.dispatchEvent(new Event('input'));
    await settled(el);
    expect(visibleText(el)).toContain('4 documents; showing 1 matching');
    expect(deepQueryAll<HTMLButtonElement>(el, 'button.open').map((b) => b.textContent?.trim())).toEqual(['Clinic letter: eye screening']);
    await expectAccessible(el);
    search.value = 'nothing like it';
    search.dispatchEvent(new Event('input'));
    await settled(el);
    expect(visibleText(el)).toContain('No documents match.');
    await expectAccessible(el);
  });

  test("PATEL's A&E letter opens inside the viewer and its script, onerror image and javascript: link are inert", async () => {
    const r = patel();
    const el = await mount('cr-document-list', { documents: r.documents, sources: r.sources });
    const opened = vi.fn();
    el.addEventListener('document-open', opened);
    const { button, dialog } = await openDocument(el, 'Emergency department discharge letter: hypoglycaemia');
    expect(dialog.open).toBe(true);
    expect(opened).toHaveBeenCalledTimes(1);
    const text = visibleText(dialog);
    expect(text).toContain(
      'Emergency department discharge letter: hypoglycaemia Close Discharge summary · 11-Oct-2026 03:10 · by OSEI, Kwame (Dr) · Weald General Hospital NHS Trust · Final',
    );
    expect(text).toContain('Capillary glucose on arrival was 2.1 mmol/L');
    expect(text).toContain('Click here for the full record');

    // Rendered through <cr-safe-narrative>, and nothing hostile survived it.
    const narrative = deepQuery(dialog, 'cr-safe-narrative');
    expect(narrative.shadowRoot!.querySelector('strong')?.textContent).toBe('2.1 mmol/L');
    expect(deepQueryAll(dialog, 'script, img, iframe, object, embed')).toEqual([]);
    const link = deepQuery<HTMLAnchorElement>(dialog, 'a');
    expect(link.hasAttribute('href')).toBe(false);
    link.click();
    for (const node of deepQueryAll(dialog, '*')) expect([...node.attributes].filter((a) => /^on/i.test(a.name))).toEqual([]);
    await wait();
    expect(alerts).toEqual([]);
    await expectAccessible(el);

    // Escape closes it and gives focus back to the document's button.
    await userEvent.keyboard('{Escape}');
    await settled(el);
    expect(dialog.open).toBe(false);
    expect(el.shadowRoot!.activeElement).toBe(button);
  });

  test('plain text shows as text, never as HTML', async () => {
    const text: DocumentItem = {
      ...thompsonDischargeSummary,
      attachments: [{ format: 'text', contentType: 'text/plain', data: btoa('Line one <b>not bold</b>\nLine two') }],
    };
    const el = await mount('cr-document-list', { documents: section([text]), sources: SOURCES });
    const { dialog } = await openDocument(el, 'Discharge summary: Ward 7');
    const pre = deepQuery(dialog, 'pre');
    expect(pre.textContent).toBe('Line one <b>not bold</b>\nLine two');
    expect(deepQueryAll(dialog, 'b')).toEqual([]);
    await expectAccessible(el);
  });

  test('a PDF held at the source is fetched with its fetcher and shown from a blob: URL, with a download link', async () => {
    const requests: AttachmentRequest[] = [];
    const fetchAttachment = (request: AttachmentRequest) => {
      requests.push(request);
      return Promise.resolve(new Blob([new TextEncoder().encode('%PDF-1.4\n%fake\n')], { type: 'text/html' }));
    };
    const pdf = doc({
      key: 'acute:DocumentReference/pdf',
      title: 'Clinic letter',
      attachments: [{ format: 'pdf', contentType: 'application/pdf', url: 'Binary/letter-1' }],
    });
    const before = location.href;
    const el = await mount('cr-document-list', {
      documents: section([pdf], {}, [], PATEL_SOURCES),
      sources: PATEL_SOURCES,
      fetchAttachment,
    });
    const { dialog } = await openDocument(el, 'Clinic letter');
    expect(requests).toEqual([expect.objectContaining({ source: ACUTE, url: 'Binary/letter-1', contentType: 'application/pdf' })]);
    const object = deepQuery<HTMLObjectElement>(dialog, 'object');
    expect(object.type).toBe('application/pdf');
    expect(object.data).toMatch(/^blob:/);
    // Typed by the viewer, not by what the server said.
    expect((await (await fetch(object.data)).blob()).type).toBe('application/pdf');
    const download = deepQuery<HTMLAnchorElement>(dialog, 'a[download]');
    expect(download.href).toBe(object.data);
    expect(download.getAttribute('download')).toBe('Clinic letter.pdf');
    expect(visibleText(dialog)).toContain('Download the PDF (Clinic letter.pdf)');
    expect(location.href).toBe(before);
    await expectAccessible(el);
  });

  test('content that claims to be a PDF but is not is offered as a file, not shown', async () => {
    const fake = doc({
      title: 'Not a PDF',
      attachments: [{ format: 'pdf', contentType: 'application/pdf', data: btoa('<script>alert(1)</script>') }],
    });
    const el = await mount('cr-document-list', { documents: section([fake], {}, [], PATEL_SOURCES), sources: PATEL_SOURCES });
    const { dialog } = await openDocument(el, 'Not a PDF');
    expect(deepQueryAll(dialog, 'object')).toEqual([]);
    // Named by what it is (unknown), not what it claimed to be.
    expect(visibleText(dialog)).toContain('This document cannot be shown in the viewer. Download it (Not a PDF.bin)');
    const href = deepQuery<HTMLAnchorElement>(dialog, 'a[download]').href;
    expect((await (await fetch(href)).blob()).type).toBe('application/octet-stream');
  });

  test('says why a document cannot be opened: no fetcher, a refusal, or no content', async () => {
    const held = doc({ title: 'Held at the hospital', attachments: [{ format: 'html', contentType: 'text/html', url: 'Binary/9' }] });
    const empty = doc({ key: 'acute:DocumentReference/empty', title: 'Empty', attachments: [] });
    const el = await mount('cr-document-list', { documents: section([held, empty], {}, [], PATEL_SOURCES), sources: PATEL_SOURCES });
    let { dialog } = await openDocument(el, 'Held at the hospital');
    expect(visibleText(dialog)).toContain(
      'The document could not be opened: documents held at Weald General Hospital NHS Trust cannot be opened here.',
    );
    await expectAccessible(el);
    el.close();
    await settled(el);

    el.fetchAttachment = () => Promise.reject(new Error('access refused (403)'));
    ({ dialog } = await openDocument(el, 'Held at the hospital'));
    expect(visibleText(dialog)).toContain('The document could not be opened: access refused (403).');
    el.close();
    await settled(el);

    ({ dialog } = await openDocument(el, 'Empty'));
    expect(visibleText(dialog)).toContain('Weald General Hospital NHS Trust sent no content for this document.');
  });

  test('the fetcher can come from context; a document held at the source opens as HTML', async () => {
    const provider = document.createElement('div');
    document.body.append(provider);
    const record = patel();
    const held = doc({ title: 'Held letter', attachments: [{ format: 'html', contentType: 'text/html', url: 'Binary/7' }] });
    record.documents = section([held], {}, [], PATEL_SOURCES);
    provider.addEventListener('context-request', (e) => {
      const request = e as Event & { context: unknown; callback: (v: unknown) => void };
      if (request.context === Symbol.for('scr.record')) request.callback(record);
      else if (request.context === Symbol.for('scr.attachment-fetcher'))
        request.callback(() => Promise.resolve(new Blob(['<p>From the source <img src=x onerror=alert(2)></p>'])));
      else return;
      e.stopPropagation();
    });
    const el = await mount('cr-document-list', {}, {}, provider);
    const { dialog } = await openDocument(el, 'Held letter');
    expect(visibleText(dialog)).toContain('From the source');
    expect(deepQueryAll(dialog, 'img')).toEqual([]);
    await wait();
    expect(alerts).toEqual([]);
    provider.remove();
  });

  test('a Composition shows its narrative and sections, each through <cr-safe-narrative>', async () => {
    const composition = doc({
      key: 'acute:Composition/c1',
      title: 'Discharge summary: Ward 7',
      attachments: [],
      narrative: '<div><p>Admitted after a fall.</p><script>alert(3)</script></div>',
      sections: [
        { title: 'Diagnoses', narrative: '<div><p>Fractured wrist <img src=x onerror=alert(4)></p></div>', depth: 0 },
        { title: 'Medicines on discharge', narrative: '<div><a href="javascript:alert(5)">Amlodipine 5 mg</a></div>', depth: 1 },
      ],
    });
    const el = await mount('cr-document-list', { documents: section([composition], {}, [], PATEL_SOURCES), sources: PATEL_SOURCES });
    const { dialog } = await openDocument(el, 'Discharge summary: Ward 7');
    expect(visibleText(dialog)).toContain('Admitted after a fall. Diagnoses Fractured wrist Medicines on discharge Amlodipine 5 mg');
    expect(deepQueryAll(dialog, 'cr-safe-narrative')).toHaveLength(3);
    expect(deepQueryAll(dialog, 'script, img, a[href]')).toEqual([]);
    await wait();
    expect(alerts).toEqual([]);
    await expectAccessible(el);
  });

  test('can be opened by key, e.g. from the timeline', async () => {
    const r = thompson();
    const el = await mount('cr-document-list', { documents: r.documents, sources: r.sources });
    expect(el.open('nope')).toBe(false);
    expect(el.open(thompsonDischargeSummary.key)).toBe(true);
    await settled(el);
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await wait(50);
    await settled(el);
    expect(dialog.open).toBe(true);
    expect(visibleText(dialog)).toContain('Discharged home to Oakview Care Home. Amlodipine 10 mg once daily.');
  });

  test('loading, empty, partial and failed', async () => {
    await expectLoadingEmptyFailed((documents) => mount('cr-document-list', { documents, sources: SOURCES }), {
      loading: 'Documents Loading from Riverside Medical Practice',
      empty: 'None recorded',
    });

    const partial = await mount('cr-document-list', {
      documents: section([thompsonDischargeSummary], { community: timedOut(COMMUNITY) }),
      sources: SOURCES,
    });
    expect(visibleText(partial)).toContain('Some sources could not be loaded');
    expect(visibleText(partial)).toContain('Discharge summary: Ward 7');
    await expectAccessible(partial);
  });

  test('hundreds of documents: virtualised, filterable by source', async () => {
    const many: DocumentItem[] = Array.from({ length: 400 }, (_, i) => {
      const source = i % 4 === 0 ? GP : ACUTE;
      const date = new Date(Date.UTC(2026, 10, 1) - i * 7 * 86_400_000).toISOString();
      return {
        ...thompsonDischargeSummary,
        key: `${source.name}:DocumentReference/d${i}`,
        title: `Letter ${i + 1}`,
        date,
        provenance: prov(source, `DocumentReference/d${i}`, date),
      };
    });
    const el = await mount('cr-document-list', { documents: section(many, {}, [], [GP, ACUTE]), sources: [GP, ACUTE] });
    await (el.shadowRoot!.querySelector('lit-virtualizer') as LitVirtualizer).layoutComplete;
    await settled(el);
    expect(deepQueryAll(el, '[role="listitem"]').length).toBeLessThan(60);
    expect(visibleText(el)).toContain('400 documents');
    await expectAccessible(el);

    const select = deepQuery<HTMLSelectElement>(el, 'select');
    expect([...select.options].map((o) => o.textContent?.trim())).toEqual([
      'All sources (400)',
      'Riverside Medical Practice (100)',
      'Weald General Hospital NHS Trust (300)',
    ]);
    select.value = 'gp';
    select.dispatchEvent(new Event('change'));
    await settled(el);
    expect(visibleText(el)).toContain('400 documents; showing 100 matching');
  });
});
