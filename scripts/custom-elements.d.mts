export const MANIFEST_FILE: string;
export const EMBEDDING_DOC: string;
export const PUBLIC_ELEMENTS: string[];
export function generateManifest(): string;
export function apiMarkdown(manifestText: string): string;
export function embeddingDoc(manifestText: string, current?: string): string;
