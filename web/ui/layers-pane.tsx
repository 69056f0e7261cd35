/**
 * LayersPane: the layer list — instruction (full text on hover, expanded when selected), stored and
 * unpacked size, +/~/− counts and the bytes each layer hides below; a known base image's layers
 * collapse behind one row.
 */
import { useState } from 'preact/hooks';
import type { ImageIndex } from '../data/image-index.js';
import { formatBytes, instructionText } from '../data/format.js';

/** LayersPaneProps: the index, the selected layer and how to select one. */
export interface LayersPaneProps {
  index: ImageIndex;
  layer: number;
  focused: boolean;
  onSelect(layer: number): void;
}

/** LayersPane lists the layers. */
export function LayersPane({ index, layer, focused, onSelect }: LayersPaneProps) {
  const m = index.model;
  const baseCount = m.base?.layers ?? 0;
  const [baseOpen, setBaseOpen] = useState(false);
  const caused = m.waste.byLayer;
  const rows = m.inspect.layers.map((l) => {
    if (l.index < baseCount && !baseOpen && !(layer === l.index)) return null;
    const c = index.counts(l.index);
    const text = instructionText(l.createdBy);
    const selected = l.index === layer;
    return (
      <li
        key={l.index}
        class={`layer${selected ? ' selected' : ''}`}
        data-layer={l.index}
        data-compressed={l.compressedSize}
        data-uncompressed={l.uncompressedSize}
        data-entries={l.entries}
        title={l.createdBy ?? ''}
        onClick={() => onSelect(l.index)}
      >
        <div class="layer-head">
          <span class="layer-index">{l.index}</span>
          <span class="layer-size" title="stored (compressed)">
            {formatBytes(l.compressedSize)}
          </span>
          <span class="layer-size" title="unpacked">
            {formatBytes(l.uncompressedSize)}
          </span>
          <span class="counts">
            <span class="c-added">+{c.added}</span> <span class="c-modified">~{c.modified}</span>{' '}
            <span class="c-removed">−{c.removed}</span>
          </span>
        </div>
        <div class={selected ? 'instruction full' : 'instruction'}>{text}</div>
        {(caused[l.index]?.caused.bytes ?? 0) > 0 && (
          <div class="hides">hides {formatBytes(caused[l.index]?.caused.bytes ?? 0)} below</div>
        )}
      </li>
    );
  });
  return (
    <section class={`pane layers-pane${focused ? ' focused' : ''}`} aria-label="Layers">
      <h2>Layers</h2>
      <div class="layer-head legend">
        <span class="layer-index">#</span>
        <span class="layer-size">stored</span>
        <span class="layer-size">unpacked</span>
        <span>+added ~modified −removed</span>
      </div>
      <ol class="layers">
        {baseCount > 0 && (
          <li class="layer base-row" data-base="true" onClick={() => setBaseOpen(!baseOpen)}>
            <div class="layer-head">
              <span class="layer-index">{baseOpen ? '▾' : '▸'}</span>
              <span>
                base image {m.base?.reference} — {baseCount} layer{baseCount === 1 ? '' : 's'}
              </span>
            </div>
          </li>
        )}
        {rows}
      </ol>
    </section>
  );
}
