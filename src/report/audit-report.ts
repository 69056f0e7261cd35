/**
 * buildAuditReport: reads an image once (every layer's files, including ones later layers delete),
 * scans the config and history, runs the risk checks on the final filesystem, and returns the
 * `stowage.audit/v1` report. Every excerpt is redacted, and every secret found is also masked in
 * the history instructions the report quotes.
 */
import { RISK_RULES, countSpecialBits, runRiskChecks, type RiskHit } from '../analysis/risk/index.js';
import { fingerprint } from '../analysis/secrets/fingerprint.js';
import { redact } from '../analysis/secrets/redact.js';
import type { RuleInfo } from '../analysis/secrets/rule.js';
import { ALL_SECRET_RULES, SECRET_RULES } from '../analysis/secrets/rules/index.js';
import { scanConfig, type ConfigMatch } from '../analysis/secrets/scan-config.js';
import { scanImageLayers, type LayerFileMatch } from '../analysis/secrets/scan-layers.js';
import {
  AUDIT_SEVERITIES,
  atLeast,
  type AuditFinding,
  type AuditSeverity,
} from '../analysis/secrets/types.js';
import type { LayerStack } from '../filetree/layer-stack.js';
import { alignHistory, type HistoryStep } from '../model/config.js';
import type { Image, Layer } from '../model/image.js';
import { formatPlatform } from '../model/platform.js';
import { Allowlist, type AuditConfig } from './audit-config.js';
import {
  AUDIT_SCHEMA,
  type AuditReport,
  type AuditRuleSummary,
  type SuppressedFinding,
} from './audit-types.js';

/** AuditOptions tune buildAuditReport. */
export interface AuditOptions {
  /** the `audit:` settings (allowlist, failOn, maxFileBytes) */
  config?: AuditConfig;
  /** overrides config.failOn; default `error` */
  failOn?: AuditSeverity | 'none';
  toolVersion?: string;
  /** called as each layer finishes */
  onProgress?: (done: number, total: number) => void;
  onWarning?: (message: string) => void;
  /** stops the audit (the explorer's server, when it shuts down) */
  signal?: AbortSignal;
}

/** AUDIT_RULES is the catalogue of every audit rule (secrets, then risks). */
export const AUDIT_RULES: readonly RuleInfo[] = [...ALL_SECRET_RULES, ...RISK_RULES];

/** Raw is a finding before scrubbing, with the secret it is about (never reported). */
type Raw = AuditFinding & { secret?: string };

/** buildAuditReport audits `image`. */
export async function buildAuditReport(image: Image, opts: AuditOptions = {}): Promise<AuditReport> {
  return (await auditImage(image, opts)).report;
}

/**
 * auditImage audits `image` as buildAuditReport does and also returns the layer stack its scan built
 * (content hashes included), so a caller that needs both reads the layers once.
 */
export async function auditImage(
  image: Image,
  opts: AuditOptions = {},
): Promise<{ report: AuditReport; stack: LayerStack }> {
  const [config, manifestDigest, platform] = await Promise.all([
    image.config(),
    image.manifestDigest(),
    image.platform(),
  ]);
  const scan = await scanImageLayers(image, {
    rules: SECRET_RULES,
    ...(opts.config?.maxFileBytes !== undefined && { maxBytes: opts.config.maxFileBytes }),
    ...(opts.onProgress !== undefined && { onLayerDone: opts.onProgress }),
    ...(opts.onWarning !== undefined && { onWarning: opts.onWarning }),
    ...(opts.signal !== undefined && { signal: opts.signal }),
  });
  const { stack, layers } = scan;
  const steps = alignHistory(config, layers.length);
  const stepOfLayer = new Map(
    steps.filter((s) => s.layerIndex !== undefined).map((s) => [s.layerIndex as number, s]),
  );
  const at = (layer: number | null | undefined) => placeInLayer(layers, stepOfLayer, layer);
  const live = liveVersions(stack);
  const raw: Raw[] = [
    ...scan.matches.map((m) => fileFinding(m, at(m.layer), live.get(`${m.layer}\0${m.path}`) ?? false)),
    ...scanConfig(config, layers.length, SECRET_RULES).map((m) => configFinding(m, layers)),
    ...runRiskChecks({ tree: stack.tree, config }).map((h) => riskFinding(h, at(h.layer))),
  ];
  const findings = scrub(raw);
  const allow = new Allowlist(opts.config?.allowlist);
  const reported: AuditFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const by = allow.match(f);
    if (by === undefined) reported.push(f);
    else suppressed.push({ ruleId: f.ruleId, path: f.path, fingerprint: f.fingerprint, by });
  }
  reported.sort(compareFindings);
  const failOn = opts.failOn ?? opts.config?.failOn ?? 'error';
  const bySeverity = Object.fromEntries(AUDIT_SEVERITIES.map((s) => [s, 0])) as Record<AuditSeverity, number>;
  for (const f of reported) bySeverity[f.severity]++;
  const special = countSpecialBits(stack.tree);
  const report: AuditReport = {
    schema: AUDIT_SCHEMA,
    tool: { name: 'stowage', version: opts.toolVersion ?? 'unknown' },
    image: { reference: image.ref().display, manifestDigest, platform: formatPlatform(platform) },
    failOn,
    failed: failOn !== 'none' && reported.some((f) => atLeast(f.severity, failOn)),
    summary: {
      findings: reported.length,
      suppressed: suppressed.length,
      bySeverity,
      secrets: reported.filter((f) => f.category === 'secret').length,
      risks: reported.filter((f) => f.category === 'risk').length,
      setuid: special.setuid,
      setgid: special.setgid,
      layers: layers.length,
      ...scan.stats,
    },
    findings: reported,
    suppressed,
    rules: firedRules(reported),
  };
  return { report, stack };
}

