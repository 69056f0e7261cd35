/** DL4000: MAINTAINER is deprecated. */
import type { Rule } from '../types.js';
import { eachInstruction } from '../helpers.js';

/** dl4000 flags MAINTAINER. */
export const dl4000: Rule = {
  id: 'DL4000',
  severity: 'error',
  description: 'MAINTAINER is deprecated',
  *check({ dockerfile }) {
    for (const { ins } of eachInstruction(dockerfile, 'MAINTAINER')) yield { span: ins.span };
  },
};
