/**
 * Executables: ELF and shebang reading, symlink and PATH resolution inside an image root, and the
 * static closure of what a command needs to run (used by slim).
 */
export { commandClosure, type Closure, type ClosureOptions, type CommandRoot, type Need } from './closure.js';
export { parseElf, isElf, ElfError, ELF_MACHINES, type ElfInfo } from './elf.js';
export { DEFAULT_PATH, findCommand, isExecutableFile } from './find-command.js';
export { below, imageFs, type ImageFs, MAX_READ } from './image-fs.js';
export { parseLdCache, type LdCacheEntry } from './ld-cache.js';
export { ldConfDirs } from './ld-conf.js';
export { searchLibrary, defaultDirs, type LoaderSetup, type Found } from './library-search.js';
export { MAX_LINKS, normalizePath, resolvePath, type Resolved } from './resolve-path.js';
export { parseShebang, type Shebang } from './shebang.js';