interface Place {
  layer: AuditFinding['layer'];
  instruction: string | null;
  historyIndex: number | null;
}

function placeInLayer(
  layers: Layer[],
  stepOfLayer: Map<number, HistoryStep>,
  layer: number | null | undefined,
): Place {
  if (layer === null || layer === undefined) return { layer: null, instruction: null, historyIndex: null };
  const step = stepOfLayer.get(layer);
  return {
    layer: { index: layer, digest: (layers[layer] as Layer).digest },
    instruction: step?.entry.created_by ?? null,
    historyIndex: step === undefined || step.historyIndex < 0 ? null : step.historyIndex,
  };
}

/** liveVersions maps `layer\0path` of every regular-file version to whether the final tree still shows it. */
function liveVersions(stack: LayerStack): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const v of stack.fileVersions()) {
    const key = `${v.layer}\0${v.path}`;
    out.set(key, (out.get(key) ?? false) || v.live);
  }
  return out;
}

function fileFinding(m: LayerFileMatch, place: Place, visible: boolean): Raw {
  const gone = visible
    ? ''
    : ` Deleting or overwriting it in a later step does not help: it stays in layer ${m.layer} for anyone who pulls the image.`;
  return {
    ruleId: m.rule.id,
    category: 'secret',
    severity: m.rule.severity,
    message: visible
      ? m.rule.description
      : `${m.rule.description} (removed from the final filesystem, still in layer ${m.layer})`,
    source: 'layer',
    ...place,
    path: m.path,
    line: m.line,
    visible,
    excerpt: m.rule.pathOnly === true ? null : redact(m.secret),
    fingerprint: fingerprint(m.rule.id, m.path, m.secret),
    fix: m.rule.fix + gone,
    size: null,
    ...(m.rule.pathOnly !== true && { secret: m.secret }),
  };
}

function configFinding(m: ConfigMatch, layers: Layer[]): Raw {
  const step = m.step;
  const layer = step?.layerIndex;
  return {
    ruleId: m.rule.id,
    category: 'secret',
    severity: m.rule.severity,
    message: `${m.rule.description} (${m.field}${m.occurrences > 1 ? `; shown by ${m.occurrences} history entries` : ''})`,
    source: m.source,
    layer: layer === undefined ? null : { index: layer, digest: (layers[layer] as Layer).digest },
    instruction: step?.entry.created_by ?? null,
    historyIndex: step === undefined || step.historyIndex < 0 ? null : step.historyIndex,
    path: m.field,
    line: null,
    visible: null,
    excerpt: redact(m.secret),
    fingerprint: fingerprint(m.rule.id, m.field, m.secret),
    fix: m.rule.fix,
    size: null,
    secret: m.secret,
  };
}

function riskFinding(h: RiskHit, place: Place): Raw {
  return {
    ruleId: h.rule.id,
    category: 'risk',
    severity: h.severity ?? h.rule.severity,
    message: h.message,
    source: h.path === null ? 'image' : 'layer',
    ...place,
    path: h.path,
    line: null,
    visible: h.path === null ? null : true,
    excerpt: null,
    fingerprint: fingerprint(h.rule.id, h.path ?? '', ''),
    fix: h.rule.fix,
    size: h.size,
  };
}

/** scrub drops the raw secrets and masks each of them wherever a quoted instruction shows it. */
function scrub(raw: Raw[]): AuditFinding[] {
  const secrets = [...new Set(raw.flatMap((r) => (r.secret === undefined ? [] : [r.secret])))].sort(
    (a, b) => b.length - a.length,
  );
  return raw.map(({ secret: _secret, ...f }) => {
    if (f.instruction === null) return f;
    let text = f.instruction;
    for (const s of secrets) if (text.includes(s)) text = text.split(s).join(redact(s));
    return { ...f, instruction: text };
  });
}

function compareFindings(a: AuditFinding, b: AuditFinding): number {
  return (
    AUDIT_SEVERITIES.indexOf(a.severity) - AUDIT_SEVERITIES.indexOf(b.severity) ||
    (a.layer?.index ?? -1) - (b.layer?.index ?? -1) ||
    (a.path ?? '').localeCompare(b.path ?? '') ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function firedRules(findings: AuditFinding[]): AuditRuleSummary[] {
  const fired = new Set(findings.map((f) => f.ruleId));
  return AUDIT_RULES.filter((r) => fired.has(r.id))
    .map((r) => ({
      id: r.id,
      category: r.category,
      defaultSeverity: r.severity,
      description: r.description,
      fix: r.fix,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
