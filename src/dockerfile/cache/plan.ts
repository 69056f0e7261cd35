/**
 * planBuild: the cache key of every step of every stage, computed the way the chosen builder does —
 * RUN from its command, mounts and the ARG/ENV values in scope; COPY/ADD from the instruction and
 * a checksum of the files it selects; each step chained to its parent. Two plans of the same
 * Dockerfile over two states of the context differ exactly where the builder would miss.
 */
import { expandVariables, globalArgValues } from '../expand.js';
import { keyValues } from '../key-values.js';
import type { Instruction, ParsedDockerfile, Stage } from '../model.js';
import { parseDockerfile } from '../parse.js';
import { splitWords, unquote } from '../words.js';
import { hashParts } from './hash.js';
import { loadIgnore, type ContextFilter } from './ignore.js';
import type {
  BuildPlan,
  ContextSnapshot,
  PlannedStage,
  PlannedStep,
  PlanOptions,
  SelectedFile,
  StepKind,
} from './model.js';
import { rulesFor, type BuilderRules } from './rules.js';
import { selectSource } from './select.js';
import { mountOptions, neededStages, stageByName, targetIndex } from './stage-deps.js';

/** StageState is what a stage carries from one instruction to the next. */
interface StageState {
  chain: string;
  /** optChain is the chain assuming content-checked sources (COPY --from=stage) copied the same files. */
  optChain: string;
  args: Map<string, string | undefined>;
  env: Map<string, string>;
  workdir: string;
  user: string;
  shell: string[];
}

interface Planner {
  df: ParsedDockerfile;
  ctx: ContextSnapshot;
  filter: ContextFilter;
  rules: BuilderRules;
  buildArgs: Record<string, string>;
  globals: Map<string, string | undefined>;
  finals: Map<number, StageState>;
}

const REMOTE = /^(https?:\/\/|git@|git:\/\/)/;

function lookupIn(st: StageState): (name: string) => string | undefined {
  return (n) => st.env.get(n) ?? st.args.get(n);
}

function joinPath(base: string, p: string): string {
  if (p.startsWith('/')) return p;
  return `${base.replace(/\/+$/, '')}/${p}`;
}

