/**
 * JUnit XML for a check report (CI systems show it as a test run): one <testsuite> for the image,
 * one <testcase> per rule; a failed rule has a <failure>, a disabled one <skipped/>.
 */
import type { CheckDocument } from '../check-report.js';
import { formatLimit } from './check-text.js';

/** xmlEscape escapes text for XML attributes and content (and drops characters XML 1.0 forbids). */
export function xmlEscape(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** renderCheckJunit renders the report as a JUnit XML document. */
export function renderCheckJunit(r: CheckDocument): string {
  const count = (st: string) => r.rules.filter((x) => x.status === st).length;
  const name = xmlEscape(`stowage check ${r.reference}`);
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="stowage check" tests="${r.rules.length}" failures="${count('fail')}" skipped="${count('skip')}">\n`;
  out += `  <testsuite name="${name}" tests="${r.rules.length}" failures="${count('fail')}" skipped="${count('skip')}" errors="0">\n`;
  out += '    <properties>\n';
  out += `      <property name="manifestDigest" value="${xmlEscape(r.manifestDigest)}"/>\n`;
  out += `      <property name="baseLayers" value="${r.base.layers}"/>\n`;
  out += '    </properties>\n';
  for (const rule of r.rules) {
    out += `    <testcase classname="stowage.check" name="${xmlEscape(rule.id)}">\n`;
    if (rule.status === 'fail') {
      const text = `${rule.description}: measured ${formatLimit(rule.unit, rule.actual)}, limit ${formatLimit(rule.unit, rule.limit)}`;
      out += `      <failure message="${xmlEscape(rule.message)}" type="threshold">${xmlEscape(text)}</failure>\n`;
    } else if (rule.status === 'skip') {
      out += '      <skipped message="rule disabled"/>\n';
    }
    out += '    </testcase>\n';
  }
  return `${out}  </testsuite>\n</testsuites>\n`;
}
