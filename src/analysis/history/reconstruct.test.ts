import { describe, expect, it } from 'vitest';
import type { ImageConfig } from '../../model/config.js';
import { reconstructDockerfile } from './reconstruct.js';

const H = 'a'.repeat(64);

function config(history: { created_by?: string; empty_layer?: boolean }[]): ImageConfig {
  return {
    architecture: 'amd64',
    os: 'linux',
    config: {},
    rootfs: { type: 'layers', diff_ids: [] },
    history,
  } as unknown as ImageConfig;
}

describe('reconstructDockerfile', () => {
  it('reads the classic builder’s and buildah’s forms', () => {
    const r = reconstructDockerfile(
      config([
        { created_by: `/bin/sh -c #(nop) ADD file:${H} in / ` },
        { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
        { created_by: '/bin/sh -c #(nop)  ARG API_TOKEN MODE', empty_layer: true },
        { created_by: '|2 API_TOKEN=ghp_0123456789abcdefghij MODE=fast /bin/sh -c make build' },
        { created_by: '/bin/sh -c #(nop) WORKDIR /app', empty_layer: true },
        { created_by: '/bin/sh -c apt-get update && apt-get install -y curl' },
      ]),
      3,
    );
    expect(r.steps.map((s) => [s.layer, s.line])).toEqual([
      [0, `ADD file:${H} /`],
      [null, 'CMD ["bash"]'],
      [null, 'ARG API_TOKEN MODE'],
      [1, 'RUN make build'],
      [null, 'WORKDIR /app'],
      [2, 'RUN apt-get update && apt-get install -y curl'],
    ]);
    expect(r.steps[3]?.comments).toEqual(['build args: API_TOKEN=ghp_…(24 chars) MODE=fast']);
    expect(r.dockerfile).not.toContain('0123456789');
    expect(r.steps[0]?.comments[0]).toContain('recorded only as file:');
  });

  it('reads BuildKit’s forms', () => {
    const r = reconstructDockerfile(
      config([
        { created_by: 'ARG VERSION=1.2', empty_layer: true },
        { created_by: 'RUN |1 VERSION=1.2 /bin/sh -c echo $VERSION > /v # buildkit' },
        { created_by: 'COPY app.py /srv/ # buildkit' },
        { created_by: 'ENV DB_PASSWORD=hunter2-hunter2', empty_layer: true },
        { created_by: 'EXPOSE map[8080/tcp:{}]', empty_layer: true },
        { created_by: 'CMD ["python" "/srv/app.py"]', empty_layer: true },
      ]),
      2,
    );
    expect(r.steps.map((s) => s.line)).toEqual([
      'ARG VERSION=1.2',
      'RUN echo $VERSION > /v',
      'COPY app.py /srv/',
      'ENV DB_PASSWORD=hu…(15 chars)',
      'EXPOSE 8080/tcp',
      'CMD ["python" "/srv/app.py"]',
    ]);
  });

  it('says what it could not read', () => {
    const r = reconstructDockerfile(config([{ created_by: 'debootstrap --variant=minbase bookworm' }]), 2);
    expect(r.steps.map((s) => [s.layer, s.line, s.comments])).toEqual([
      [0, '', ['not an instruction stowage recognises: debootstrap --variant=minbase bookworm']],
      [1, '', ['no history recorded for layer 1']],
    ]);
  });
});
