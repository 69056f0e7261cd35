/**
 * The `stowage.inspect/v1` report: a plain, JSON-serialisable description of one image. The
 * shape is documented in docs/json-output.md and pinned by docs/schema/inspect.v1.json. Fields may
 * be added within v1; removing or renaming one needs a new version. Absent values are `null`, never
 * missing keys.
 */

/** INSPECT_SCHEMA is the `schema` value of every inspect report. */
export const INSPECT_SCHEMA = 'stowage.inspect/v1';

/** InspectIndexPlatform is one manifest listed by the index the image was chosen from. */
export interface InspectIndexPlatform {
  /** `os/arch[/variant]`, or null for entries without a platform (e.g. attestations) */
  platform: string | null;
  digest: string;
  size: number;
  mediaType: string;
  /** true for the manifest this report describes */
  selected: boolean;
}

/** InspectIndex describes the index (manifest list) the image's manifest was chosen from. */
export interface InspectIndex {
  digest: string;
  mediaType: string;
  platforms: InspectIndexPlatform[];
}

/** InspectRuntimeConfig is the image's runtime configuration, normalised. */
export interface InspectRuntimeConfig {
  env: string[];
  user: string | null;
  workdir: string | null;
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** exposed ports such as `8080/tcp`, sorted */
  ports: string[];
  /** volume paths, sorted */
  volumes: string[];
  labels: Record<string, string>;
  healthcheck: {
    test: string[] | null;
    intervalNs: number | null;
    timeoutNs: number | null;
    startPeriodNs: number | null;
    retries: number | null;
  } | null;
  stopSignal: string | null;
}

/** InspectLayer is one layer with its sizes and the history step that made it. */
export interface InspectLayer {
  /** position, base first, from 0 */
  index: number;
  /** `created_by` of the history entry aligned with this layer */
  createdBy: string | null;
  /** index into `history` of that entry, or null when the history has none for this layer */
  historyIndex: number | null;
  /** bytes as stored (the blob) */
  compressedSize: number;
  /** bytes of the uncompressed tar stream */
  uncompressedSize: number;
  /** tar entries, whiteout markers included */
  entries: number;
  digest: string;
  diffId: string;
  mediaType: string;
}

/** InspectHistoryEntry is one build step from the config's history. */
export interface InspectHistoryEntry {
  index: number;
  created: string | null;
  createdBy: string | null;
  author: string | null;
  comment: string | null;
  emptyLayer: boolean;
  /** the layer this step produced, or null for empty-layer steps */
  layerIndex: number | null;
}

/** InspectTotals sums the layer table. */
export interface InspectTotals {
  layers: number;
  compressedSize: number;
  uncompressedSize: number;
  entries: number;
}

/** InspectReport is the whole `stowage.inspect/v1` document. */
export interface InspectReport {
  schema: typeof INSPECT_SCHEMA;
  /** the image as the user named it, e.g. `docker-archive:sample.tar` */
  reference: string;
  manifestDigest: string;
  mediaType: string;
  /** `os/arch[/variant]` */
  platform: string;
  index: InspectIndex | null;
  created: string | null;
  author: string | null;
  config: InspectRuntimeConfig;
  layers: InspectLayer[];
  history: InspectHistoryEntry[];
  totals: InspectTotals;
}
