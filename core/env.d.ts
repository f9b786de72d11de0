/**
 * The few host globals core/ uses, declared for tsconfig.core.json, which compiles core/ against the ECMAScript
 * library only (no DOM, no Node types) so that core/ cannot start depending on either by accident. Everything here
 * exists, with these signatures, in browsers, web workers, Electron and Node >= 20 alike (WHATWG Encoding,
 * WebAssembly JS API, atob); the DOM library is where TypeScript normally declares them, hence this file.
 * Declare only what core/ calls, as narrowly as its calls need. The root tsconfig.json, which includes lib DOM,
 * excludes this file (its declarations would clash with the DOM library's).
 */

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

/** Base64 to a binary string (one char per byte). */
declare function atob(data: string): string;

declare namespace WebAssembly {
  class Module {
    constructor(bytes: ArrayBuffer | ArrayBufferView);
  }
  class Instance {
    constructor(module: Module, importObject?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
}
