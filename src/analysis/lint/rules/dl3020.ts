/** DL3020: use COPY instead of ADD for files and folders. */
import type { Rule } from '../types.js';
import { eachInstruction } from '../helpers.js';
import { unquote } from '../../../dockerfile/words.js';

const ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst|lz|lzma|Z|zip)$/;

/** dl3020 flags ADD whose sources are neither URLs nor archives (heredoc ADDs are not flagged). */
export const dl3020: Rule = {
  id: 'DL3020',
  severity: 'error',
  description: 'Use COPY instead of ADD for files and folders',
  *check({ dockerfile }) {
    for (const { ins } of eachInstruction(dockerfile, 'ADD')) {
      if (ins.heredocs.length > 0) continue;
      const paths = ins.form === 'exec' ? (ins.exec ?? []) : ins.words.map(unquote);
      const sources = paths.slice(0, -1);
      if (sources.some((s) => !/^(https?|git|ssh):\/\//.test(s) && !s.startsWith('git@') && !ARCHIVE.test(s)))
        yield { span: ins.span };
    }
  },
};
