// Base64 as FHIR carries content inline (`Attachment.data`) and as a JWT
// carries its claims (base64url). atob is in browsers and Node alike.

/** The bytes of base64 content; whitespace is ignored. Throws on content that is not base64. */
export function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Base64 content as UTF-8 text (invalid sequences become U+FFFD). Throws on content that is not base64. */
export function base64ToText(data: string): string {
  return new TextDecoder('utf-8').decode(base64ToBytes(data));
}

/** Base64url (a JWT's parts) as UTF-8 text. Throws on content that is not base64url. */
export function base64UrlToText(data: string): string {
  return base64ToText(data.replace(/-/g, '+').replace(/_/g, '/'));
}
