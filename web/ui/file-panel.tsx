/**
 * FilePanel (explore only): the selected file's bytes as one layer stores them — text, a hex dump
 * for binaries, or a picture — and a download of that exact version, including versions a later layer
 * overwrote or deleted. Text is set as text (never parsed as HTML); pictures load from a blob URL
 * into <img>, where an SVG cannot run script.
 */
import { useEffect, useState } from 'preact/hooks';
import { ENTRY_TYPES } from '../../src/report/explore-types.js';
import type { ImageIndex } from '../data/image-index.js';
import { apiUrl } from '../data/load-model.js';
import type { TreeView } from '../data/view.js';
import { hexDump, sniffImage } from '../data/bytes.js';

/** VIEW_LIMIT is how many bytes the viewer fetches. */
const VIEW_LIMIT = 65536;

/** FilePanelProps: the index, the view and the selected path id. */
export interface FilePanelProps {
  index: ImageIndex;
  view: TreeView;
  selected: number;
}

type Shown =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'text'; text: string; total: number }
  | { kind: 'hex'; text: string; total: number }
  | { kind: 'image'; url: string; total: number };

/** FilePanel shows and downloads one file version. */
export function FilePanel({ index, view, selected }: FilePanelProps) {
  const e = index.model.events;
  const r = selected > 0 ? (view.row[selected] as number) : -1;
  const type = r >= 0 ? ENTRY_TYPES[e.type[r] as number] : undefined;
  const isFile = type === 'file' || type === 'hardlink';
  const layer = r >= 0 ? (e.source[r] as number) : -1;
  const path = index.path(selected);
  const [shown, setShown] = useState<Shown>({ kind: 'none' });
  useEffect(() => {
    setShown({ kind: 'none' });
    if (!isFile || !index.model.files) return;
    let cancelled = false;
    let objectUrl: string | undefined;
    setShown({ kind: 'loading' });
    fetch(apiUrl('api/file', { layer, path, limit: VIEW_LIMIT }))
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => ({ error: res.statusText }))) as { error?: string };
          throw new Error(body.error ?? `HTTP ${res.status}`);
        }
        const total = Number(res.headers.get('X-Stowage-Size') ?? '0');
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (cancelled) return;
        const image = sniffImage(bytes);
        if (image !== undefined) {
          objectUrl = URL.createObjectURL(new Blob([bytes], { type: image }));
          setShown({ kind: 'image', url: objectUrl, total });
          return;
        }
        const text = bytes.includes(0) ? undefined : decodeUtf8(bytes);
        setShown(
          text === undefined ? { kind: 'hex', text: hexDump(bytes), total } : { kind: 'text', text, total },
        );
      })
      .catch((err: unknown) => {
        if (!cancelled) setShown({ kind: 'error', message: (err as Error).message });
      });
    return () => {
      cancelled = true;
      if (objectUrl !== undefined) URL.revokeObjectURL(objectUrl);
    };
  }, [selected, layer, isFile]);
  if (!index.model.files)
    return <div class="panel">File contents are available in `stowage explore`, not in a report.</div>;
  if (!isFile) return <div class="panel">Select a regular file to see its content.</div>;
  const download = apiUrl('api/file', { layer, path });
  return (
    <div class="panel file-panel">
      <h3 class="path">
        /{path} <span class="note">as stored in layer {layer}</span>
      </h3>
      <a class="download" href={download} download={index.name(selected)}>
        download this version
      </a>
      {shown.kind === 'loading' && <p>loading…</p>}
      {shown.kind === 'error' && (
        <div class="error-panel" role="alert">
          cannot read this file: {shown.message}
        </div>
      )}
      {(shown.kind === 'text' || shown.kind === 'hex') && (
        <>
          {shown.total > VIEW_LIMIT && (
            <p class="note">
              first {VIEW_LIMIT} of {shown.total} bytes
            </p>
          )}
          <pre class={`content ${shown.kind}`}>{shown.text}</pre>
        </>
      )}
      {shown.kind === 'image' && <img class="content-image" src={shown.url} alt={path} />}
    </div>
  );
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
