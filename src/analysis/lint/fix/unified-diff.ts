/**
 * unifiedDiff: a line diff of two texts in the unified format `patch` and `git apply` read
 * (3 lines of context, `\ No newline at end of file` markers). LCS by dynamic programming, which
 * is plenty for Dockerfiles (a few hundred lines).
 */

interface Op {
  kind: ' ' | '-' | '+';
  line: string;
  /** aNo / bNo: lines of each side consumed once this op is done (its own number when on that side). */
  aNo: number;
  bNo: number;
  /** noEol marks the last line of a side that has no final newline. */
  noEol: boolean;
}

const NO_EOL = '\u0000';

/** splitLines splits into lines; a last line without newline is tagged so it never equals one with. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

function diffOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  const op = (kind: Op['kind'], raw: string, aNo: number, bNo: number): Op => ({
    kind,
    line: raw.endsWith(NO_EOL) ? raw.slice(0, -1) : raw,
    aNo,
    bNo,
    noEol: raw.endsWith(NO_EOL),
  });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
      ops.push(op(' ', a[i - 1]!, i, j));
    } else if (i < n && (j >= m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
      i++;
      ops.push(op('-', a[i - 1]!, i, j));
    } else {
      j++;
      ops.push(op('+', b[j - 1]!, i, j));
    }
  }
  return ops;
}

/** unifiedDiff returns the diff from `a` to `b` ('' when equal), headed `--- aName` / `+++ bName`. */
export function unifiedDiff(a: string, b: string, aName: string, bName: string, context = 3): string {
  if (a === b) return '';
  const ops = diffOps(splitLines(a), splitLines(b));
  const changed = ops.flatMap((o, k) => (o.kind === ' ' ? [] : [k]));
  let out = `--- ${aName}\n+++ ${bName}\n`;
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k]! - context);
    let end = changed[k]!;
    while (k < changed.length && changed[k]! - end <= 2 * context) end = changed[k++]!;
    const hunk = ops.slice(start, Math.min(ops.length, end + context + 1));
    const aLines = hunk.filter((o) => o.kind !== '+');
    const bLines = hunk.filter((o) => o.kind !== '-');
    // An empty side is numbered by the line before the hunk (unified diff convention).
    const aStart = aLines[0]?.aNo ?? hunk[0]!.aNo;
    const bStart = bLines[0]?.bNo ?? hunk[0]!.bNo;
    out += `@@ -${aStart},${aLines.length} +${bStart},${bLines.length} @@\n`;
    for (const o of hunk) {
      out += `${o.kind}${o.line}\n`;
      if (o.noEol) out += '\\ No newline at end of file\n';
    }
  }
  return out;
}
