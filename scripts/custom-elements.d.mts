export const MANIFEST_FILE: string;
export function generateManifest(): string;
