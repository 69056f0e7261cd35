/**
 * The parsed Dockerfile model: directives, instructions (with flags, heredocs, exec/shell form and
 * the RUN script's simple commands) and build stages. Produced by `parseDockerfile`; read-only.
 * Lines and columns are 1-based everywhere; `end` is exclusive on its column.
 */
import type { ShellScript } from './shell/model.js';

/** Position is a 1-based line and column in the Dockerfile text. */
export interface Position {
  line: number;
  column: number;
}

/** Span is a range of the Dockerfile text; `end.column` points just past the last character. */
export interface Span {
  start: Position;
  end: Position;
}

/** Directive is a parser directive (`# syntax=…`, `# escape=…`, `# check=…`) from the file's top. */
export interface Directive {
  name: string;
  value: string;
  span: Span;
}

/** Flag is an instruction flag such as `--mount=type=cache,target=/x`, `--from=build` or `--link`. */
export interface Flag {
  /** name is without the dashes: `mount`, `from`, `chown`, `link`. */
  name: string;
  /** value is the text after `=`, or null for a bare flag (`--link`). */
  value: string | null;
  span: Span;
}

/** Heredoc is one `<<EOF … EOF` document attached to a RUN, COPY or ADD. */
export interface Heredoc {
  /** delimiter is the word without quotes: `EOF`. */
  delimiter: string;
  /** quoted is true for `<<"EOF"` / `<<'EOF'` (no variable expansion in the body). */
  quoted: boolean;
  /** stripTabs is true for `<<-EOF` (leading tabs removed from body lines). */
  stripTabs: boolean;
  /** body is the document's content, lines joined by `\n` with a final `\n`, tabs stripped for `<<-`. */
  body: string;
  /** span covers the body lines and the closing delimiter line. */
  span: Span;
  /** bodyStartLine is the 1-based line of the body's first line. */
  bodyStartLine: number;
}

/** Form is how a RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK argument is written. */
export type Form = 'exec' | 'shell' | 'none';

/**
 * Instruction is one Dockerfile instruction. For ONBUILD, `trigger` holds the wrapped instruction
 * (parsed the same way, same span); ONBUILD itself is never in a stage's `trigger` list twice.
 */
export interface Instruction {
  /** kind is the upper-cased keyword: FROM, RUN, COPY, … or whatever unknown word was written. */
  kind: string;
  /** keyword is the keyword as written (case kept). */
  keyword: string;
  /** span covers every line of the instruction, heredoc bodies included. */
  span: Span;
  /** raw is the instruction's source text exactly as in the file (all its lines). */
  raw: string;
  /** flags are the leading `--name[=value]` flags (RUN, COPY, ADD, FROM, HEALTHCHECK). */
  flags: Flag[];
  /**
   * args is the argument text after the flags as the builder sees it: continuations joined (escape
   * and newline removed), comment lines and empty continuation lines dropped, heredoc bodies left out.
   */
  args: string;
  /** words is `args` split on unquoted whitespace, quotes kept (as dockerfile-ast does). */
  words: string[];
  /** form is exec when `args` is a JSON array of strings, shell otherwise ('none' for other kinds). */
  form: Form;
  /** exec is the decoded JSON array when `form` is exec. */
  exec?: string[];
  /** heredocs are the documents opened on this instruction's line(s), in order. */
  heredocs: Heredoc[];
  /** stageIndex is the stage this belongs to, -1 for ARGs before the first FROM. */
  stageIndex: number;
  /** trigger is the instruction wrapped by ONBUILD. */
  trigger?: Instruction;
  /**
   * shell is the parsed script a RUN executes: the shell-form command, or for `RUN <<EOF` (heredoc
   * as the command) the heredoc bodies, each its own script. Absent for exec form.
   */
  shell?: ShellScript[];
}

/** FromImage describes the image reference of a FROM line. */
export interface FromImage {
  /** raw is the reference as written (`${BASE}:1.2` stays unexpanded here). */
  raw: string;
  /** expanded is `raw` with global ARG defaults (and --build-arg values given) substituted. */
  expanded: string;
  /** registry is the host part if the reference has one (`quay.io`), else undefined. */
  registry?: string;
  /** name is the repository path without registry, tag or digest. */
  name: string;
  tag?: string;
  digest?: string;
  /** platform is the `--platform` flag value. */
  platform?: string;
}

/** Stage is one FROM and the instructions up to the next FROM. */
export interface Stage {
  index: number;
  /** alias is the `AS name` (lower-cased, as the builder matches it) or undefined. */
  alias?: string;
  from: FromImage;
  /** fromStage is the index of an earlier stage this one builds on (`FROM build`), if any. */
  fromStage?: number;
  /** instructions are the stage's instructions, FROM first. */
  instructions: Instruction[];
}

/** Comment is a `#` comment line outside instructions or inside a continuation. */
export interface Comment {
  /** text is the comment without `#` and surrounding whitespace. */
  text: string;
  line: number;
  /** inInstruction is true when the comment sits inside a continued instruction. */
  inInstruction: boolean;
}

/** ParseProblem is something the builder would reject or that we could not parse. */
export interface ParseProblem {
  message: string;
  span: Span;
}

/** ParsedDockerfile is the whole file. */
export interface ParsedDockerfile {
  text: string;
  /** escape is the escape character: `\` or, with `# escape=\``, a backtick. */
  escape: '\\' | '`';
  directives: Directive[];
  /** instructions are all top-level instructions in file order (ONBUILD triggers not flattened). */
  instructions: Instruction[];
  /** globalArgs are the ARG instructions before the first FROM. */
  globalArgs: Instruction[];
  stages: Stage[];
  comments: Comment[];
  problems: ParseProblem[];
}
