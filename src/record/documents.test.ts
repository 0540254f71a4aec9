import { describe, expect, it } from 'vitest';
import type { Composition, DocumentReference } from '@medplum/fhirtypes';
import { attachmentFormat, buildDocuments, documentTypes, filterDocuments } from './documents';
import type { DocumentItem } from './model';
import { ACUTE, context, GP, input, raw, SUBJECT } from './fixtures';

const LETTER_HTML = '<h1>Emergency department discharge letter</h1><p>Glucose <strong>2.1 mmol/L</strong>.</p><script>alert(1)</script>';

function letter(overrides: Partial<DocumentReference> = {}): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: 'd1',
    status: 'current',
    docStatus: 'final',
    type: {
      coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }],
      text: 'Emergency department discharge letter',
    },
    category: [{ text: 'Letter' }],
    subject: SUBJECT,
    date: '2026-06-04T02:10:00Z',
    author: [{ reference: 'Practitioner/osei', display: 'OSEI, Kwame (Dr)' }],
    custodian: { display: 'Weald General Hospital NHS Trust' },
    description: 'Emergency department discharge letter: hypoglycaemia',
    content: [
      { attachment: { contentType: 'text/html', language: 'en-GB', data: btoa(LETTER_HTML), title: 'ED letter', creation: '2026-06-04' } },
    ],
    context: { encounter: [{ reference: 'Encounter/ae1' }] },
    ...overrides,
  };
}

