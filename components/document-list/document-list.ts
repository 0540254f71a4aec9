import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import '@lit-labs/virtualizer';
import { homeEndThroughVirtualizer } from '../virtual-scroller';
import { documentTypes, filterDocuments } from '../../src/record/documents';
import type { CareRecord, DocumentItem, Section, SourceRef } from '../../src/record/model';
import type { AttachmentFetcher } from '../../src/sources/attachments';
import { attachmentFetcherContext, recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDateTime, formatNumber } from '../../src/format';
import { formatLabel, loadContent, type DocumentContent } from './document-content';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import '../safe-narrative/safe-narrative';
import { styles } from './document-list.styles';
import { fire } from '../events';
import { defineElement } from '../define';

/** Lists longer than this are virtualised. */
const VIRTUALISE_OVER = 50;

type Shown = { kind: 'loading' } | { kind: 'composition' } | { kind: 'none' } | DocumentContent;

/**
 * Letters, discharge summaries and other documents from every source, newest
 * first, each with its date, type, author and source. Opening one shows it in
 * a dialog inside the viewer: HTML and FHIR narrative only through
 * `<cr-safe-narrative>`, plain text as text, a PDF from a `blob:` URL in an
 * `<object>` with a download link (content held at the source is fetched with
 * that source's token by the `attachmentFetcherContext` fetcher; the page never
 * navigates to a source URL). Long lists are virtualised.
 *
 * @summary Documents and letters, opened inside the viewer.
 *
 * @csspart filter - The source filter.
 * @csspart list - The list of documents.
 * @csspart document - One document in the list.
 * @csspart open - The button opening a document.
 * @csspart dialog - The dialog showing an open document.
 * @csspart content - The document's content in the dialog.
 *
 * @cssprop --scr-documents-height - Height of the scroll region of a long list (default `min(60vh, 32rem)`).
 * @cssprop --scr-color-border - Rules between documents.
 * @cssprop --scr-color-modal-backdrop - Backdrop behind the open document.
 * @cssprop --scr-color-surface - Background of the plain-text and notice boxes.
 *
 * @fires document-open - `{ key }`, when a document is opened (e.g. to audit it).
 */
