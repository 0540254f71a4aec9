// The tab's DPoP key: made once, kept across a reload of the record page
// (IndexedDB), and gone after the lock.

import { afterEach, describe, expect, test, vi } from 'vitest';

/** The module as a reloaded page gets it: its memory empty, the tab's sessionStorage and IndexedDB kept. */
async function freshStore(): Promise<typeof import('./dpop-key-store')> {
  vi.resetModules();
  return import('./dpop-key-store');
}

/** The ids of the keys IndexedDB holds now. */
function storedIds(): Promise<IDBValidKey[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('care-record-viewer', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('dpop-keys');
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    open.onsuccess = () => {
      const request = open.result.transaction('dpop-keys').objectStore('dpop-keys').getAllKeys();
      request.onsuccess = () => {
        open.result.close();
        resolve(request.result);
      };
    };
  });
}

afterEach(async () => {
  await (await freshStore()).forgetSessionDpopKey();
});

describe('the session DPoP key', () => {
  test('is the same key after a reload, without the launch having waited for it to be stored', async () => {
    const first = await freshStore();
    const made = await first.sessionDpopKey();
    // The launch has its key at once; the store's write finishes on its own.
    const id = sessionStorage.getItem('care-record-viewer:dpop-key');
    await vi.waitFor(async () => expect(await storedIds()).toContain(id));
    const reloaded = await (await freshStore()).sessionDpopKey();
    expect(reloaded.jwk).toEqual(made.jwk);
  });

  test('is a new key after the lock forgets it, even straight after it was made', async () => {
    const store = await freshStore();
    const made = await store.sessionDpopKey();
    const id = sessionStorage.getItem('care-record-viewer:dpop-key');
    await store.forgetSessionDpopKey();
    // Not put back by the write still under way when it was forgotten.
    expect(await storedIds()).not.toContain(id);
    const after = await (await freshStore()).sessionDpopKey();
    expect(after.jwk).not.toEqual(made.jwk);
  });
});
