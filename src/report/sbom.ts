/**
 * SBOMs from a packages report: SPDX 2.3 JSON and CycloneDX 1.5 JSON. The image is the document's
 * subject (SPDX: a CONTAINER package that CONTAINS every package; CycloneDX: the metadata
 * component of type `container`); each package carries its purl and the layer that added it.
 * Serial numbers and namespaces are random UUIDs, so two runs differ only in those and the time.
 */
import { randomUUID } from 'node:crypto';
import type { PackagesReport } from './packages-report.js';

/** SbomContext is what an SBOM says about its own making. */
export interface SbomContext {
  toolVersion: string;
  /** creation time; default now */
  now?: Date;
}

/** isoSeconds is an ISO 8601 UTC time without fractions, as SPDX writes it. */
function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** spdxId makes an SPDX element id (letters, digits, `.` and `-` only) unique by its position. */
function spdxId(p: PackagesReport['packages'][number], i: number): string {
  return `SPDXRef-Package-${p.type}-${p.name.replace(/[^A-Za-z0-9.-]/g, '-')}-${i}`;
}

/** renderSpdx writes an SPDX 2.3 JSON document for the report's packages. */
export function renderSpdx(r: PackagesReport, ctx: SbomContext): string {
  const ids = r.packages.map(spdxId);
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: r.reference,
    documentNamespace: `https://stowage.invalid/spdx/${randomUUID()}`,
    creationInfo: {
      created: isoSeconds(ctx.now ?? new Date()),
      creators: [`Tool: stowage-${ctx.toolVersion}`],
    },
    documentDescribes: ['SPDXRef-Image'],
    packages: [
      {
        SPDXID: 'SPDXRef-Image',
        name: r.reference,
        versionInfo: r.manifestDigest,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        primaryPackagePurpose: 'CONTAINER',
      },
      ...r.packages.map((p, i) => ({
        SPDXID: ids[i] as string,
        name: p.name,
        versionInfo: p.version,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        externalRefs: [
          { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl },
        ],
        comment: `added by layer ${p.layer}; ${p.files.length} files, ${p.bytes} bytes in the image`,
      })),
    ],
    relationships: [
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: 'SPDXRef-Image',
      },
      ...ids.map((id) => ({
        spdxElementId: 'SPDXRef-Image',
        relationshipType: 'CONTAINS',
        relatedSpdxElement: id,
      })),
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** renderCycloneDx writes a CycloneDX 1.5 JSON BOM for the report's packages. */
export function renderCycloneDx(r: PackagesReport, ctx: SbomContext): string {
  const seen = new Map<string, number>();
  const bomRef = (purl: string) => {
    const n = seen.get(purl) ?? 0;
    seen.set(purl, n + 1);
    return n === 0 ? purl : `${purl}#${n}`;
  };
  const doc = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: isoSeconds(ctx.now ?? new Date()),
      tools: { components: [{ type: 'application', name: 'stowage', version: ctx.toolVersion }] },
      component: { type: 'container', 'bom-ref': 'image', name: r.reference, version: r.manifestDigest },
    },
    components: r.packages.map((p) => ({
      type: 'library',
      'bom-ref': bomRef(p.purl),
      name: p.name,
      version: p.version,
      purl: p.purl,
      properties: [
        { name: 'stowage:package:type', value: p.type },
        { name: 'stowage:layer', value: String(p.layer) },
        { name: 'stowage:bytes', value: String(p.bytes) },
      ],
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
