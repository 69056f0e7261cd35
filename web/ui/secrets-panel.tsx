/**
 * SecretsPanel: `audit`'s findings (asked of the server while its scan runs, in explore) — secrets (deleted files included) and risky content — with the
 * excerpts exactly as the CLI redacts them; clicking one selects its layer and reveals the path.
 */
import type { ExploreModel } from '../../src/report/explore-types.js';
import { useAudit } from '../data/use-audit.js';

/** SecretsPanelProps: the model and where a click leads. */
export interface SecretsPanelProps {
  model: ExploreModel;
  onReveal(layer: number, path: string): void;
}

/** SecretsPanel lists the audit findings. */
export function SecretsPanel({ model, onReveal }: SecretsPanelProps) {
  const state = useAudit(model);
  if (state.kind === 'scanning') return <div class="panel">scanning every layer for secrets…</div>;
  if (state.kind === 'error')
    return (
      <div class="panel">
        <div class="error-panel" role="alert">
          the audit could not finish: {state.message}
        </div>
      </div>
    );
  const a = state.report;
  return (
    <div class="panel secrets-panel">
      <p>
        {a.summary.findings} findings: {a.summary.secrets} secrets, {a.summary.risks} risks (
        {Object.entries(a.summary.bySeverity)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ') || 'none'}
        )
      </p>
      <ul class="list findings">
        {a.findings.map((f) => (
          <li
            key={f.fingerprint + f.ruleId + (f.path ?? '')}
            class={`finding sev-${f.severity}${f.layer !== null && f.path !== null ? ' clickable' : ''}`}
            data-rule={f.ruleId}
            onClick={() => {
              if (f.layer !== null && f.path !== null) onReveal(f.layer.index, f.path);
            }}
          >
            <div>
              <span class="sev">{f.severity}</span> <strong>{f.ruleId}</strong> {f.message}
            </div>
            <div class="where">
              {f.path !== null && <span>{f.path}</span>}
              {f.line !== null && <span>:{f.line}</span>}
              {f.layer !== null && <span> · layer {f.layer.index}</span>}
              {f.visible === false && <span> · deleted later, still in the layer</span>}
            </div>
            {f.excerpt !== null && <pre class="excerpt">{f.excerpt}</pre>}
          </li>
        ))}
      </ul>
    </div>
  );
}
