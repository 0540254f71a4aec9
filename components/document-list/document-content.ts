// Turns one attachment of a document into something the viewer can show,
// fetching it (with the source's token, through the injected fetcher) when it
// is not inline. HTML and text come back as strings (HTML goes on to
// <cr-safe-narrative>); PDF and anything else as blob: URLs typed by us, never by
// the source, so a blob can never be read as HTML in the viewer's origin.

import type { DocumentAttachment, SourceRef } from '../../src/record/model';
import { base64ToBytes } from '../../src/format/base64';
import type { AttachmentFetcher } from '../../src/sources/attachments';
import { downloadName } from '../../src/sources/download-name';

export type DocumentContent =
  | { kind: 'html'; html: string }
  | { kind: 'text'; text: string }
  | { kind: 'pdf'; url: string; fileName: string }
  | { kind: 'download'; url: string; fileName: string }
  | { kind: 'error'; message: string };

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

function isPdf(bytes: Uint8Array): boolean {
  return PDF_MAGIC.every((b, i) => bytes[i] === b);
}

/** A file name for downloads: the title made safe, with the extension of what the bytes are (never the source's). */
export function fileNameFor(title: string, attachment: DocumentAttachment, bytes: Uint8Array): string {
  return downloadName(attachment.title ?? title, bytes);
}

async function bytesOf(
  attachment: DocumentAttachment,
  source: SourceRef,
  fetcher: AttachmentFetcher | undefined,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  if (attachment.data !== undefined) return base64ToBytes(attachment.data);
  if (!attachment.url) throw new Error('the document has no content');
  if (!fetcher) throw new Error(`documents held at ${source.organisation} cannot be opened here`);
  const blob = await fetcher({
    source,
    url: attachment.url,
    ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
    signal,
  });
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Loads an attachment for display. Never rejects: a failure becomes
 * `{ kind: 'error' }` with a reason to show. The caller revokes blob URLs.
 */
export async function loadContent(
  title: string,
  attachment: DocumentAttachment,
  source: SourceRef,
  fetcher: AttachmentFetcher | undefined,
  signal: AbortSignal,
): Promise<DocumentContent> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await bytesOf(attachment, source, fetcher, signal);
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : 'the document could not be read' };
  }
  const fileName = fileNameFor(title, attachment, bytes);
  switch (attachment.format) {
    case 'html':
      return { kind: 'html', html: new TextDecoder('utf-8').decode(bytes) };
    case 'text':
      return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes) };
    case 'pdf':
      // Shown inline only when it is a PDF; otherwise offered as a file, never rendered.
      return isPdf(bytes)
        ? { kind: 'pdf', url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), fileName }
        : { kind: 'download', url: URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' })), fileName };
    default:
      return { kind: 'download', url: URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' })), fileName };
  }
}

/** Format names as a reader knows them. */
export function formatLabel(attachment: DocumentAttachment): string {
  switch (attachment.format) {
    case 'html':
      return 'Web page (HTML)';
    case 'text':
      return 'Text';
    case 'pdf':
      return 'PDF';
    default:
      return attachment.contentType ? `File (${attachment.contentType})` : 'File';
  }
}
