/**
 * STW005: a build toolchain (compilers, make, `-dev`/`-devel` headers, Go or Rust) ends up in the
 * final stage: installed there (or in a stage it builds on) and not removed in the same RUN, or
 * inherited from a toolchain base image. Build in an earlier stage and copy only the output.
 */
import type { ParsedDockerfile, Stage } from '../../../dockerfile/model.js';
import type { SimpleCommand } from '../../../dockerfile/shell/model.js';
import type { Report, Rule } from '../types.js';
import { basename } from './stw-lib/command-line.js';
import { isToolchainPackage, packageChange } from './stw-lib/package-installs.js';
import { runCommands } from './stw-lib/sequences.js';

const TOOLCHAIN_IMAGES = new Set(['golang', 'rust', 'gcc', 'buildpack-deps']);

/** finalChain is the last stage and the stages it builds on (`FROM earlier`), base first. */
export function finalChain(df: ParsedDockerfile): Stage[] {
  const chain: Stage[] = [];
  let s = df.stages[df.stages.length - 1];
  while (s !== undefined && !chain.includes(s)) {
    chain.unshift(s);
    s = s.fromStage !== undefined ? df.stages[s.fromStage] : undefined;
  }
  return chain;
}

interface Installed {
  pkg: string;
  cmd: SimpleCommand;
  insIndex: number;
  virtualName?: string;
  removedAt?: { line: number; sameRun: boolean };
}

/** finalToolchainRule is STW005. */
export const finalToolchainRule: Rule = {
  id: 'STW005',
  severity: 'warning',
  description:
    'A build toolchain (compiler, make, -dev/-devel headers, Go or Rust) is in the final stage: build in an earlier stage and COPY --from it only what runs.',
  *check({ dockerfile }): Iterable<Report> {
    const chain = finalChain(dockerfile);
    const base = chain[0];
    if (
      base !== undefined &&
      base.fromStage === undefined &&
      TOOLCHAIN_IMAGES.has(basename(base.from.name))
    ) {
      const from = base.instructions[0]!;
      yield {
        span: from.span,
        message: `The final image is based on ${base.from.name}, a full build toolchain: build in a stage based on it and copy the output into a slim runtime image.`,
      };
    }
    const installed: Installed[] = [];
    let insIndex = 0;
    for (const stage of chain) {
      for (const ins of stage.instructions) {
        insIndex++;
        if (ins.kind !== 'RUN') continue;
        for (const cmd of runCommands(ins)) {
          const change = packageChange(cmd);
          if (change === null) continue;
          if (change.action === 'install') {
            for (const pkg of change.packages.filter(isToolchainPackage)) {
              installed.push({
                pkg,
                cmd,
                insIndex,
                ...(change.virtualName !== undefined && { virtualName: change.virtualName }),
              });
            }
            continue;
          }
          for (const it of installed) {
            if (it.removedAt?.sameRun === true) continue;
            const names = [it.pkg, ...(it.virtualName !== undefined ? [it.virtualName] : [])];
            if (change.packages.some((p) => names.includes(p))) {
              it.removedAt = { line: ins.span.start.line, sameRun: it.insIndex === insIndex };
            }
          }
        }
      }
    }
    const byCommand = new Map<SimpleCommand, Installed[]>();
    for (const it of installed) {
      if (it.removedAt?.sameRun === true) continue;
      byCommand.set(it.cmd, [...(byCommand.get(it.cmd) ?? []), it]);
    }
    for (const [cmd, items] of byCommand) {
      const staying = items.filter((i) => i.removedAt === undefined).map((i) => i.pkg);
      const later = items.filter((i) => i.removedAt !== undefined);
      const parts: string[] = [];
      if (staying.length > 0)
        parts.push(`${staying.join(', ')} stay${staying.length === 1 ? 's' : ''} in the final image`);
      if (later.length > 0) {
        parts.push(
          `${later.map((i) => i.pkg).join(', ')} removed only by a later RUN (line ${later[0]!.removedAt!.line}), so the bytes stay in this layer`,
        );
      }
      yield {
        span: cmd.span,
        message: `${parts.join('; ')}: build in an earlier stage and COPY --from it only what runs (or remove in the same RUN).`,
      };
    }
  },
};
