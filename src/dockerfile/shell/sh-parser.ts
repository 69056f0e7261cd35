/**
 * shParse: sh-syntax's parser with its WebAssembly module compiled once per process. sh-syntax's
 * own `parse` recompiles the module on every call (~43 ms a script); reusing the compiled module
 * leaves only the per-call instance start-up (~20 ms). A single instance cannot be reused: the Go
 * runtime inside faults on a second call.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getProcessor, type File, type GetWebAssemblyInstance, type ShOptions } from 'sh-syntax';

/** The slice of the WebAssembly global used here (the project's lib settings leave it untyped). */
interface Wasm {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<unknown>;
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

const require = createRequire(import.meta.url);
let compiled: Promise<object> | undefined;

function wasmModule(): Promise<object> {
  compiled ??= readFile(join(dirname(require.resolve('sh-syntax/package.json')), 'main.wasm')).then((b) =>
    wasm.compile(b),
  );
  return compiled;
}

const instantiate = (async (imports: object) =>
  wasm.instantiate(await wasmModule(), imports)) as unknown as GetWebAssemblyInstance;
const processor = getProcessor(instantiate);

/** shParse parses a shell script into mvdan/sh's syntax tree; syntax errors throw ParseError. */
export function shParse(text: string, options: ShOptions): Promise<File> {
  return processor(text, options) as Promise<File>;
}
