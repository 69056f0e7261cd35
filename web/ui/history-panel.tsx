/**
 * HistoryPanel: the selected path — its details as the selected view shows it, and every layer that
 * touched it (added, modified, deleted or hid it) with that layer's instruction.
 */
import { ENTRY_TYPES, EVENT_KINDS } from '../../src/report/explore-types.js';
import type { ImageIndex } from '../data/image-index.js';
import { formatBytes, instructionText, modeString } from '../data/format.js';
import type { TreeView } from '../data/view.js';

/** HistoryPanelProps: the index, the view and the selected path id. */
export interface HistoryPanelProps {
  index: ImageIndex;
  view: TreeView;
  selected: number;
  onLayer(layer: number): void;
}

/** HistoryPanel shows a path's details and history. */
export function HistoryPanel({ index, view, selected, onLayer }: HistoryPanelProps) {
  if (selected <= 0) return <div class="panel">Select a path in the tree.</div>;
  const e = index.model.events;
  const r = view.row[selected] as number;
  const layers = index.model.inspect.layers;
  return (
    <div class="panel history-panel">
      <h3 class="path">/{index.path(selected)}</h3>
      {r >= 0 && (
        <table class="kv">
          <tbody>
            <tr>
              <td>type</td>
              <td>{ENTRY_TYPES[e.type[r] as number]}</td>
            </tr>
            <tr>
              <td>mode</td>
              <td>
                {modeString(e.type[r] as number, e.mode[r] as number)} ({(e.mode[r] as number).toString(8)})
              </td>
            </tr>
            <tr>
              <td>owner</td>
              <td>
                {e.uid[r]}:{e.gid[r]}
              </td>
            </tr>
            <tr>
              <td>size</td>
              <td>{formatBytes(e.size[r] as number)}</td>
            </tr>
            {e.links[r] !== undefined && (
              <tr>
                <td>link</td>
                <td>{e.links[r]}</td>
              </tr>
            )}
            {e.fields[r] !== undefined && (
              <tr>
                <td>changed</td>
                <td>{e.fields[r]?.join(', ')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <h3>History</h3>
      <ol class="list history">
        {index.events(selected).map((row) => (
          <li
            key={row}
            class="clickable"
            data-history-layer={e.layer[row]}
            onClick={() => onLayer(e.layer[row] as number)}
          >
            <span class={`kind k-${EVENT_KINDS[e.kind[row] as number]}`}>
              {EVENT_KINDS[e.kind[row] as number]}
            </span>{' '}
            in layer {e.layer[row]} ({formatBytes(e.size[row] as number)}) —{' '}
            {instructionText(layers[e.layer[row] as number]?.createdBy ?? null)}
          </li>
        ))}
      </ol>
    </div>
  );
}
