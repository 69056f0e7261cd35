/**
 * The RUN-script model rules read: each simple command with its words, where it sits in `&&`/`||`
 * chains and pipelines, and its position in the Dockerfile.
 */
import type { Span } from '../model.js';

/** ShellWord is one word of a simple command. */
export interface ShellWord {
  /** raw is the word as written (quotes, escapes, `$VAR` kept). */
  raw: string;
  /** value is the word with quotes removed and backslash escapes resolved; expansions kept as text. */
  value: string;
  span: Span;
}

/** Operator is what joins a command to the next one. */
export type ShellOperator = '&&' | '||' | ';' | '|' | '|&' | '&' | '\n';

/** SimpleCommand is one command invocation (`apt-get install -y curl`). */
export interface SimpleCommand {
  /** name is the command word's value (`apt-get`), '' when the command is only assignments. */
  name: string;
  /** args are the values of the words after the name. */
  args: string[];
  /** words are all words from the name on (name first). */
  words: ShellWord[];
  /** assignments are leading `K=V` words (`DEBIAN_FRONTEND=noninteractive`). */
  assignments: string[];
  /** redirects are redirection operators with their target (`>/dev/null`, `2>&1`). */
  redirects: string[];
  span: Span;
  /** statement is the index of the top-level statement (as split by sh-syntax) it belongs to. */
  statement: number;
  /** before / after are the operators joining it to its neighbours (null at the ends). */
  before: ShellOperator | null;
  after: ShellOperator | null;
  /** inPipeline is true when it is piped into or from another command. */
  inPipeline: boolean;
  /** pipelineIndex is its position in the pipeline (0 for the first or a lone command). */
  pipelineIndex: number;
  /** depth is the subshell / command-substitution / group / control-structure nesting depth. */
  depth: number;
  /** inSubshell is true inside `( … )` or `$( … )` / backticks (a `cd` there does not leak). */
  inSubshell: boolean;
  /** negated is true after `!`. */
  negated: boolean;
}

/** ShellScript is one script a RUN executes (the shell-form command or one heredoc body). */
export interface ShellScript {
  /** source is the script text as the shell receives it. */
  source: string;
  /** origin tells where the text came from. */
  origin: 'shell-form' | 'heredoc';
  commands: SimpleCommand[];
  /** error is sh-syntax's parse error, if the script is not valid POSIX/bash. */
  error?: { message: string; line: number; column: number };
}
