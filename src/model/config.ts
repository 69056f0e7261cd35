/**
 * The image configuration (OCI image config / Docker container config): runtime settings,
 * rootfs diff_ids and history. Parsed leniently where real images vary, strictly where stowage
 * relies on a field (diff_ids).
 */
import { parseDigest, type Digest } from './digest.js';
import { StowageError, type ErrorWhere } from './errors.js';
import { FieldReader, isObject, parseJson } from './json.js';

/** HealthCheck is the config's Healthcheck object. */
export interface HealthCheck {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

/** RuntimeConfig is the `config` object: how a container of this image runs. */
export interface RuntimeConfig {
  User?: string;
  ExposedPorts?: Record<string, object>;
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  Volumes?: Record<string, object>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  Healthcheck?: HealthCheck;
  OnBuild?: string[];
  Shell?: string[];
}

/** HistoryEntry is one build step; entries with empty_layer have no layer. */
export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** ImageConfig is the parsed image configuration. */
export interface ImageConfig {
  created?: string;
  author?: string;
  architecture: string;
  os: string;
  variant?: string;
  config: RuntimeConfig;
  rootfs: { type: string; diff_ids: Digest[] };
  history: HistoryEntry[];
  raw: Record<string, unknown>;
}

/** parseImageConfig parses and validates config bytes. */
export function parseImageConfig(raw: Uint8Array, what: string, where: ErrorWhere = {}): ImageConfig {
  const json = parseJson(raw, what, where);
  const r = new FieldReader(what, where);
  const o = r.object(json, 'config');
  const rootfs = r.object(o.rootfs, 'rootfs');
  const diffIds = r.array(rootfs.diff_ids, 'rootfs.diff_ids').map((d, i) => {
    try {
      return parseDigest(d, `rootfs.diff_ids[${i}]`);
    } catch (e) {
      throw new StowageError('INVALID_MANIFEST', `${what}: ${(e as Error).message}`, { where, cause: e });
    }
  });
  const rc = r.optObject(o.config ?? o.container_config, 'config') ?? {};
  const config: RuntimeConfig = {};
  const user = r.optString(rc.User, 'config.User');
  if (user !== undefined && user !== '') config.User = user;
  const env = r.stringArray(rc.Env, 'config.Env');
  if (env) config.Env = env;
  const ep = r.stringArray(rc.Entrypoint, 'config.Entrypoint');
  if (ep) config.Entrypoint = ep;
  const cmd = r.stringArray(rc.Cmd, 'config.Cmd');
  if (cmd) config.Cmd = cmd;
  const wd = r.optString(rc.WorkingDir, 'config.WorkingDir');
  if (wd !== undefined && wd !== '') config.WorkingDir = wd;
  const labels = r.stringMap(rc.Labels, 'config.Labels');
  if (labels) config.Labels = labels;
  const stop = r.optString(rc.StopSignal, 'config.StopSignal');
  if (stop !== undefined) config.StopSignal = stop;
  if (isObject(rc.ExposedPorts)) config.ExposedPorts = rc.ExposedPorts as Record<string, object>;
  if (isObject(rc.Volumes)) config.Volumes = rc.Volumes as Record<string, object>;
  if (isObject(rc.Healthcheck)) config.Healthcheck = rc.Healthcheck as HealthCheck;
  const onbuild = r.stringArray(rc.OnBuild, 'config.OnBuild');
  if (onbuild) config.OnBuild = onbuild;
  const shell = r.stringArray(rc.Shell, 'config.Shell');
  if (shell) config.Shell = shell;
  const history = (r.optArray(o.history, 'history') ?? []).map((h, i) => {
    const ho = r.object(h, `history[${i}]`);
    const e: HistoryEntry = {};
    const created = r.optString(ho.created, `history[${i}].created`);
    if (created !== undefined) e.created = created;
    const by = r.optString(ho.created_by, `history[${i}].created_by`);
    if (by !== undefined) e.created_by = by;
    const author = r.optString(ho.author, `history[${i}].author`);
    if (author !== undefined) e.author = author;
    const comment = r.optString(ho.comment, `history[${i}].comment`);
    if (comment !== undefined) e.comment = comment;
    if (ho.empty_layer === true) e.empty_layer = true;
    return e;
  });
  const out: ImageConfig = {
    architecture: r.optString(o.architecture, 'architecture') ?? '',
    os: r.optString(o.os, 'os') ?? '',
    config,
    rootfs: { type: r.optString(rootfs.type, 'rootfs.type') ?? 'layers', diff_ids: diffIds },
    history,
    raw: o,
  };
  const created = r.optString(o.created, 'created');
  if (created !== undefined) out.created = created;
  const author = r.optString(o.author, 'author');
  if (author !== undefined) out.author = author;
  const variant = r.optString(o.variant, 'variant');
  if (variant !== undefined) out.variant = variant;
  return out;
}

/** LayerHistory pairs each layer with its history entry, and lists empty-layer entries apart. */
export interface HistoryStep {
  /** index into history[] */
  historyIndex: number;
  entry: HistoryEntry;
  /** the layer this step produced, or undefined for empty_layer steps */
  layerIndex: number | undefined;
}

/**
 * alignHistory maps history entries to layers: each entry without empty_layer takes the next layer.
 * When the history has fewer non-empty entries than there are layers (some tools omit history),
 * the remaining layers get synthetic entries with no created_by.
 */
export function alignHistory(config: ImageConfig, layerCount: number): HistoryStep[] {
  const steps: HistoryStep[] = [];
  let next = 0;
  config.history.forEach((entry, historyIndex) => {
    if (entry.empty_layer === true || next >= layerCount) {
      steps.push({ historyIndex, entry, layerIndex: undefined });
    } else {
      steps.push({ historyIndex, entry, layerIndex: next++ });
    }
  });
  for (; next < layerCount; next++) steps.push({ historyIndex: -1, entry: {}, layerIndex: next });
  return steps;
}
