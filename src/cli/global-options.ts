/**
 * The options every command accepts, wherever they appear on the command line.
 */
import { LIMIT_AND_TIMEOUT_OPTIONS } from './limit-options.js';
import type { OptionDef } from './options.js';

/** GLOBAL_OPTIONS are parsed before and after the command name. */
export const GLOBAL_OPTIONS: readonly OptionDef[] = [
  {
    name: 'format',
    type: 'string',
    short: 'f',
    valueName: 'FORMAT',
    description: 'output format: text (default) or json',
  },
  {
    name: 'platform',
    type: 'string',
    valueName: 'OS/ARCH[/VARIANT]',
    description: 'image to use from a multi-platform index (default linux/<host arch>)',
  },
  {
    name: 'creds',
    type: 'string',
    valueName: 'USER:PASSWORD',
    description: 'registry credentials (default: docker/podman login files, credential helpers)',
  },
  {
    name: 'insecure',
    type: 'boolean',
    description: 'allow plain HTTP to a registry that is not on this machine',
  },
  { name: 'no-cache', type: 'boolean', description: "don't read or write the local blob cache" },
  { name: 'debug', type: 'boolean', description: 'show stack traces and error causes' },
  {
    name: 'no-color',
    type: 'boolean',
    description: 'no colour (also: NO_COLOR=1, or output not a terminal)',
  },
  ...LIMIT_AND_TIMEOUT_OPTIONS,
  { name: 'help', type: 'boolean', short: 'h', description: 'show help' },
  { name: 'version', type: 'boolean', short: 'V', description: 'show the version' },
];
