/**
 * buildInspectReport: reads an Image (manifest, config, every layer's stream) and returns the
 * plain `stowage.inspect/v1` object that the JSON output prints and the text renderer shows.
 */
import { alignHistory, type ImageConfig, type RuntimeConfig } from '../model/config.js';
import type { Image, Layer } from '../model/image.js';
import type { Index } from '../model/manifest.js';
import { formatPlatform } from '../model/platform.js';
import {
  INSPECT_SCHEMA,
  type InspectHistoryEntry,
  type InspectIndex,
  type InspectLayer,
  type InspectReport,
  type InspectRuntimeConfig,
} from './inspect-types.js';
import { measureLayer } from './layer-measure.js';
import { mapLimit } from './map-limit.js';

/** LayerProgress is reported each time a layer starts or finishes being read. */
export interface LayerProgress {
  /** layers finished so far */
  done: number;
  total: number;
  /** the layer this event is about */
  layer: Layer;
  phase: 'start' | 'done';
}

/** InspectOptions tune buildInspectReport. */
export interface InspectOptions {
  /** receives progress while layers are read */
  onProgress?: (p: LayerProgress) => void;
  /** layers read at once; default 2 */
  concurrency?: number;
}

/** buildInspectReport describes `image`, reading every layer once to count entries and bytes. */
export async function buildInspectReport(image: Image, opts: InspectOptions = {}): Promise<InspectReport> {
  const [manifest, manifestDigest, config, layers, platform, index] = await Promise.all([
    image.manifest(),
    image.manifestDigest(),
    image.config(),
    image.layers(),
    image.platform(),
    image.index(),
  ]);
  let done = 0;
  const measures = await mapLimit(layers, opts.concurrency ?? 2, async (layer) => {
    opts.onProgress?.({ done, total: layers.length, layer, phase: 'start' });
    const m = await measureLayer(layer);
    done++;
    opts.onProgress?.({ done, total: layers.length, layer, phase: 'done' });
    return m;
  });
  const steps = alignHistory(config, layers.length);
  const stepOfLayer = new Map(steps.filter((s) => s.layerIndex !== undefined).map((s) => [s.layerIndex, s]));
  const layerRows: InspectLayer[] = await Promise.all(
    layers.map(async (layer, i): Promise<InspectLayer> => {
      const step = stepOfLayer.get(i);
      const m = measures[i] as { uncompressedSize: number; entries: number };
      return {
        index: i,
        createdBy: step?.entry.created_by ?? null,
        historyIndex: step === undefined || step.historyIndex < 0 ? null : step.historyIndex,
        compressedSize: layer.size,
        uncompressedSize: m.uncompressedSize,
        entries: m.entries,
        digest: layer.digest,
        diffId: await layer.diffId(),
        mediaType: layer.mediaType,
      };
    }),
  );
  const history: InspectHistoryEntry[] = steps
    .filter((s) => s.historyIndex >= 0)
    .map((s) => ({
      index: s.historyIndex,
      created: s.entry.created ?? null,
      createdBy: s.entry.created_by ?? null,
      author: s.entry.author ?? null,
      comment: s.entry.comment ?? null,
      emptyLayer: s.entry.empty_layer === true,
      layerIndex: s.layerIndex ?? null,
    }));
  const sum = (f: (l: InspectLayer) => number): number => layerRows.reduce((a, l) => a + f(l), 0);
  return {
    schema: INSPECT_SCHEMA,
    reference: image.ref().display,
    manifestDigest,
    mediaType: manifest.mediaType,
    platform: formatPlatform(platform),
    index: index === undefined ? null : describeIndex(index.index, index.digest, manifestDigest),
    created: config.created ?? null,
    author: config.author ?? null,
    config: describeRuntime(config),
    layers: layerRows,
    history,
    totals: {
      layers: layerRows.length,
      compressedSize: sum((l) => l.compressedSize),
      uncompressedSize: sum((l) => l.uncompressedSize),
      entries: sum((l) => l.entries),
    },
  };
}

function describeIndex(index: Index, digest: string, selected: string): InspectIndex {
  return {
    digest,
    mediaType: index.mediaType,
    platforms: index.manifests.map((d) => ({
      platform: d.platform === undefined ? null : formatPlatform(d.platform),
      digest: d.digest,
      size: d.size,
      mediaType: d.mediaType,
      selected: d.digest === selected,
    })),
  };
}

/** describeRuntime normalises the runtime config for reports. */
export function describeRuntime(config: ImageConfig): InspectRuntimeConfig {
  const c: RuntimeConfig = config.config;
  const h = c.Healthcheck;
  return {
    env: c.Env ?? [],
    user: c.User ?? null,
    workdir: c.WorkingDir ?? null,
    entrypoint: c.Entrypoint ?? null,
    cmd: c.Cmd ?? null,
    ports: Object.keys(c.ExposedPorts ?? {}).sort(),
    volumes: Object.keys(c.Volumes ?? {}).sort(),
    labels: c.Labels ?? {},
    healthcheck:
      h === undefined
        ? null
        : {
            test: h.Test ?? null,
            intervalNs: h.Interval ?? null,
            timeoutNs: h.Timeout ?? null,
            startPeriodNs: h.StartPeriod ?? null,
            retries: h.Retries ?? null,
          },
    stopSignal: c.StopSignal ?? null,
  };
}
