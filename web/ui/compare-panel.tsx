/**
 * ComparePanel (`--against`): the `stowage diff` of this image against the other — shared and own
 * layers, and the files added, removed and changed between the two final filesystems.
 */
import type { DiffReport } from '../../src/report/diff-report.js';
import { formatBytes } from '../data/format.js';

/** ComparePanelProps: the diff, and where a click on a path leads. */
export interface ComparePanelProps {
  diff: DiffReport;
  onPath(path: string): void;
}

const SHOWN = 1000;

/** ComparePanel shows the comparison. */
export function ComparePanel({ diff, onPath }: ComparePanelProps) {
  const f = diff.files;
  return (
    <div class="panel compare-panel">
      <p>
        A: {diff.referenceA}
        <br />
        B: {diff.referenceB}
      </p>
      <h3>
        Layers: {diff.layers.commonBaseLayers} shared base, {diff.layers.sharedByDiffId.length} shared in all,{' '}
        {diff.layers.layersToPull} of B’s to pull ({formatBytes(diff.layers.bytesToPull)})
      </h3>
      <table class="kv layers-compare">
        <tbody>
          {diff.layers.alignment.map((l) => (
            <tr key={l.index} class={`match-${l.match}`}>
              <td>{l.index}</td>
              <td>{l.match}</td>
              <td class="num">{l.a !== undefined ? formatBytes(l.a.size) : ''}</td>
              <td class="num">{l.b !== undefined ? formatBytes(l.b.size) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>
        Files: +{f.added} −{f.removed} ~{f.changedContent} content, ~{f.changedMetadata} metadata (
        {f.sizeDelta >= 0 ? '+' : '−'}
        {formatBytes(Math.abs(f.sizeDelta))})
      </h3>
      <ul class="list file-changes">
        {f.changes.slice(0, SHOWN).map((c) => (
          <li
            key={c.path}
            class={`clickable fc-${c.kind}`}
            data-diff-kind={c.kind}
            onClick={() => onPath(c.path)}
          >
            <span class="kind">{c.kind}</span> {c.path}{' '}
            <span class="num">
              {c.sizeDelta >= 0 ? '+' : '−'}
              {formatBytes(Math.abs(c.sizeDelta))}
            </span>
          </li>
        ))}
      </ul>
      {f.changes.length > SHOWN && (
        <p class="note">
          first {SHOWN} of {f.changes.length}
        </p>
      )}
    </div>
  );
}