function composition(overrides: Partial<Composition> = {}): Composition {
  return {
    resourceType: 'Composition',
    id: 'c1',
    status: 'final',
    type: { coding: [{ system: 'http://snomed.info/sct', code: '373942005' }], text: 'Discharge summary' },
    subject: SUBJECT,
    encounter: { reference: 'Encounter/imp1' },
    date: '2026-04-20T15:00:00Z',
    author: [{ display: 'GRANT, Fiona (Dr)' }, { display: 'ADEYEMI, Ruth' }],
    title: 'Discharge summary: Ward 7',
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Summary</p></div>' },
    section: [
      {
        title: 'Diagnoses',
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Fall</p></div>' },
        section: [
          { code: { text: 'Secondary' }, text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>UTI</p></div>' } },
        ],
      },
      { title: 'Empty heading only' },
      {},
    ],
    ...overrides,
  };
}

describe('buildDocuments', () => {
  it('reads a DocumentReference: title, type, category, date, author, custodian, status and inline content', () => {
    expect(buildDocuments([input(ACUTE, [letter()])], context())).toEqual([
      {
        key: 'acute:DocumentReference/d1',
        title: 'Emergency department discharge letter: hypoglycaemia',
        type: 'Emergency department discharge letter',
        category: 'Letter',
        date: '2026-06-04T02:10:00Z',
        author: 'OSEI, Kwame (Dr)',
        custodian: 'Weald General Hospital NHS Trust',
        encounter: 'Encounter/ae1',
        status: 'Final',
        superseded: false,
        attachments: [{ format: 'html', contentType: 'text/html', title: 'ED letter', data: btoa(LETTER_HTML) }],
        sections: [],
        provenance: {
          source: ACUTE,
          resource: 'DocumentReference/d1',
          recorded: '2026-06-04T02:10:00Z',
          lastUpdated: undefined,
          author: 'OSEI, Kwame (Dr)',
        },
      },
    ]);
  });

  it('keeps content to fetch by URL, PDF and other types, and drops attachments with no content', () => {
    const [doc] = buildDocuments(
      [
        input(ACUTE, [
          letter({
            content: [
              { attachment: { contentType: 'application/pdf', url: 'Binary/pdf-1', size: 20480, title: 'Letter (PDF)' } },
              { attachment: { contentType: 'text/plain; charset=utf-8', data: btoa('Plain') } },
              { attachment: { contentType: 'application/msword', url: 'https://elsewhere.example/x.doc' } },
              { attachment: { contentType: 'text/html', title: 'nothing here' } },
            ],
          }),
        ]),
      ],
      context(),
    );
    expect(doc?.attachments).toEqual([
      { format: 'pdf', contentType: 'application/pdf', title: 'Letter (PDF)', url: 'Binary/pdf-1', size: 20480 },
      { format: 'text', contentType: 'text/plain; charset=utf-8', data: btoa('Plain') },
      { format: 'other', contentType: 'application/msword', url: 'https://elsewhere.example/x.doc' },
    ]);
  });

  it('reads a Composition: its narrative and every section, nested ones after their parent', () => {
    const [doc] = buildDocuments([input(ACUTE, [composition()])], context());
    expect(doc).toMatchObject({
      key: 'acute:Composition/c1',
      title: 'Discharge summary: Ward 7',
      type: 'Discharge summary',
      author: 'GRANT, Fiona (Dr), ADEYEMI, Ruth',
      encounter: 'Encounter/imp1',
      status: 'Final',
      attachments: [],
      narrative: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Summary</p></div>',
      sections: [
        { title: 'Diagnoses', narrative: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Fall</p></div>', depth: 0 },
        { title: 'Secondary', narrative: '<div xmlns="http://www.w3.org/1999/xhtml"><p>UTI</p></div>', depth: 1 },
        { title: 'Empty heading only', depth: 0 },
      ],
    });
  });

  it('marks superseded and preliminary documents, and leaves out entered-in-error', () => {
    const docs = buildDocuments(
      [
        input(GP, [
          letter({ id: 'old', status: 'superseded', date: '2020-01-01' }),
          letter({ id: 'draft', docStatus: 'preliminary', date: '2021-01-01' }),
          letter({ id: 'eie', status: 'entered-in-error' }),
          letter({ id: 'eie2', docStatus: 'entered-in-error' }),
          composition({ id: 'eie3', status: 'entered-in-error' }),
        ]),
      ],
      context(),
    );
    expect(docs.map((d) => [d.key, d.status, d.superseded])).toEqual([
      ['gp:DocumentReference/draft', 'Preliminary', false],
      ['gp:DocumentReference/old', 'Superseded', true],
    ]);
  });

  it('orders newest first across sources, partial dates at the start of their period and undated last', () => {
    const docs = buildDocuments(
      [
        input(GP, [
          letter({ id: 'year', date: '2024' }),
          letter({ id: 'none', date: undefined, content: [{ attachment: { data: btoa('x') } }] }),
        ]),
        input(ACUTE, [letter({ id: 'june', date: '2024-06-01' }), composition({ id: 'c', date: '2025-01-01' })]),
      ],
      context(),
    );
    expect(docs.map((d) => d.key)).toEqual([
      'acute:Composition/c',
      'acute:DocumentReference/june',
      'gp:DocumentReference/year',
      'gp:DocumentReference/none',
    ]);
  });

  it('falls back to the context period or attachment creation for the date, and to the type or "Document" for the title', () => {
    const docs = buildDocuments(
      [
        input(GP, [
          letter({ id: 'a', date: undefined, description: undefined, context: { period: { start: '2023-03-01' } } }),
          letter({
            id: 'b',
            date: undefined,
            description: undefined,
            type: undefined,
            content: [{ attachment: { data: btoa('x'), creation: '2022-02-02' } }],
          }),
        ]),
      ],
      context(),
    );
    expect(docs.map((d) => [d.key, d.title, d.date])).toEqual([
      ['gp:DocumentReference/a', 'ED letter', '2023-03-01'],
      ['gp:DocumentReference/b', 'Document', '2022-02-02'],
    ]);
  });

  it('skips and reports a document that cannot be read', () => {
    const skipped: string[] = [];
    const docs = buildDocuments([input(ACUTE, [raw({ ...letter({ id: 'broken' }), content: 'letter' }), letter()])], context(skipped));
    expect(docs.map((d) => d.key)).toEqual(['acute:DocumentReference/d1']);
    expect(skipped).toEqual(['acute:DocumentReference/broken']);
  });
});

describe('document content', () => {
  it('knows which formats it can show', () => {
    expect(
      ['text/html', 'application/xhtml+xml', 'TEXT/PLAIN; charset=utf-8', 'application/pdf', 'image/png', undefined].map(attachmentFormat),
    ).toEqual(['html', 'html', 'text', 'pdf', 'other', 'other']);
  });
});

describe('filterDocuments', () => {
  const item = (key: string, title: string, type?: string, source = ACUTE): DocumentItem => ({
    key,
    title,
    type,
    status: 'Final',
    superseded: false,
    attachments: [],
    sections: [],
    provenance: { source, resource: `DocumentReference/${key}` },
  });
  const all = [
    item('a', 'Clinic letter: diabetes review', 'Clinic letter'),
    item('b', 'Discharge summary: ward 3', 'Discharge summary'),
    item('c', 'Clinic Letter: Eye screening', 'Clinic letter', GP),
  ];

  it('by source, by type and by words in the title (any case, any order)', () => {
    expect(filterDocuments(all, { type: 'Clinic letter' }).map((d) => d.key)).toEqual(['a', 'c']);
    expect(filterDocuments(all, { source: 'gp' }).map((d) => d.key)).toEqual(['c']);
    expect(filterDocuments(all, { search: 'screening EYE' }).map((d) => d.key)).toEqual(['c']);
    expect(filterDocuments(all, { search: '  ' }).map((d) => d.key)).toEqual(['a', 'b', 'c']);
    expect(documentTypes([...all, item('d', 'Scan')])).toEqual([
      { type: 'Clinic letter', count: 2 },
      { type: 'Discharge summary', count: 1 },
      { type: 'Type not recorded', count: 1 },
    ]);
  });
});
