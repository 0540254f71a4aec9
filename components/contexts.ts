// The contexts <care-record> provides to its section elements. Keys are
// symbols-by-name so a second copy of this module (e.g. a host bundling the
// viewer twice) still matches.

import { createContext } from '@lit/context';
import type { LaunchContext, LaunchUser } from '../src/launch-context/launch-context';
import type { CareRecord } from '../src/record/model';
import type { AttachmentFetcher } from '../src/sources/attachments';

/** The user viewing the record, as far as the launch tells us. */
export type ViewerUser = LaunchUser;

/**
 * The part of the launch the components read. A full `LaunchContext` fits;
 * tests and hosts embedding the element can pass just these.
 */
export type ViewerLaunchContext = Pick<LaunchContext, 'needPatientBanner'> &
  Partial<Pick<LaunchContext, 'smartStyleUrl' | 'user' | 'intent'>>;

export const recordContext = createContext<CareRecord | undefined>(Symbol.for('scr.record'));
export const launchInfoContext = createContext<ViewerLaunchContext | undefined>(Symbol.for('scr.launch-context'));
export const userContext = createContext<ViewerUser | undefined>(Symbol.for('scr.user'));

/**
 * Fetches a document's content held at its source (an attachment `url`) with
 * that source's token: `createAttachmentFetcher` from src/sources, given the
 * configured sources and the launch. Without it, such documents offer no content.
 */
export const attachmentFetcherContext = createContext<AttachmentFetcher | undefined>(Symbol.for('scr.attachment-fetcher'));
