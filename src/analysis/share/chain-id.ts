/**
 * Chain IDs (OCI image-spec): the identity under which a host (docker, containerd) stores an
 * unpacked layer — the layer's diff_id together with everything below it.
 */
import { digestOf, type Digest } from '../../model/digest.js';

/** chainIds returns ChainID(L0..Ln) for a list of diff_ids, base first. */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  for (const d of diffIds) {
    const prev = out.at(-1);
    out.push(prev === undefined ? d : digestOf(`${prev} ${d}`));
  }
  return out;
}
