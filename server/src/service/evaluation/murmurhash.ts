// MurmurHash3, x86 32-bit variant: the hash both Featurevisor SDKs bucket users with.
// The SDKs hash the UTF-8 bytes of the bucket key, so non-ASCII ids must be encoded the same way;
// ASCII keys (nearly all of them) go through a reused buffer, which spares an allocation per hash.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

const encoder = new TextEncoder();

/** Scrambles one 32-bit block before it is mixed into the hash. */
function scramble(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

/** The final avalanche, so that every input bit affects every output bit. */
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

let scratch = new Uint8Array(256);

/** The UTF-8 bytes of a key: ASCII keys are copied into a reused buffer (no allocation), others encoded. */
function bytesOf(text: string): Uint8Array {
  if (text.length > scratch.length) scratch = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return encoder.encode(text);
    scratch[i] = c;
  }
  return scratch;
}

/** Copies ASCII text into the scratch buffer at `at`; false at the first non-ASCII character. */
function copyAscii(text: string, at: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return false;
    scratch[at + i] = c;
  }
  return true;
}

/**
 * The hash of `a + separator + b`, without building that string (joined strings are copied again
 * when their characters are read): bucket keys are hashed thousands of times per context.
 */
export function murmurHash3Joined(a: string, separator: string, b: string, seed: number): number {
  const length = a.length + separator.length + b.length;
  if (length > scratch.length) scratch = new Uint8Array(length * 2);
  if (!copyAscii(a, 0) || !copyAscii(separator, a.length) || !copyAscii(b, a.length + separator.length)) {
    return murmurHash3(a + separator + b, seed);
  }
  return hashBytes(scratch, length, seed);
}

/** The unsigned 32-bit MurmurHash3 of a string's UTF-8 bytes. */
export function murmurHash3(text: string, seed: number): number {
  const bytes = bytesOf(text);
  return hashBytes(bytes, bytes === scratch ? text.length : bytes.length, seed);
}

function hashBytes(bytes: Uint8Array, length: number, seed: number): number {
  const tail = length & 3;
  const body = length - tail;
  let h = seed | 0;
  for (let i = 0; i < body; i += 4) {
    const k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h ^= scramble(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  if (tail === 3) k ^= bytes[body + 2] << 16;
  if (tail >= 2) k ^= bytes[body + 1] << 8;
  if (tail >= 1) {
    k ^= bytes[body];
    h ^= scramble(k);
  }
  h ^= length;
  return finalize(h);
}
