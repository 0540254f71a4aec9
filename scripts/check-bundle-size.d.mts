export interface BuiltFile {
  /** Path below the build directory, e.g. `assets/index-abc.js`. */
  file: string;
  bytes: number;
  gzip: number;
}

export interface PageBundle {
  /** The entry page, e.g. `index.html`. */
  page: string;
  initial: BuiltFile[];
  initialGzip: number;
  initialBytes: number;
  lazy: BuiltFile[];
  lazyGzip: number;
  lazyBytes: number;
}

export interface BundleMeasurement {
  dist: string;
  pages: PageBundle[];
}

export const BUDGET_FILE: string;
export function initialJsBudgetBytes(budgetFile?: string): number;
export function measureBundle(distDir: string): BundleMeasurement;
export function composition(file: string): { group: string; bytes: number }[] | undefined;
export function pageComposition(dist: string, page: PageBundle): { group: string; gzip: number }[];
export function kB(bytes: number): string;
export function decodeVlq(segment: string): number[];

export interface LibraryEntry {
  /** Below the build directory, e.g. `embed/care-record.js`. */
  entry: string;
  initial: BuiltFile[];
  initialGzip: number;
  initialBytes: number;
  lazy: BuiltFile[];
  lazyGzip: number;
  lazyBytes: number;
}

export const LIBRARY_ENTRIES: string[];
export function libraryBudgetBytes(budgetFile?: string): number;
export function measureLibrary(distDir: string): LibraryEntry[];
