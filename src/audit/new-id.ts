// Event ids: random UUIDs (crypto.randomUUID is in every supported browser and in Node).
export function newAuditId(): string {
  return globalThis.crypto.randomUUID();
}
