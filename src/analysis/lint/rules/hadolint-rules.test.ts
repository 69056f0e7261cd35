/**
 * Table tests for the hadolint-compatible rules: each case is a Dockerfile that must (bad) or must
 * not (good) produce the rule's finding. Continuations, heredocs, exec form, multi-stage and ONBUILD
 * are covered where they change the outcome.
 */
import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../engine.js';
import { hadolintRules } from './index.js';

interface Case {
  bad: string[];
  good: string[];
}

const F = 'FROM debian:12\n';
const CASES: Record<string, Case> = {
  DL3000: {
    bad: [F + 'WORKDIR app\n'],
    good: [F + 'WORKDIR /app\n', F + 'WORKDIR $HOME\n', F + 'WORKDIR "/a b"\n'],
  },
  DL3002: {
    bad: [F + 'USER root\n', F + 'USER app\nUSER 0:0\n'],
    good: [
      F + 'USER root\nUSER app\n',
      F,
      'FROM a:1 AS b\nUSER root\nFROM c:1\nUSER app\n'.replace('USER root\n', ''),
    ],
  },
  DL3003: {
    bad: [F + 'RUN cd /tmp && make\n', F + 'RUN echo a \\\n  && cd /x\n', F + 'RUN <<EOF\ncd /x\nEOF\n'],
    good: [F + 'WORKDIR /tmp\nRUN make\n', F + 'RUN echo cd\n', F + 'RUN ["cd", "/x"]\n'],
  },
  DL3004: {
    bad: [F + 'RUN sudo apt-get update\n', F + 'ONBUILD RUN sudo ls\n'],
    good: [F + 'RUN echo sudo\n'],
  },
  DL3006: {
    bad: ['FROM debian\n', 'FROM registry.io:5000/app\n'],
    good: [
      'FROM debian:12\n',
      'FROM scratch\n',
      'FROM debian@sha256:abc\n',
      'FROM debian:12 AS base\nFROM base\n',
    ],
  },
  DL3007: { bad: ['FROM debian:latest\n'], good: ['FROM debian:12\n', 'FROM debian:latest@sha256:abc\n'] },
  DL3008: {
    bad: [
      F + 'RUN apt-get install -y curl\n',
      F + 'RUN apt-get update && \\\n  # pin!\n  apt-get install -y curl=1 wget\n',
    ],
    good: [
      F + 'RUN apt-get install -y curl=7.0\n',
      F + 'RUN apt-get install -y ./x.deb\n',
      F + 'RUN apt-get -t bookworm install -y curl=1\n',
    ],
  },
  DL3009: {
    bad: [
      F + 'RUN apt-get update && apt-get install -y x=1\n',
      'FROM a:1 AS b\nRUN apt-get update\nFROM b\nRUN ls\n',
    ],
    good: [
      F + 'RUN apt-get update && apt-get install -y x=1 && rm -rf /var/lib/apt/lists/*\n',
      'FROM a:1 AS b\nRUN apt-get update\nFROM c:1\nCOPY --from=b /x /x\n',
      F + 'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n',
    ],
  },
  DL3013: {
    bad: [F + 'RUN pip install flask\n', F + 'RUN python3 -m pip install flask==1 requests\n'],
    good: [
      F + 'RUN pip install flask==2.0\n',
      F + 'RUN pip install -r requirements.txt\n',
      F + 'RUN pip install .\n',
      F + 'RUN pipx install black\n',
    ],
  },
  DL3014: {
    bad: [F + 'RUN apt-get install curl=1\n'],
    good: [
      F + 'RUN apt-get install -y curl=1\n',
      F + 'RUN apt-get -qy install c=1\n',
      F + 'RUN apt-get install --yes c=1\n',
    ],
  },
  DL3015: {
    bad: [F + 'RUN apt-get install -y c=1\n'],
    good: [F + 'RUN apt-get install -y --no-install-recommends c=1\n'],
  },
  DL3016: {
    bad: [F + 'RUN npm install express\n', F + 'RUN npm install @scope/pkg\n'],
    good: [
      F + 'RUN npm install\n',
      F + 'RUN npm install express@4\n',
      F + 'RUN npm install @scope/pkg@1\n',
      F + 'RUN npm install ./local\n',
    ],
  },
  DL3018: {
    bad: [F + 'RUN apk add curl\n'],
    good: [
      F + 'RUN apk add curl=8.0\n',
      F + 'RUN apk add --virtual .deps curl~8\n',
      F + 'RUN apk add ./x.apk\n',
    ],
  },
  DL3019: { bad: [F + 'RUN apk add curl=1\n'], good: [F + 'RUN apk add --no-cache curl=1\n'] },
  DL3020: {
    bad: [F + 'ADD app.py /app/\n', F + 'ADD ["a", "b", "/x/"]\n'],
    good: [F + 'ADD https://example.com/x.tgz /x\n', F + 'ADD rootfs.tar.gz /\n', F + 'COPY a /b\n'],
  },
  DL3022: {
    bad: ['FROM a:1\nCOPY --from=build /x /x\n', 'FROM a:1\nCOPY --from=later /x /x\nFROM b:1 AS later\n'],
    good: [
      'FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /x\n',
      'FROM a:1\nCOPY --from=alpine:3 /x /x\n',
    ],
  },
  DL3023: {
    bad: ['FROM a:1 AS b\nCOPY --from=b /x /y\n'],
    good: ['FROM a:1 AS b\nFROM c:1 AS d\nCOPY --from=b /x /y\n'],
  },
  DL3024: { bad: ['FROM a:1 AS x\nFROM b:1 AS x\n'], good: ['FROM a:1 AS x\nFROM b:1 AS y\n'] },
  DL3025: {
    bad: [F + 'CMD echo hi\n', F + "ENTRYPOINT ['sh', '-c']\n"],
    good: [F + 'CMD ["echo", "hi"]\n', F + 'ENTRYPOINT ["sh"]\n'],
  },
  DL3027: { bad: [F + 'RUN apt install -y x\n'], good: [F + 'RUN apt-get install -y x=1\n'] },
  DL3032: {
    bad: ['FROM centos:7\nRUN yum install -y x\n'],
    good: ['FROM centos:7\nRUN yum install -y x && yum clean all\n'],
  },
  DL3040: {
    bad: [
      'FROM fedora:39\nRUN dnf install -y x\n',
      'FROM fedora:39\nRUN dnf clean all && dnf install -y x\n',
    ],
    good: [
      'FROM fedora:39\nRUN dnf install -y x && dnf clean all\n',
      'FROM ubi:9\nRUN microdnf install x && microdnf clean all\n',
    ],
  },
  DL3042: {
    bad: [
      F + 'RUN pip install x==1\n',
      'FROM a:1 AS b\nENV PIP_NO_CACHE_DIR=1\nFROM c:1\nRUN pip install x==1\n',
    ],
    good: [
      F + 'RUN pip install --no-cache-dir x==1\n',
      F + 'ENV PIP_NO_CACHE_DIR=1\nRUN pip install x==1\n',
      'FROM a:1 AS b\nENV PIP_NO_CACHE_DIR=true\nFROM b\nRUN pip install x==1\n',
      F + 'RUN PIP_NO_CACHE_DIR=1 pip install x==1\n',
    ],
  },
  DL3045: {
    bad: [F + 'COPY a b\n', 'FROM a:1 AS x\nWORKDIR /w\nFROM b:1\nCOPY a b\n'],
    good: [
      F + 'WORKDIR /w\nCOPY a b\n',
      F + 'COPY a /b\n',
      F + 'COPY a $DEST\n',
      'FROM a:1 AS x\nWORKDIR /w\nFROM x\nCOPY a b\n',
    ],
  },
  DL3046: {
    bad: [F + 'RUN useradd -u 1000000 app\n'],
    good: [F + 'RUN useradd -l -u 1000000 app\n', F + 'RUN useradd -u 1000 app\n'],
  },
  DL3047: {
    bad: [F + 'RUN wget http://x/y\n'],
    good: [F + 'RUN wget -q http://x/y\n', F + 'RUN wget --progress=dot:giga u\n', F + 'RUN wget -nv u\n'],
  },
  DL3059: {
    bad: [F + 'RUN a\nRUN b\n', F + 'RUN a\n# c\nRUN b\n'],
    good: [
      F + 'RUN a\nUSER x\nRUN b\n',
      F + 'RUN a && b && c\nRUN d\n',
      F + 'RUN a\nRUN --mount=type=cache,target=/c b\n',
    ],
  },
  DL3060: { bad: [F + 'RUN yarn install\n'], good: [F + 'RUN yarn install && yarn cache clean\n'] },
  DL3061: { bad: ['LABEL a=b\nFROM a:1\n'], good: ['ARG X=1\n# c\nFROM a:$X\n'] },
  DL3064: {
    bad: [F + 'ARG GITHUB_TOKEN\n', F + 'ENV DB_PASSWORD=x\n', 'ARG my_secret\nFROM a:1\n'],
    good: [F + 'ENV PATH=/x\n'],
  },
  DL4000: { bad: [F + 'MAINTAINER me\n'], good: [F + 'LABEL maintainer=me\n'] },
  DL4003: { bad: [F + 'CMD ["a"]\nCMD ["b"]\n'], good: [F + 'CMD ["a"]\nFROM b:1\nCMD ["b"]\n'] },
  DL4004: { bad: [F + 'ENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n'], good: [F + 'ENTRYPOINT ["a"]\n'] },
  DL4006: {
    bad: [
      F + 'RUN wget -qO- u | tar x\n',
      F + 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM b:1\nRUN a | b\n',
    ],
    good: [
      F + 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n',
      F + 'RUN a || b\n',
      F + 'RUN echo "a|b"\n',
    ],
  },
};

