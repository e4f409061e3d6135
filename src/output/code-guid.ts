import { createHash } from 'node:crypto';

/** The RFC 4122 URL namespace (6ba7b811-9dad-11d1-80b4-00c04fd430c8), as bytes. */
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');

/**
 * A stable GUID for a code of the codebook: a name-based UUID, version 5 (SHA-1), in the URL
 * namespace, of the name `findings:code:<code>`. The same code always gets the same GUID, so an
 * exported codebook is byte-identical from run to run and a re-export keeps the codes' identity
 * for QDA tools that match codes by GUID.
 *
 * Reference: RFC 4122 (2005), section 4.3. Python: `uuid.uuid5(uuid.NAMESPACE_URL, 'findings:code:structure')`.
 *
 * @example
 * codeGuid('structure'); // '…-…-5…-…-…' (version 5, RFC 4122 variant)
 */
export function codeGuid(code: string): string {
  const hash = createHash('sha1').update(URL_NAMESPACE).update(`findings:code:${code}`, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
