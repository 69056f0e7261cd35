/**
 * reconstructDockerfile: the Dockerfile an image's config and history imply — one instruction per
 * history entry, in order, each with the layer it made (or none), and comments where the history
 * cannot say: the base image (its steps appear as they were built, after `FROM scratch`), COPY/ADD
 * sources known only by hash, build-arg values, and layers without a history entry.
 */
import { alignHistory, type ImageConfig } from '../../model/config.js';
import { declaredArgNames } from '../secrets/build-args.js';
import { instructionOf, type Instruction } from './created-by.js';

/** ReconstructedStep is one history entry read back as an instruction. */
export interface ReconstructedStep extends Instruction {
  /** the layer the step made, or null for a step without one */
  layer: number | null;
  createdBy: string | null;
}

/** Reconstruction is the steps and the Dockerfile text they make. */
export interface Reconstruction {
  steps: ReconstructedStep[];
  dockerfile: string;
}

/** reconstructDockerfile reads `config`'s history (`layerCount` layers) back into a Dockerfile. */
export function reconstructDockerfile(config: ImageConfig, layerCount: number): Reconstruction {
  const declared = declaredArgNames(config.history);
  const steps: ReconstructedStep[] = alignHistory(config, layerCount).map((h) => {
    const layer = h.layerIndex ?? null;
    const createdBy = h.entry.created_by ?? null;
    if (createdBy === null || createdBy.trim() === '') {
      return {
        layer,
        createdBy,
        line: '',
        comments: [`no history recorded${layer === null ? '' : ` for layer ${layer}`}`],
      };
    }
    return { layer, createdBy, ...instructionOf(createdBy, declared) };
  });
  const lines = [
    '# Reconstructed by stowage from the image history. The base image is not recorded: its steps',
    '# follow FROM scratch as they were built.',
    'FROM scratch',
  ];
  for (const s of steps) {
    for (const c of s.comments) lines.push(`# ${c}`);
    if (s.line !== '') lines.push(s.line.replace(/\n/g, '\\\n'));
  }
  return { steps, dockerfile: `${lines.join('\n')}\n` };
}
