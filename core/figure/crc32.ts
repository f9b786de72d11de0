/**
 * CRC-32 as PNG chunks and zlib use it (ISO-HDLC: reflected polynomial 0xEDB88320, initial value and final XOR
 * 0xFFFFFFFF), one table lookup per byte. crc32 of the ASCII bytes '123456789' is the standard check value 0xCBF43926.
 */

/** CRC of every one-byte value, built once when the module loads. */
const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of the bytes, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
