// The states every record section shows the same way, so a user never takes
// one for another: still loading, loaded with nothing recorded, and failed.

import { expect } from 'vitest';
import type { Section, SourceRef } from '../../src/record/model';
import { expectAccessible } from './axe';
import { SOURCES, failedEverywhere, loadingEverywhere, section } from './source-fixtures';
import { visibleText } from './render';

/**
 * Mounts the element (through `show`) with its section loading, empty and
 * failed from every source, and checks each reads as it should and is
 * accessible: "Loading from …" (`text.loading`), `text.empty`, and "Could not
 * be loaded"; neither loading nor failed ever says "None recorded".
 */
export async function expectLoadingEmptyFailed(
  show: (section: Section<never>) => Promise<Element>,
  text: { loading: string; empty: string },
  sources: SourceRef[] = SOURCES,
): Promise<void> {
  const loading = await show(section([], loadingEverywhere(sources), [], sources));
  expect(visibleText(loading)).toContain(text.loading);
  expect(visibleText(loading)).not.toContain('None recorded');
  await expectAccessible(loading);

  const empty = await show(section([], {}, [], sources));
  expect(visibleText(empty)).toContain(text.empty);
  await expectAccessible(empty);

  const failed = await show(section([], failedEverywhere(sources), [], sources));
  expect(visibleText(failed)).toContain('Could not be loaded');
  expect(visibleText(failed)).not.toContain('None recorded');
  await expectAccessible(failed);
}
