/**
 * Config comparison: the runtime settings that change how a container runs (env by variable,
 * entrypoint, cmd, user, working dir, labels by key, exposed ports, volumes, stop signal, platform)
 * and the build history, aligned by a longest common subsequence of `created_by`.
 */
import type { HistoryEntry, ImageConfig } from '../../model/config.js';

/** ValueChange is one setting that differs; absent values are undefined. */
export interface ValueChange {
  field: string;
  a?: string;
  b?: string;
}

/** HistoryLine is one history step present in only one image. */
export interface HistoryLine {
  index: number;
  createdBy: string;
  emptyLayer: boolean;
}

/** ConfigDiff lists differing settings and the history steps only one image has. */
export interface ConfigDiff {
  changes: ValueChange[];
  history: { common: number; onlyA: HistoryLine[]; onlyB: HistoryLine[] };
}

function keyed(prefix: string, a: Record<string, string>, b: Record<string, string>): ValueChange[] {
  const out: ValueChange[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[k] === b[k]) continue;
    const c: ValueChange = { field: `${prefix}.${k}` };
    if (a[k] !== undefined) c.a = a[k];
    if (b[k] !== undefined) c.b = b[k];
    out.push(c);
  }
  return out;
}

function envMap(env: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env ?? []) {
    const i = e.indexOf('=');
    out[i < 0 ? e : e.slice(0, i)] = i < 0 ? '' : e.slice(i + 1);
  }
  return out;
}

const asJson = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(v));
const keysOf = (o: Record<string, object> | undefined): string | undefined =>
  o === undefined ? undefined : JSON.stringify(Object.keys(o).sort());

/** diffHistory aligns two histories by their `created_by` lines. */
export function diffHistory(a: readonly HistoryEntry[], b: readonly HistoryEntry[]): ConfigDiff['history'] {
  const la = a.map((h) => h.created_by ?? '');
  const lb = b.map((h) => h.created_by ?? '');
  // LCS table; histories are short (tens to a few hundred steps)
  const dp = Array.from({ length: la.length + 1 }, () => new Array<number>(lb.length + 1).fill(0));
  for (let i = la.length - 1; i >= 0; i--) {
    for (let j = lb.length - 1; j >= 0; j--) {
      const row = dp[i] as number[];
      row[j] =
        la[i] === lb[j]
          ? (dp[i + 1] as number[])[j + 1]! + 1
          : Math.max((dp[i + 1] as number[])[j]!, row[j + 1]!);
    }
  }
  const onlyA: HistoryLine[] = [];
  const onlyB: HistoryLine[] = [];
  let i = 0;
  let j = 0;
  const line = (h: HistoryEntry | undefined, index: number): HistoryLine => ({
    index,
    createdBy: h?.created_by ?? '',
    emptyLayer: h?.empty_layer === true,
  });
  while (i < la.length || j < lb.length) {
    if (i < la.length && j < lb.length && la[i] === lb[j]) {
      i++;
      j++;
    } else if (
      j >= lb.length ||
      (i < la.length && (dp[i + 1] as number[])[j]! >= (dp[i] as number[])[j + 1]!)
    ) {
      onlyA.push(line(a[i], i));
      i++;
    } else {
      onlyB.push(line(b[j], j));
      j++;
    }
  }
  return { common: (dp[0] as number[])[0]!, onlyA, onlyB };
}

/** diffConfigs compares two image configs. */
export function diffConfigs(a: ImageConfig, b: ImageConfig): ConfigDiff {
  const ca = a.config;
  const cb = b.config;
  const changes: ValueChange[] = [];
  const scalar = (field: string, va: string | undefined, vb: string | undefined) => {
    if (va === vb) return;
    const c: ValueChange = { field };
    if (va !== undefined) c.a = va;
    if (vb !== undefined) c.b = vb;
    changes.push(c);
  };
  scalar(
    'platform',
    `${a.os}/${a.architecture}${a.variant ? `/${a.variant}` : ''}`,
    `${b.os}/${b.architecture}${b.variant ? `/${b.variant}` : ''}`,
  );
  scalar('entrypoint', asJson(ca.Entrypoint), asJson(cb.Entrypoint));
  scalar('cmd', asJson(ca.Cmd), asJson(cb.Cmd));
  scalar('user', ca.User, cb.User);
  scalar('workingDir', ca.WorkingDir, cb.WorkingDir);
  scalar('stopSignal', ca.StopSignal, cb.StopSignal);
  scalar('exposedPorts', keysOf(ca.ExposedPorts), keysOf(cb.ExposedPorts));
  scalar('volumes', keysOf(ca.Volumes), keysOf(cb.Volumes));
  scalar('healthcheck', asJson(ca.Healthcheck), asJson(cb.Healthcheck));
  // concat, not push(...): an image can carry more env entries or labels than a call has arguments
  const all = changes.concat(
    keyed('env', envMap(ca.Env), envMap(cb.Env)),
    keyed('labels', ca.Labels ?? {}, cb.Labels ?? {}),
  );
  return { changes: all, history: diffHistory(a.history, b.history) };
}