async function ids(text: string, config = {}): Promise<string[]> {
  const { findings } = await lintDockerfile(text, { rules: hadolintRules, config });
  return findings.map((f) => f.ruleId);
}

describe('hadolint-compatible rules', () => {
  for (const [id, c] of Object.entries(CASES)) {
    describe(id, () => {
      c.bad.forEach((text, i) =>
        it(`catches bad #${i + 1}`, async () => expect(await ids(text)).toContain(id)),
      );
      c.good.forEach((text, i) =>
        it(`passes good #${i + 1}`, async () => expect(await ids(text)).not.toContain(id)),
      );
    });
  }

  it('every rule has a case table, and ids are unique', () => {
    const all = hadolintRules.map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((x) => !(x in CASES)).sort()).toEqual(['DL3026', 'DL3057']);
  });

  it('DL3026 checks trusted registries only when configured', async () => {
    const text = 'FROM quay.io/a/b:1\nFROM debian:12\nFROM scratch\n';
    expect(await ids(text)).not.toContain('DL3026');
    const { findings } = await lintDockerfile(text, {
      rules: hadolintRules,
      config: { trustedRegistries: ['docker.io'] },
    });
    expect(findings.filter((f) => f.ruleId === 'DL3026').map((f) => f.line)).toEqual([1]);
  });

  it('DL3057 is off unless overridden', async () => {
    expect(await ids('FROM a:1\n')).not.toContain('DL3057');
    expect(await ids('FROM a:1\n', { override: { warning: ['DL3057'] } })).toContain('DL3057');
    expect(
      await ids('FROM a:1\nHEALTHCHECK CMD true\n', { override: { warning: ['DL3057'] } }),
    ).not.toContain('DL3057');
  });

  it('points command findings at the command inside a continuation', async () => {
    const { findings } = await lintDockerfile('FROM a:1\nRUN echo a \\\n  && sudo ls\n', {
      rules: hadolintRules,
    });
    expect(findings.find((f) => f.ruleId === 'DL3004')).toMatchObject({
      line: 3,
      column: 6,
      endLine: 3,
      endColumn: 13,
    });
  });
});
