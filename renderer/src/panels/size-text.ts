/** A download size as people read it: kilobytes under a megabyte ("128 kB"), else megabytes ("12.3 MB"). */
export function sizeText(bytes: number, unitOf = bytes): string {
  return unitOf < 1e6 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
