/** Tests for parseDockerfile: directives, continuations, heredocs, forms, flags, stages, scripts. */
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse.js';

describe('parseDockerfile', () => {
  it('reads directives only at the top and honours the backtick escape', async () => {
    const df = await parseDockerfile(
      '# syntax=docker/dockerfile:1\n# escape=`\nFROM busybox\nRUN echo a `\n  && echo b\n',
    );
    expect(df.escape).toBe('`');
    expect(df.directives.map((d) => d.name)).toEqual(['syntax', 'escape']);
    expect(df.instructions[1]!.args).toBe('echo a   && echo b');
    const late = await parseDockerfile('# hello\n# escape=`\nFROM busybox\nRUN echo a `\n');
    expect(late.escape).toBe('\\');
    expect(late.directives).toEqual([]);
    const blank = await parseDockerfile('\n# escape=`\nFROM busybox\n');
    expect(blank.escape).toBe('\\');
  });

  it('drops comment lines and empty lines inside continuations', async () => {
    const df = await parseDockerfile(
      'FROM a\nRUN apt-get update \\\n  # a comment\n\n  && apt-get install -y curl\nUSER x\n',
    );
    const run = df.instructions[1]!;
    expect(run.args).toBe('apt-get update   && apt-get install -y curl');
    expect(run.span).toMatchObject({ start: { line: 2 }, end: { line: 5 } });
    expect(df.comments).toEqual([{ text: 'a comment', line: 3, inInstruction: true }]);
    const cmds = run.shell![0]!.commands;
    expect(cmds.map((c) => c.name)).toEqual(['apt-get', 'apt-get']);
    expect(cmds[1]!.span.start).toEqual({ line: 5, column: 6 });
    expect(cmds[1]!.before).toBe('&&');
  });

  it('reads heredocs: several per line, <<- and quoted delimiters', async () => {
    const df = await parseDockerfile(
      'FROM a\nRUN <<EOF cat >/x && <<-"EOT" cat\nhello $X\nEOF\n\tworld\n\tEOT\nUSER u\n',
    );
    const run = df.instructions[1]!;
    expect(run.heredocs.map((h) => [h.delimiter, h.quoted, h.stripTabs, h.body])).toEqual([
      ['EOF', false, false, 'hello $X\n'],
      ['EOT', true, true, 'world\n'],
    ]);
    expect(run.span.end.line).toBe(6);
    expect(df.instructions[2]!.kind).toBe('USER');
    expect(run.shell![0]!.commands.map((c) => c.name)).toEqual(['cat', 'cat']);
  });

  it('runs a lone heredoc body as the script', async () => {
    const df = await parseDockerfile('FROM a\nRUN <<EOF\napk add curl\nrm -rf /x\nEOF\n');
    const script = df.instructions[1]!.shell![0]!;
    expect(script.origin).toBe('heredoc');
    expect(script.commands.map((c) => [c.name, c.span.start.line])).toEqual([
      ['apk', 3],
      ['rm', 4],
    ]);
  });

  it('treats invalid JSON as shell form', async () => {
    const df = await parseDockerfile(
      `FROM a\nCMD ['echo', "x"]\nCMD ["echo", "x"]\nRUN ["sh", "-c", "ls"]\n`,
    );
    expect(df.instructions.slice(1).map((i) => i.form)).toEqual(['shell', 'exec', 'exec']);
    expect(df.instructions[3]!.shell).toBeUndefined();
  });

  it('parses flags, stages, aliases and expands global ARGs on FROM', async () => {
    const df = await parseDockerfile(
      'ARG BASE=alpine\nARG V\nFROM --platform=linux/amd64 ${BASE}:${V:-3.19} AS Build\nRUN --mount=type=cache,target=/root/.cache ls\nFROM build\nCOPY --from=build --chown=1:1 --link a b\nONBUILD RUN apt-get install x\n',
    );
    expect(df.globalArgs).toHaveLength(2);
    expect(df.stages[0]!.from).toMatchObject({
      expanded: 'alpine:3.19',
      name: 'alpine',
      tag: '3.19',
      platform: 'linux/amd64',
    });
    expect(df.stages[0]!.alias).toBe('build');
    expect(df.stages[1]!.fromStage).toBe(0);
    const copy = df.stages[1]!.instructions[1]!;
    expect(copy.flags.map((f) => [f.name, f.value])).toEqual([
      ['from', 'build'],
      ['chown', '1:1'],
      ['link', null],
    ]);
    expect(copy.words).toEqual(['a', 'b']);
    const onbuild = df.stages[1]!.instructions[2]!;
    expect(onbuild.trigger?.kind).toBe('RUN');
    expect(onbuild.trigger?.shell![0]!.commands[0]!.args).toEqual(['install', 'x']);
    expect(onbuild.trigger?.shell![0]!.commands[0]!.span.start).toEqual({ line: 7, column: 13 });
  });

  it('lists commands in pipes, subshells, substitutions and control structures', async () => {
    const df = await parseDockerfile(
      'FROM a\nRUN set -e; (cd /x && make) || echo "$(date)" | tee log; if true; then wget -q u; fi; for f in a b; do rm $f; done\n',
    );
    const cmds = df.instructions[1]!.shell![0]!.commands;
    expect(cmds.map((c) => c.name)).toEqual([
      'set',
      'cd',
      'make',
      'echo',
      'date',
      'tee',
      'true',
      'wget',
      'rm',
    ]);
    const by = (n: string) => cmds.find((c) => c.name === n)!;
    expect(by('cd').inSubshell).toBe(true);
    expect(by('echo').inPipeline).toBe(true);
    expect(by('tee').pipelineIndex).toBe(1);
    expect(by('date').inSubshell).toBe(true);
    expect(by('wget').depth).toBe(1);
    expect(by('set').inSubshell).toBe(false);
  });

  it('reports shell syntax errors without throwing', async () => {
    const df = await parseDockerfile('FROM a\nRUN echo "unterminated\n');
    expect(df.instructions[1]!.shell![0]!.error).toBeDefined();
  });
});
