/**
 * HelpOverlay: the keyboard map (`?`), dive's bindings where the browser allows them.
 */

/** KEYS lists every binding the explorer handles. */
export const KEYS: [string, string][] = [
  ['Tab', 'switch between the layer list and the file tree'],
  ['↑ ↓', 'move in the focused pane'],
  ['← →', 'tree: collapse / expand (← on a file goes to its directory)'],
  ['Space', 'tree: collapse or expand the directory (on a file: its directory)'],
  ['Enter', 'tree: show the file’s content (explore)'],
  ['/', 'filter the tree (Esc leaves the box)'],
  ['v', 'toggle this layer’s changes / filesystem up to here'],
  ['s', 'toggle sort by size / name'],
  ['a m r u', 'show or hide added / modified / removed / unmodified'],
  ['e c', 'expand / collapse every directory'],
  ['w h t f x k', 'panels: waste, history, treemap, file, secrets, compare'],
  ['?', 'this help'],
];

/** HelpOverlay lists the keys. */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  return (
    <div class="overlay" role="dialog" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div class="overlay-box">
        <h2>Keyboard</h2>
        <table class="kv">
          <tbody>
            {KEYS.map(([k, what]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="note">Esc or a click closes this.</p>
      </div>
    </div>
  );
}
