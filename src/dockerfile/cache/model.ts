/**
 * Build-cache prediction model: a build context snapshot (files with the metadata a builder
 * checksums), and the plan of a build — every step of every stage with its cache key and the
 * inputs that went into it, so two plans can be compared step by step.
 */

/** Builder names the cache rule set: BuildKit (docker build, default) or buildah (podman build). */
export type Builder = 'buildkit' | 'buildah';

/** BUILDERS lists the accepted builder names. */
export const BUILDERS: readonly Builder[] = ['buildkit', 'buildah'];

/** ContextEntry is one path of a build context as the builder sees it (no mtime: it never counts). */
export interface ContextEntry {
  /** path is relative to the context root, `/`-separated, no leading `./`. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  /** mode is the permission bits (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** linkTarget is a symlink's target as stored. */
  linkTarget?: string;
}

/** ContextSnapshot is one state of a build context: a directory, or a git tree at a revision. */
export interface ContextSnapshot {
  /** label names the state for reports: a directory path or `git:REV`. */
  label: string;
  /** entries holds every path of the context (ignore files not yet applied), keyed by path. */
  entries: ReadonlyMap<string, ContextEntry>;
  /** readText returns a file's content as UTF-8, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  /** contentDigest returns `sha256:<hex>` of a regular file's content. */
  contentDigest(path: string): Promise<string>;
}

/** FileChange says what differs for one selected path between two states. */
export type FileChangeKind = 'added' | 'removed' | 'content' | 'mode' | 'owner' | 'link-target' | 'type';

/** SelectedFile is one context path a COPY/ADD selects, with the fingerprint that enters its key. */
export interface SelectedFile {
  path: string;
  type: ContextEntry['type'];
  mode: number;
  /** owner is `uid:gid`, present only when the builder counts it (buildah). */
  owner?: string;
  /** digest is the content's `sha256:…` for a regular file. */
  digest?: string;
  linkTarget?: string;
  /** fingerprint covers exactly what the builder checksums (mode, content, link target, owner…). */
  fingerprint: string;
}

/** StepKind says how a step takes part in caching. */
export type StepKind = 'from' | 'run' | 'copy' | 'workdir' | 'metadata';

/** StepInputs are the parts of a step's key other than its parent, kept to explain a miss. */
export interface StepInputs {
  /** text is the instruction as the key sees it (flags, expanded arguments). */
  text: string;
  /** env holds the ARG values (every ARG with a value in scope) and ENVs that reach a RUN. */
  env: Record<string, string>;
  workdir: string;
  user: string;
  /** files are the context files a COPY/ADD (or a bind mount of the context) selects. */
  files: SelectedFile[];
  /** fromStage is the stage a COPY --from / FROM / RUN --mount from= reads. */
  fromStages: number[];
}

/** PlannedStep is one instruction of a stage with its cache key. */
export interface PlannedStep {
  /** index is the instruction's position in its stage (FROM is 0). */
  index: number;
  line: number;
  /** instruction is the source text on one line. */
  instruction: string;
  kind: StepKind;
  /** cached is false for instructions the builder keeps no cache record for (BuildKit metadata). */
  cached: boolean;
  /** linked is true for `COPY --link` under BuildKit: its own key does not include the parent. */
  linked: boolean;
  /**
   * contentChecked is true when the builder compares the copied files' content from another stage
   * (COPY --from=stage): a rebuilt source stage that produced identical files still hits.
   */
  contentChecked: boolean;
  /** ownKey hashes the step's inputs without the parent. */
  ownKey: string;
  /** key is what the builder looks up: hash(parent key, ownKey), or ownKey when linked. */
  key: string;
  /** chainKey is what the next step builds on. */
  chainKey: string;
  /**
   * optimisticKey is `key` computed as if every content-checked source (COPY --from=stage) copied
   * the same files as before; a step whose key changed but optimisticKey did not may still hit.
   */
  optimisticKey: string;
  inputs: StepInputs;
  /** problems are things that keep the prediction from being exact (no file matched, remote ADD). */
  problems: string[];
}

/** PlannedStage is one stage of the plan. */
export interface PlannedStage {
  index: number;
  name: string | null;
  /** needed is false for stages the target does not depend on (the builder skips them). */
  needed: boolean;
  steps: PlannedStep[];
}

/** BuildPlan is every step's key for one Dockerfile, context, builder, build args and target. */
export interface BuildPlan {
  builder: Builder;
  dockerfile: string;
  context: string;
  /** ignoreFile is the ignore file that applied (`.dockerignore`, `Dockerfile.dockerignore`…) or null. */
  ignoreFile: string | null;
  target: number;
  buildArgs: Record<string, string>;
  stages: PlannedStage[];
}

/** PlanOptions choose the builder, build args and target. */
export interface PlanOptions {
  builder?: Builder;
  buildArgs?: Record<string, string>;
  /** target is a stage name or index; default the last stage. */
  target?: string;
  /** dockerfilePath is the Dockerfile's path relative to the context, for `<Dockerfile>.dockerignore`. */
  dockerfilePath?: string;
}
