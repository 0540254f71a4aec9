// Deterministic UUIDs: the same key always gives the same UUID, so a bundle's
// fullUrls (and the references between its entries) are stable between starts.

/** A 128-bit hash of the key (four FNV-1a lanes with a murmur3 finaliser), as a UUID (version 8, custom). */
export function uuidFromKey(key: string): string {
  const lanes = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    for (let l = 0; l < 4; l++) lanes[l] = Math.imul((lanes[l] as number) ^ (c + l * 0x3b), 0x01000193 + l * 2);
  }
  const hex = lanes
    .map((h, l) =>
      fmix(h ^ key.length ^ (l * 0x27d4eb2d))
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
