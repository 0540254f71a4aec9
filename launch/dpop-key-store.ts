// The session's DPoP key (src/sources/dpop.ts): made once per tab, kept in
// IndexedDB (the only browser store that holds a CryptoKey, and keeps it
// non-extractable) under an id in this tab's sessionStorage, so that a reload
// of the record page still holds the key its token is bound to. The lock
// screen deletes it; keys older than a working day (tabs closed without a
// lock) are deleted whenever a new one is made. Without IndexedDB the key
// lives in memory only, and a reload then needs a new launch.

import { createDpopKeys, dpopKeyOf, type DpopKey } from '../src/sources/dpop';

const DB_NAME = 'care-record-viewer';
const STORE = 'dpop-keys';
const ID_KEY = 'care-record-viewer:dpop-key';
const MAX_AGE_MS = 12 * 60 * 60 * 1000;

interface Stored {
  keys: CryptoKeyPair;
  created: number;
}

let current: Promise<DpopKey> | undefined;
/** The last write of a new key, which the lock waits for so that it cannot put back a key just forgotten. */
let writing: Promise<unknown> = Promise.resolve();

/** This tab's key, made on first use. */
export function sessionDpopKey(): Promise<DpopKey> {
  current ??= loadOrCreate().catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

/** Forgets this tab's key (the lock screen): the tokens bound to it are useless from now on. */
export async function forgetSessionDpopKey(): Promise<void> {
  const id = sessionStorage.getItem(ID_KEY);
  current = undefined;
  sessionStorage.removeItem(ID_KEY);
  if (!id) return;
  await writing;
  await withStore('readwrite', (store) => store.delete(id)).catch(() => undefined);
}

async function loadOrCreate(): Promise<DpopKey> {
  const id = sessionStorage.getItem(ID_KEY);
  if (id) {
    const stored = await withStore<Stored | undefined>('readonly', (store) => store.get(id)).catch(() => undefined);
    if (stored?.keys.privateKey) return dpopKeyOf(stored.keys);
  }
  const keys = await createDpopKeys();
  const newId = crypto.randomUUID();
  sessionStorage.setItem(ID_KEY, newId);
  // Kept for a reload of the record page, not for now: the code exchange does
  // not wait for IndexedDB to open and write (10-40 ms on a slow PC).
  writing = withStore(
    'readwrite',
    (store) => {
      store.put({ keys, created: Date.now() } satisfies Stored, newId);
      return store.openCursor();
    },
    pruneOld,
  ).catch(() => undefined);
  return dpopKeyOf(keys);
}

/** Deletes keys older than MAX_AGE_MS, walking the cursor the put returned. */
function pruneOld(request: IDBRequest): void {
  const cursor = request.result as IDBCursorWithValue | null;
  if (!cursor) return;
  const value = cursor.value as Partial<Stored>;
  if (typeof value.created !== 'number' || Date.now() - value.created > MAX_AGE_MS) cursor.delete();
  cursor.continue();
}

function withStore<T>(
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest,
  onEach?: (request: IDBRequest) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    open.onsuccess = () => {
      const db = open.result;
      const transaction = db.transaction(STORE, mode);
      const request = act(transaction.objectStore(STORE));
      let result: T;
      request.onsuccess = () => {
        if (onEach) onEach(request);
        else result = request.result as T;
      };
      transaction.oncomplete = () => {
        db.close();
        resolve(result);
      };
      transaction.onerror = () => {
        db.close();
        reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      };
    };
  });
}