@defineElement('cr-document-list')
export class DocumentList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) documents?: Section<DocumentItem>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Fetches content held at a source; taken from `attachmentFetcherContext` when not set. */
  @property({ attribute: false }) fetchAttachment?: AttachmentFetcher;
  /** Heading level of the section (2–3). */
  @property({ type: Number }) level: 2 | 3 = 2;

  /** Source name shown, or '' for every source. */
  @state() private sourceFilter = '';
  @state() private typeFilter = '';
  @state() private search = '';
  @state() private opened?: DocumentItem;
  @state() private attachmentIndex = 0;
  @state() private shown: Shown = { kind: 'none' };

  @query('dialog') private dialog?: HTMLDialogElement;

  private contextFetcher?: AttachmentFetcher;
  private loading?: AbortController;
  private blobUrl?: string;
  private opener?: HTMLElement;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.documents = r?.documents;
      this.sources = r?.sources ?? [];
    });
    new ContextSelector(this, attachmentFetcherContext, (fetcher: AttachmentFetcher | undefined) => {
      this.contextFetcher = fetcher;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.releaseContent();
  }

  /** Opens the document with this key (e.g. from the timeline). Returns false when there is none. */
  open(key: string, opener?: HTMLElement): boolean {
    const doc = this.documents?.items.find((d) => d.key === key);
    if (!doc) return false;
    this.opener = opener ?? (this.shadowRoot?.activeElement as HTMLElement | null) ?? undefined;
    this.opened = doc;
    this.attachmentIndex = 0;
    fire(this, 'document-open', { key });
    return true;
  }

  close(): void {
    if (!this.dialog?.open) return;
    this.dialog.close();
    this.closed();
  }

  // Private state: PropertyValues<this> would not know these names.
  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('opened') || changed.has('attachmentIndex')) this.loadShown();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('opened') && this.opened && this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  private loadShown(): void {
    this.releaseContent();
    const doc = this.opened;
    if (!doc) {
      this.shown = { kind: 'none' };
      return;
    }
    const attachment = doc.attachments[this.attachmentIndex];
    if (!attachment) {
      this.shown = doc.narrative || doc.sections.length ? { kind: 'composition' } : { kind: 'none' };
      return;
    }
    const abort = new AbortController();
    this.loading = abort;
    this.shown = { kind: 'loading' };
    void loadContent(doc.title, attachment, doc.provenance.source, this.fetchAttachment ?? this.contextFetcher, abort.signal).then(
      (content) => {
        if (abort.signal.aborted) {
          if ('url' in content) URL.revokeObjectURL(content.url);
          return;
        }
        if ('url' in content) this.blobUrl = content.url;
        this.shown = content;
      },
    );
  }

  private releaseContent(): void {
    this.loading?.abort();
    this.loading = undefined;
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    this.blobUrl = undefined;
  }

  /** The dialog's close event (Escape, or close()) comes a task later: by then another document may be open. */
  private readonly onDialogClose = (): void => {
    if (this.dialog?.open || !this.opened) return;
    this.closed();
  };

  private closed(): void {
    this.opened = undefined;
    const opener = this.opener;
    this.opener = undefined;
    if (opener?.isConnected) opener.focus();
  }

  override render() {
    const items = this.documents?.items ?? [];
    return html`
      <cr-record-section heading="Documents" .level=${this.level} .section=${this.documents} .sources=${this.sources}>
        ${items.length ? this.renderList(items) : nothing}
      </cr-record-section>
      <dialog part="dialog" aria-labelledby="document-title" @close=${this.onDialogClose}>${this.opened ? this.renderOpened(this.opened) : nothing}</dialog>
    `;
  }

  // ------------------------------------------------------------ list

  private renderList(items: DocumentItem[]) {
    const counts = new Map<string, number>();
    for (const d of items) counts.set(d.provenance.source.name, (counts.get(d.provenance.source.name) ?? 0) + 1);
    const sources = this.sources.filter((s) => counts.has(s.name));
    const types = documentTypes(items);
    const filtered = Boolean(this.sourceFilter || this.typeFilter || this.search.trim());
    const shown = filtered ? filterDocuments(items, { source: this.sourceFilter, type: this.typeFilter, search: this.search }) : items;
    const total = `${formatNumber(items.length)} document${items.length === 1 ? '' : 's'}`;
    return html`
      <div class="filters" part="filter">
        ${
          sources.length > 1
            ? html`<p class="filter">
              <label for="source">Source</label>
              <select id="source" @change=${(e: Event) => (this.sourceFilter = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this.sourceFilter}>All sources (${formatNumber(items.length)})</option>
                ${sources.map(
                  (s) =>
                    html`<option value=${s.name} ?selected=${this.sourceFilter === s.name}>${s.organisation} (${formatNumber(counts.get(s.name) ?? 0)})</option>`,
                )}
              </select>
            </p>`
            : nothing
        }
        ${
          types.length > 1
            ? html`<p class="filter">
              <label for="type">Type</label>
              <select id="type" @change=${(e: Event) => (this.typeFilter = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this.typeFilter}>All types (${formatNumber(items.length)})</option>
                ${types.map((t) => html`<option value=${t.type} ?selected=${this.typeFilter === t.type}>${t.type} (${formatNumber(t.count)})</option>`)}
              </select>
            </p>`
            : nothing
        }
        ${
          items.length > 1
            ? html`<p class="filter">
              <label for="search">Search titles</label>
              <input id="search" type="search" autocomplete="off" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} />
            </p>`
            : nothing
        }
      </div>
      <p class="count" role="status">${filtered ? `${total}; showing ${formatNumber(shown.length)} matching` : total}</p>
      ${filtered && shown.length === 0 ? html`<p>No documents match.</p>` : nothing}
      ${
        shown.length > VIRTUALISE_OVER
          ? html`<div class="scroller" role="region" aria-label="Documents, newest first" tabindex="0" @keydown=${homeEndThroughVirtualizer}>
            <lit-virtualizer
              role="list"
              part="list"
              aria-label="Documents, newest first"
              .items=${shown}
              .keyFunction=${(d: DocumentItem) => d.key}
              .renderItem=${(d: DocumentItem, i: number) => this.renderDocument(d, i, shown.length)}
            ></lit-virtualizer>
          </div>`
          : html`<div class="plain" role="list" part="list" aria-label="Documents, newest first">
            ${shown.map((d, i) => this.renderDocument(d, i, shown.length))}
          </div>`
      }
    `;
  }

  private renderDocument(d: DocumentItem, index: number, size: number) {
    return html`<div class="entry" part="document" role="listitem" aria-setsize=${size} aria-posinset=${index + 1}>
      <p class="when">${formatDateTime(d.date)}</p>
      <div>
        <p class="tags">
          ${d.type ? html`<span class="tag">${d.type}</span>` : nothing}
          <span class="tag ${d.superseded ? 'superseded' : ''}">${d.status}</span>
        </p>
        <button type="button" class="open" part="open" aria-haspopup="dialog" @click=${(e: Event) => this.open(d.key, e.currentTarget as HTMLElement)}>
          ${d.title}
        </button>
        ${d.author ? html`<p class="author"><span class="label">Author</span> <span class="value">${d.author}</span></p>` : nothing}
        <cr-provenance-line .provenance=${d.provenance}></cr-provenance-line>
      </div>
    </div>`;
  }

  // ------------------------------------------------------------ dialog

  private renderOpened(d: DocumentItem) {
    const others = d.attachments.length > 1 ? d.attachments : [];
    return html`
      <div class="dialog-header">
        <h2 id="document-title">${d.title}</h2>
        <button type="button" class="close" @click=${() => this.close()}>Close</button>
      </div>
      <p class="meta">
        ${[d.type, formatDateTime(d.date), d.author ? `by ${d.author}` : undefined, d.provenance.source.organisation, d.status].filter(Boolean).join(' · ')}
      </p>
      ${
        others.length
          ? html`<p class="formats">
            <span class="label">Format</span>
            ${others.map(
              (
                a,
                i,
              ) => html`<button type="button" aria-pressed=${i === this.attachmentIndex ? 'true' : 'false'} @click=${() => (this.attachmentIndex = i)}>
                ${formatLabel(a)}
              </button>`,
            )}
          </p>`
          : nothing
      }
      <div class="content" part="content">${this.renderContent(d)}</div>
    `;
  }

  private renderContent(d: DocumentItem) {
    const shown = this.shown;
    const from = d.provenance.source.organisation;
    switch (shown.kind) {
      case 'loading':
        return html`<p class="notice" role="status">Loading the document from ${from}</p>`;
      case 'none':
        return html`<p class="notice">${from} sent no content for this document.</p>`;
      case 'error':
        return html`<p class="notice error" role="alert">The document could not be opened: ${shown.message}.</p>`;
      case 'html':
        return html`<cr-safe-narrative .content=${shown.html} label=${d.title}></cr-safe-narrative>`;
      case 'text':
        return html`<pre class="text" tabindex="0" aria-label=${d.title}>${shown.text}</pre>`;
      case 'pdf':
        return html`<object class="pdf" type="application/pdf" data=${shown.url} aria-label=${d.title}>
            <p class="notice">This browser cannot show the PDF here.</p>
          </object>
          <p><a href=${shown.url} download=${shown.fileName}>Download the PDF (${shown.fileName})</a></p>`;
      case 'download':
        return html`<p class="notice">This document cannot be shown in the viewer.</p>
          <p><a href=${shown.url} download=${shown.fileName}>Download it (${shown.fileName})</a></p>`;
      case 'composition':
        return html`${d.narrative ? html`<cr-safe-narrative .content=${d.narrative} label=${d.title}></cr-safe-narrative>` : nothing}
        ${d.sections.map(
          (s) => html`<section class="part depth-${Math.min(s.depth, 3)}" aria-label=${s.title ?? d.title}>
            ${s.title ? html`<h3>${s.title}</h3>` : nothing}
            ${s.narrative ? html`<cr-safe-narrative .content=${s.narrative}></cr-safe-narrative>` : nothing}
          </section>`,
        )}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-document-list': DocumentList;
  }
}