/** argsWithValues are the ARGs in scope that have a value, sorted by name (`|N K=V` in history). */
function argsWithValues(st: StageState): [string, string][] {
  return [...st.args]
    .filter((kv): kv is [string, string] => kv[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

function oneLine(ins: Instruction): string {
  const flags = ins.flags.map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
  return [ins.keyword, ...flags, ins.args].filter((s) => s !== '').join(' ');
}

function copyWords(ins: Instruction, st: StageState, esc: string): string[] {
  const words =
    ins.form === 'exec' && ins.exec !== undefined
      ? ins.exec
      : splitWords(ins.args).map((w) => unquote(w.text));
  return words.map((w) => expandVariables(w, lookupIn(st), esc));
}

async function selectAll(p: Planner, sources: string[], problems: string[]): Promise<SelectedFile[]> {
  const files: SelectedFile[] = [];
  for (const src of sources) {
    if (src.startsWith('<<')) continue;
    if (REMOTE.test(src)) {
      problems.push(`remote source ${src}: its content is not known offline`);
      continue;
    }
    const sel = await selectSource(p.ctx, p.filter, p.rules, src);
    if (!sel.matched) problems.push(`no context file matches ${src} (the build would fail)`);
    files.push(...sel.files);
  }
  return files;
}

/** SourceRef is a stage (by index) or an external image a step reads. */
interface SourceRef {
  stage?: number;
  image?: string;
  contentChecked: boolean;
}

interface OwnParts {
  kind: StepKind;
  cached: boolean;
  text: string;
  parts: unknown[];
  files: SelectedFile[];
  fromStages: number[];
  /** refs are the other stages or images the step reads; their keys are added to `parts`. */
  refs: SourceRef[];
  env: Record<string, string>;
  linked: boolean;
  contentChecked: boolean;
  problems: string[];
}

function base(kind: StepKind, cached: boolean, text: string): OwnParts {
  return {
    kind,
    cached,
    text,
    parts: [],
    files: [],
    fromStages: [],
    refs: [],
    env: {},
    linked: false,
    contentChecked: false,
    problems: [],
  };
}

async function copyParts(p: Planner, ins: Instruction, st: StageState): Promise<OwnParts> {
  const words = copyWords(ins, st, p.df.escape);
  const sources = words.slice(0, -1);
  const dest = joinPath(st.workdir, words[words.length - 1] ?? '');
  const flags = ins.flags.filter((f) => f.name !== 'from').map((f) => [f.name, f.value]);
  const out = base('copy', true, `${ins.kind} ${[...sources, dest].join(' ')}`);
  out.linked = p.rules.linkIndependent && ins.flags.some((f) => f.name === 'link' && f.value !== 'false');
  const from = ins.flags.find((f) => f.name === 'from')?.value ?? undefined;
  if (from !== undefined) {
    const name = expandVariables(from, (n) => p.globals.get(n), p.df.escape);
    const s = stageByName(p.df, name, ins.stageIndex);
    out.contentChecked = s !== undefined;
    out.refs.push(
      s !== undefined ? { stage: s, contentChecked: true } : { image: name, contentChecked: false },
    );
    if (s !== undefined) out.fromStages.push(s);
  } else {
    out.files = await selectAll(p, sources, out.problems);
  }
  const heredocs = ins.heredocs.map((h) => h.body);
  out.parts = [ins.kind, flags, sources, dest, heredocs, out.files.map((f) => [f.path, f.fingerprint])];
  return out;
}

async function runParts(p: Planner, ins: Instruction, st: StageState): Promise<OwnParts> {
  const out = base('run', true, `RUN ${ins.args}`);
  const mounts: unknown[] = [];
  for (const f of ins.flags) {
    if (f.name !== 'mount') continue;
    const o = mountOptions(f);
    const type = o.get('type') ?? 'bind';
    const from = o.get('from');
    if (type === 'bind' && from === undefined) {
      out.files.push(...(await selectAll(p, [o.get('source') ?? o.get('src') ?? '.'], out.problems)));
    }
    if (from !== undefined && type !== 'cache') {
      const s = stageByName(p.df, from, ins.stageIndex);
      if (s !== undefined) out.fromStages.push(s);
      out.refs.push(
        s !== undefined ? { stage: s, contentChecked: false } : { image: from, contentChecked: false },
      );
    }
    // Cache, secret and ssh mounts count by their options, never by their contents.
    mounts.push([...o].sort());
  }
  const otherFlags = ins.flags.filter((f) => f.name !== 'mount').map((f) => [f.name, f.value]);
  const command = ins.form === 'exec' ? ins.exec : [...st.shell, ins.args];
  const args = argsWithValues(st);
  if (p.rules.everyInstructionIsStep) {
    out.env = Object.fromEntries(args);
    out.parts = [
      'RUN',
      command,
      args,
      mounts,
      otherFlags,
      ins.heredocs.map((h) => h.body),
      out.files.map((f) => [f.path, f.fingerprint]),
    ];
  } else {
    out.env = Object.fromEntries([...args, ...st.env]);
    const env = Object.entries(out.env).sort(([a], [b]) => (a < b ? -1 : 1));
    out.parts = [
      'RUN',
      command,
      env,
      st.workdir,
      st.user,
      mounts,
      otherFlags,
      ins.heredocs.map((h) => h.body),
      out.files.map((f) => [f.path, f.fingerprint]),
    ];
  }
  return out;
}

/** applyMetadata updates the stage state for ARG, ENV, WORKDIR, USER, SHELL and returns the key text. */
function applyMetadata(p: Planner, ins: Instruction, st: StageState): string {
  const lookup = lookupIn(st);
  if (ins.kind === 'ARG') {
    for (const { key, value } of keyValues(ins)) {
      const fallback = value === undefined ? p.globals.get(key) : expandVariables(value, lookup, p.df.escape);
      st.args.set(key, p.buildArgs[key] ?? fallback);
    }
    // buildah records `ARG` followed by the names of the ARGs that have a value.
    return `ARG ${argsWithValues(st)
      .map(([k]) => k)
      .join(' ')}`;
  }
  if (ins.kind === 'ENV') {
    for (const { key, value } of keyValues(ins))
      st.env.set(key, expandVariables(value ?? '', lookupIn(st), p.df.escape));
  } else if (ins.kind === 'WORKDIR') {
    st.workdir = joinPath(st.workdir, expandVariables(unquote(ins.args.trim()), lookup, p.df.escape));
    return `WORKDIR ${st.workdir}`;
  } else if (ins.kind === 'USER') {
    st.user = expandVariables(ins.args.trim(), lookup, p.df.escape);
  } else if (ins.kind === 'SHELL' && ins.exec !== undefined) {
    st.shell = ins.exec;
  }
  return `${ins.kind} ${expandVariables(ins.args, lookup, p.df.escape)}`;
}

async function ownParts(p: Planner, ins: Instruction, st: StageState): Promise<OwnParts> {
  if (ins.kind === 'RUN') return runParts(p, ins, st);
  if (ins.kind === 'COPY' || ins.kind === 'ADD') return copyParts(p, ins, st);
  const text = applyMetadata(p, ins, st);
  if (ins.kind === 'WORKDIR') return { ...base('workdir', true, text), parts: [text] };
  return { ...base('metadata', p.rules.everyInstructionIsStep, text), parts: [text] };
}

function fromStep(p: Planner, stage: Stage): { step: PlannedStep; state: StageState } {
  const ins = stage.instructions[0]!;
  const parent = stage.fromStage !== undefined ? p.finals.get(stage.fromStage) : undefined;
  const ownKey = hashParts('FROM', stage.from.expanded, stage.from.platform ?? null);
  const chain = parent?.chain ?? ownKey;
  const state: StageState = {
    chain,
    optChain: parent?.optChain ?? ownKey,
    args: new Map(),
    env: new Map(parent?.env ?? []),
    workdir: parent?.workdir ?? '/',
    user: parent?.user ?? '',
    shell: parent?.shell ?? ['/bin/sh', '-c'],
  };
  const step: PlannedStep = {
    index: 0,
    line: ins.span.start.line,
    instruction: oneLine(ins),
    kind: 'from',
    cached: false,
    linked: false,
    contentChecked: false,
    ownKey,
    key: chain,
    chainKey: chain,
    optimisticKey: state.optChain,
    inputs: {
      text: `FROM ${stage.from.expanded}`,
      env: {},
      workdir: state.workdir,
      user: state.user,
      files: [],
      fromStages: stage.fromStage === undefined ? [] : [stage.fromStage],
    },
    problems: [],
  };
  return { step, state };
}

async function planStage(p: Planner, stage: Stage, needed: boolean): Promise<PlannedStage> {
  const { step: from, state } = fromStep(p, stage);
  const steps: PlannedStep[] = [from];
  for (const [index, ins] of stage.instructions.entries()) {
    if (index === 0) continue;
    const own = await ownParts(p, ins, state);
    const refKey = (r: SourceRef, optimistic: boolean): string | null => {
      if (r.stage === undefined) return `image ${r.image ?? ''}`;
      if (optimistic && r.contentChecked) return 'same content';
      const src = p.finals.get(r.stage);
      return (optimistic ? src?.optChain : src?.chain) ?? null;
    };
    const ownKey = hashParts(
      ...own.parts,
      own.refs.map((r) => refKey(r, false)),
    );
    const optOwn = hashParts(
      ...own.parts,
      own.refs.map((r) => refKey(r, true)),
    );
    const chains = own.cached || p.rules.everyInstructionIsStep;
    const chainKey = chains ? hashParts(state.chain, ownKey) : state.chain;
    const optChain = chains ? hashParts(state.optChain, optOwn) : state.optChain;
    steps.push({
      index,
      line: ins.span.start.line,
      instruction: oneLine(ins),
      kind: own.kind,
      cached: own.cached,
      linked: own.linked,
      contentChecked: own.contentChecked,
      ownKey,
      key: own.linked ? ownKey : chainKey,
      chainKey,
      optimisticKey: own.linked ? optOwn : optChain,
      inputs: {
        text: own.text,
        env: own.env,
        workdir: state.workdir,
        user: state.user,
        files: own.files,
        fromStages: own.fromStages,
      },
      problems: own.problems,
    });
    state.chain = chainKey;
    state.optChain = optChain;
  }
  p.finals.set(stage.index, state);
  return { index: stage.index, name: stage.alias ?? null, needed, steps };
}

/** planBuild computes every step's cache key for a parsed Dockerfile over one context state. */
export async function planBuild(
  df: ParsedDockerfile,
  ctx: ContextSnapshot,
  opts: PlanOptions = {},
): Promise<BuildPlan> {
  const rules = rulesFor(opts.builder ?? 'buildkit');
  const buildArgs = opts.buildArgs ?? {};
  const dockerfilePath = opts.dockerfilePath ?? 'Dockerfile';
  const target = targetIndex(df, opts.target);
  const need = neededStages(df, target);
  const filter = await loadIgnore(ctx, rules, dockerfilePath);
  const p: Planner = {
    df,
    ctx,
    filter,
    rules,
    buildArgs,
    globals: globalArgValues(df, buildArgs),
    finals: new Map(),
  };
  const stages: PlannedStage[] = [];
  for (const stage of df.stages) stages.push(await planStage(p, stage, need.has(stage.index)));
  return {
    builder: rules.builder,
    dockerfile: dockerfilePath,
    context: ctx.label,
    ignoreFile: filter.file,
    target,
    buildArgs,
    stages,
  };
}

/** planDockerfileText parses `text` (with the build args) and plans it. */
export async function planDockerfileText(
  text: string,
  ctx: ContextSnapshot,
  opts: PlanOptions = {},
): Promise<BuildPlan> {
  const df = await parseDockerfile(text, { buildArgs: opts.buildArgs ?? {} });
  return planBuild(df, ctx, opts);
}
