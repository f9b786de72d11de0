/**
 * One error type for everything that comes from outside the program: files, tables, arguments, the network.
 * The message is a sentence a person can act on and, where a file is involved, starts with its name:
 * "AAL3v1.nii.gz: gzip stream ends early at byte 38 211".
 */
export type AtlasErrorCode =
  | 'not-found' // a file, atlas, region or variant does not exist
  | 'truncated' // data ends before it should
  | 'corrupt' // data is malformed
  | 'unsupported' // well-formed but not something we read (datatype, format)
  | 'too-large' // would exceed the memory ceiling
  | 'invalid-labels' // a label volume or table that cannot be used as labels
  | 'invalid-argument' // a bad argument from a user, a script or the other process
  | 'network' // a download failed
  | 'cancelled' // the user stopped it (a download)
  | 'checksum'; // downloaded or stored bytes do not match the catalog

export class AtlasError extends Error {
  readonly code: AtlasErrorCode;
  readonly file: string | undefined;

  constructor(code: AtlasErrorCode, message: string, file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'AtlasError';
    this.code = code;
    this.file = file;
  }
}

export function isAtlasError(e: unknown): e is AtlasError {
  return e instanceof AtlasError;
}

/** Formats a byte offset the way the messages use it: 38211 -> "38 211". */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
