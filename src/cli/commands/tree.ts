/**
 * `stowage tree IMAGE`: the merged filesystem with each path's layer, or (with --layer N) what that
 * layer changed, filtered by change kind, glob and depth.
 */
import { StowageError } from '../../model/errors.js';
import { renderTreeText } from '../../report/render/tree-text.js';
import { buildTreeReport, type TreeChangeFilter } from '../../report/tree-report.js';
import type { Command } from '../command.js';
import { intOption } from './int-option.js';
import { readLayers } from './read-layers.js';

const KINDS: readonly TreeChangeFilter[] = ['added', 'modified', 'deleted'];

function changes(value: unknown): TreeChangeFilter[] | undefined {
  if (typeof value !== 'string') return undefined;
  const list = value
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  for (const k of list) {
    if (!KINDS.includes(k as TreeChangeFilter)) {
      throw new StowageError('USAGE', `--changes ${k} is not a change kind`, {
        hint: `use a comma-separated list of ${KINDS.join(', ')}`,
      });
    }
  }
  return list as TreeChangeFilter[];
}

/** treeCommand prints a file tree. */
export const treeCommand: Command = {
  name: 'tree',
  summary: 'show the merged filesystem with each path’s layer, or one layer’s changes as a tree',
  synopsis: 'IMAGE',
  description:
    'Without --layer shows the final (merged) filesystem; each line names the layer its entry comes from.\n' +
    'With --layer N shows what layer N added (+), modified (~), deleted (-) or hid behind an opaque\n' +
    'directory (×); --changes narrows that. --path takes a glob (picomatch, e.g. "usr/lib/**").\n' +
    'With --format json prints a stowage.tree/v1 document (see docs/json-output.md).',
  options: [
    { name: 'layer', type: 'string', valueName: 'N', description: 'show layer N’s changes (0 = base)' },
    { name: 'merged', type: 'boolean', description: 'show the merged filesystem (the default)' },
    {
      name: 'changes',
      type: 'string',
      valueName: 'KINDS',
      description: 'with --layer: added,modified,deleted (default all)',
    },
    {
      name: 'sort',
      type: 'string',
      valueName: 'KEY',
      description: 'name (default) or size (directories by total size)',
    },
    { name: 'depth', type: 'string', valueName: 'D', description: 'show D levels (1 = top-level entries)' },
    {
      name: 'path',
      type: 'string',
      valueName: 'GLOB',
      description: 'only paths matching GLOB (and their parents)',
    },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const v = ctx.values;
    const layer = intOption(v.layer, 'layer');
    if (layer !== undefined && v.merged === true) {
      throw new StowageError('USAGE', '--layer and --merged exclude each other', {
        hint: 'give one of them',
      });
    }
    if (v.sort !== undefined && v.sort !== 'name' && v.sort !== 'size') {
      throw new StowageError('USAGE', `--sort ${String(v.sort)} is not a sort key`, {
        hint: 'use --sort name or --sort size',
      });
    }
    const opts = {
      ...(layer !== undefined && { layer }),
      ...(v.changes !== undefined && { changes: changes(v.changes) }),
      ...(v.sort !== undefined && { sort: v.sort as 'name' | 'size' }),
      ...(v.depth !== undefined && { depth: intOption(v.depth, 'depth', 0) }),
      ...(typeof v.path === 'string' && { path: v.path }),
    };
    const { facts, stack } = await readLayers(ctx, ctx.args[0] as string);
    const report = buildTreeReport(facts, stack, opts);
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderTreeText(report, { style: ctx.style }),
    );
  },
};
