/**
 * Key/value pairs of ARG, ENV and LABEL instructions (`K=V K2="v 2"`, the legacy `ENV K v w`, and
 * bare `ARG NAME`), with quotes removed from values.
 */
import type { Instruction } from './model.js';
import { splitWords, unquote } from './words.js';

/** KeyValue is one pair; value is undefined for a bare `ARG NAME`. */
export interface KeyValue {
  key: string;
  value: string | undefined;
}

/** keyValues lists the pairs an ARG, ENV or LABEL declares (empty for other kinds). */
export function keyValues(ins: Instruction): KeyValue[] {
  if (ins.kind !== 'ARG' && ins.kind !== 'ENV' && ins.kind !== 'LABEL') return [];
  const words = splitWords(ins.args).map((w) => w.text);
  const first = words[0];
  if (first === undefined) return [];
  if (ins.kind === 'ENV' && !first.includes('=')) {
    // Legacy form: ENV KEY the rest is the value.
    return [{ key: first, value: unquote(ins.args.trim().slice(first.length).trim()) }];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq === -1) return { key: unquote(w), value: undefined };
    return { key: unquote(w.slice(0, eq)), value: unquote(w.slice(eq + 1)) };
  });
}
