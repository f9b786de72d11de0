/** Types of build-wasm.mjs for the unit test that checks the generated kernel modules. */
export const WASM_DIR: string;
export function wasmModuleSource(watName: string, watText: string): Promise<string>;
