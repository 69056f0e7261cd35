/**
 * The rule registry: hadolint-compatible rules (same ids, same meaning) and stowage's own.
 */
import type { Rule } from '../types.js';
import { dl3000 } from './dl3000.js';
import { dl3002 } from './dl3002.js';
import { dl3003 } from './dl3003.js';
import { dl3004 } from './dl3004.js';
import { dl3006 } from './dl3006.js';
import { dl3007 } from './dl3007.js';
import { dl3008 } from './dl3008.js';
import { dl3009 } from './dl3009.js';
import { dl3013 } from './dl3013.js';
import { dl3014 } from './dl3014.js';
import { dl3015 } from './dl3015.js';
import { dl3016 } from './dl3016.js';
import { dl3018 } from './dl3018.js';
import { dl3019 } from './dl3019.js';
import { dl3020 } from './dl3020.js';
import { dl3022 } from './dl3022.js';
import { dl3023 } from './dl3023.js';
import { dl3024 } from './dl3024.js';
import { dl3025 } from './dl3025.js';
import { dl3026 } from './dl3026.js';
import { dl3027 } from './dl3027.js';
import { dl3032 } from './dl3032.js';
import { dl3040 } from './dl3040.js';
import { dl3042 } from './dl3042.js';
import { dl3045 } from './dl3045.js';
import { dl3046 } from './dl3046.js';
import { dl3047 } from './dl3047.js';
import { dl3057 } from './dl3057.js';
import { dl3059 } from './dl3059.js';
import { dl3060 } from './dl3060.js';
import { dl3061 } from './dl3061.js';
import { dl3064 } from './dl3064.js';
import { dl4000 } from './dl4000.js';
import { dl4003 } from './dl4003.js';
import { dl4004 } from './dl4004.js';
import { dl4006 } from './dl4006.js';
import { stwRules } from './stw-index.js';

/** hadolintRules are the rules that share hadolint's ids and meaning. */
export const hadolintRules: Rule[] = [
  dl3000,
  dl3002,
  dl3003,
  dl3004,
  dl3006,
  dl3007,
  dl3008,
  dl3009,
  dl3013,
  dl3014,
  dl3015,
  dl3016,
  dl3018,
  dl3019,
  dl3020,
  dl3022,
  dl3023,
  dl3024,
  dl3025,
  dl3026,
  dl3027,
  dl3032,
  dl3040,
  dl3042,
  dl3045,
  dl3046,
  dl3047,
  dl3057,
  dl3059,
  dl3060,
  dl3061,
  dl3064,
  dl4000,
  dl4003,
  dl4004,
  dl4006,
];

/** allRules are every rule the engine runs by default. */
export const allRules: Rule[] = [...hadolintRules, ...stwRules];
