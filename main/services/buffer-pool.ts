/**
 * A few byte buffers lent out in turn, for reading whole files that are needed only for a moment (the decoded-label
 * cache reads some forty files of about a megabyte for one `query --coords`). Fresh memory costs a page fault per
 * 4 KiB the first time it is touched, which on the machines measured took longer than reading the files; a handful
 * of buffers used again do not. At most `size` buffers are out at once; a caller waits for one to come back.
 */
export class BufferPool {
  private readonly free: Uint8Array[] = [];
  private out = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  /** Runs `use` with a buffer of at least `bytes` bytes (its contents are whatever was there before). */
  async with<T>(bytes: number, use: (buffer: Uint8Array) => Promise<T>): Promise<T> {
    while (this.out >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.out++;
    let buffer = this.free.pop();
    if (!buffer || buffer.length < bytes) buffer = new Uint8Array(Math.max(bytes, buffer ? 2 * buffer.length : 0));
    try {
      return await use(buffer);
    } finally {
      this.free.push(buffer);
      this.out--;
      this.waiting.shift()?.();
    }
  }
}
