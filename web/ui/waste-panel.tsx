/**
 * WastePanel: reclaimable bytes by reason, by instruction and by path, each wasted version with the
 * reason in words; clicking one selects the layer that caused it and reveals the path. dive's numbers
 * stand apart, labelled as dive's.
 */
import type { ExploreModel } from '../../src/report/explore-types.js';
import { formatBytes, instructionText } from '../data/format.js';

/** WastePanelProps: the model and where a click leads. */
export interface WastePanelProps {
  model: ExploreModel;
  onReveal(layer: number, path: string): void;
  onLayer(layer: number): void;
}

/** WastePanel shows the waste document. */
export function WastePanel({ model, onReveal, onLayer }: WastePanelProps) {
  const w = model.waste;
  return (
    <div class="panel waste-panel">
      <p class="big">
        <strong>{formatBytes(w.totals.reclaimableBytes)}</strong> reclaimable in {w.totals.wastedFiles} file
        versions ({(w.totals.reclaimableRatio * 100).toFixed(1)}% of {formatBytes(w.totals.layerFileBytes)}{' '}
        stored)
      </p>
      <h3>By reason</h3>
      <table class="kv">
        <tbody>
          {Object.entries(w.byReason).map(([reason, t]) => (
            <tr key={reason}>
              <td>{reason}</td>
              <td class="num">{formatBytes(t.bytes)}</td>
              <td class="num">{t.files} files</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>By instruction (bytes it made waste)</h3>
      <ul class="list">
        {w.byInstruction
          .filter((i) => i.caused.bytes > 0)
          .sort((a, b) => b.caused.bytes - a.caused.bytes)
          .map((i) => (
            <li key={i.instruction} class="clickable" onClick={() => onLayer(i.layers[0] ?? 0)}>
              <span class="num">{formatBytes(i.caused.bytes)}</span> {instructionText(i.instruction)}
            </li>
          ))}
      </ul>
      <h3>Wasted paths</h3>
      <ul class="list waste-paths">
        {w.topPaths.map((t) => (
          <li key={t.path} class="waste-entry">
            <div
              class="clickable"
              data-waste-path={t.path}
              onClick={() => onReveal(t.versions[0]?.killedBy ?? 0, t.path)}
            >
              <span class="num">{formatBytes(t.bytes)}</span> {t.path}
            </div>
            <ul>
              {t.versions.map((v, i) => (
                <li key={i} class="clickable why" onClick={() => onReveal(v.killedBy, t.path)}>
                  layer {v.layer}: {formatBytes(v.size)} — {v.why}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h3>dive’s numbers</h3>
      <p class="note">{w.dive.note}</p>
      <table class="kv dive">
        <tbody>
          <tr>
            <td>efficiency</td>
            <td class="num">{(w.dive.efficiency * 100).toFixed(2)}%</td>
          </tr>
          <tr>
            <td>wasted (dive)</td>
            <td class="num">{formatBytes(w.dive.wastedBytes)}</td>
          </tr>
          <tr>
            <td>inefficient paths</td>
            <td class="num">{w.dive.inefficientPaths}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
