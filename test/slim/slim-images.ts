/**
 * The slim test images, built on the shared Debian base with umoci (one layer of app files, made
 * by GNU tar, on top of the debootstrapped layer, in a hard-linked copy of the base layout): a C program compiled here with the host's gcc (the host is
 * bookworm too: the same glibc), a #!/bin/sh script calling coreutils, and an image of broken
 * executables (a symlink loop, a link out of the root, an ELF for another architecture) with no
 * ENTRYPOINT or CMD.
 */
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DebianBase } from '../fixtures/debian-base.js';
import { runText } from '../fixtures/run.js';

/** AppSpec is one image: files (path → content, or `-> TARGET` for a symlink) and its config. */
export interface AppSpec {
  files: Record<string, string | Buffer>;
  entrypoint?: string[];
  workdir?: string;
  /** ExposedPorts, e.g. `8080/tcp` */
  ports?: string[];
}

/** HELLO_C prints a fixed line; with --greet it prints /app/greeting.txt, a file no argument names. */
const HELLO_C = `#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--greet") == 0) {
    FILE *f = fopen("/app/greeting.txt", "r");
    if (f == NULL) { perror("/app/greeting.txt"); return 1; }
    char line[256];
    while (fgets(line, sizeof line, f) != NULL) fputs(line, stdout);
    fclose(f);
    return 0;
  }
  puts("hello from C");
  return 0;
}
`;

/** SERVER_C answers GET / with a fixed page and GET /data with /app/data.txt, on 127.0.0.1:8080. */
const SERVER_C = `#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(8080), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
  if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 8) != 0) { perror("listen"); return 1; }
  for (;;) {
    int c = accept(s, NULL, NULL);
    char req[1024] = {0}, body[4096] = "hello over http\\n";
    if (read(c, req, sizeof req - 1) < 0) { close(c); continue; }
    const char *status = "200 OK";
    if (strncmp(req, "GET /data ", 10) == 0) {
      FILE *f = fopen("/app/data.txt", "r");
      size_t n = f ? fread(body, 1, sizeof body - 1, f) : 0;
      body[n] = 0;
      if (f) fclose(f); else status = "404 Not Found";
    }
    dprintf(c, "HTTP/1.0 %s\\r\\nContent-Length: %zu\\r\\n\\r\\n%s", status, strlen(body), body);
    close(c);
  }
}
`;

const SCRIPT = `#!/bin/sh
set -e
cd /app
words=$(cat data.txt | tr a-z A-Z | sort | uniq | wc -l)
echo "distinct words: $words"
head -n 1 data.txt | sed 's/a/4/g'
basename "$(pwd)"
`;

/** SlimImages are the built images as `oci:DIR:latest` references. */
export interface SlimImages {
  hello: string;
  server: string;
  script: string;
  broken: string;
}

async function layout(dir: string, files: AppSpec['files']): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    if (typeof content === 'string' && content.startsWith('-> ')) await symlink(content.slice(3), full);
    else {
      await writeFile(full, content);
      await chmod(full, typeof content === 'string' && !content.startsWith('#!') ? 0o644 : 0o755);
    }
  }
}

/**
 * addLayer adds `tar` (uncompressed) to the base under tag `name` of layout `dir` (a hard-linked
 * copy of the base layout) and sets the config of `spec` with umoci; returns the reference.
 */
export async function addLayer(
  dir: string,
  tar: string,
  name: string,
  spec: Omit<AppSpec, 'files'>,
): Promise<string> {
  await runText('umoci', ['raw', 'add-layer', '--image', `${dir}:bookworm`, '--tag', name, tar]);
  const config = ['--history.created_by', `stowage slim test: ${name}`];
  for (const e of spec.entrypoint ?? []) config.push('--config.entrypoint', e);
  if (spec.workdir !== undefined) config.push('--config.workingdir', spec.workdir);
  for (const p of spec.ports ?? []) config.push('--config.exposedports', p);
  if (config.length > 2) await runText('umoci', ['config', '--image', `${dir}:${name}`, ...config]);
  return `oci:${dir}:${name}`;
}

/** build adds one layer of the app files (GNU tar, owned by root) to the base under tag `name`. */
async function build(dir: string, work: string, name: string, spec: AppSpec): Promise<string> {
  const ctx = join(work, `${name}-ctx`);
  await layout(ctx, spec.files);
  const tar = join(work, `${name}.tar`);
  await runText('tar', ['-C', ctx, '--owner=0', '--group=0', '--numeric-owner', '-cf', tar, '.']);
  return addLayer(dir, tar, name, spec);
}

/** buildSlimImages compiles the C program and builds the three images under `work`. */
export async function buildSlimImages(base: DebianBase, work: string): Promise<SlimImages> {
  await mkdir(work, { recursive: true });
  await writeFile(join(work, 'hello.c'), HELLO_C);
  const hello = join(work, 'hello');
  await runText('gcc', ['-O2', '-o', hello, join(work, 'hello.c')]);
  const helloBin = await readFile(hello);
  await writeFile(join(work, 'server.c'), SERVER_C);
  await runText('gcc', ['-O2', '-o', join(work, 'server'), join(work, 'server.c')]);
  // the same program marked as an arm64 object (e_machine 183): not runnable on an amd64 image
  const arm = Buffer.from(helloBin);
  arm.writeUInt16LE(183, 18);
  const dir = join(work, 'layout');
  await runText('cp', ['-al', base.layout, dir]);
  return {
    hello: await build(dir, work, 'hello', {
      files: { 'app/hello': helloBin, 'app/greeting.txt': 'greetings from a data file\n' },
      entrypoint: ['/app/hello'],
    }),
    server: await build(dir, work, 'server', {
      files: {
        'app/server': await readFile(join(work, 'server')),
        'app/data.txt': 'served from a data file\n',
      },
      entrypoint: ['/app/server'],
      ports: ['8080/tcp'],
    }),
    script: await build(dir, work, 'script', {
      files: { 'app/run.sh': SCRIPT, 'app/data.txt': 'banana apple cherry\napple\nbanana\n' },
      entrypoint: ['/app/run.sh'],
      workdir: '/app',
    }),
    broken: await build(dir, work, 'broken', {
      files: {
        'app/loop1': '-> loop2',
        'app/loop2': '-> loop1',
        'app/out': '-> ../../../../usr/bin/ls',
        'app/arm-hello': arm,
      },
    }),
  };
}
