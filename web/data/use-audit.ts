/**
 * useAudit: the audit report — from the model when it holds one (a report file), else asked of the
 * server, which answers 202 while its scan runs, then the report or the scan's error.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AuditReport } from '../../src/report/audit-types.js';
import type { ExploreModel } from '../../src/report/explore-types.js';
import { apiUrl } from './load-model.js';

/** AuditState is what the secrets panel can show. */
export type AuditState =
  { kind: 'ready'; report: AuditReport } | { kind: 'scanning' } | { kind: 'error'; message: string };

const POLL_MS = 1000;

/** useAudit returns the audit's state, polling the server until the scan settles. */
export function useAudit(model: ExploreModel): AuditState {
  const [state, setState] = useState<AuditState>(
    model.audit !== null ? { kind: 'ready', report: model.audit } : { kind: 'scanning' },
  );
  useEffect(() => {
    if (model.audit !== null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const res = await fetch(apiUrl('api/audit'));
        if (stopped) return;
        if (res.status === 202) {
          timer = setTimeout(() => void ask(), POLL_MS);
          return;
        }
        const body = (await res.json()) as AuditReport & { error?: string };
        if (!res.ok) setState({ kind: 'error', message: body.error ?? `HTTP ${res.status}` });
        else setState({ kind: 'ready', report: body });
      } catch (e) {
        if (!stopped) setState({ kind: 'error', message: (e as Error).message });
      }
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [model]);
  return state;
}
