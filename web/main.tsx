/**
 * The explorer's entry point: load the model (embedded in a report, or from the server), then render
 * the app — or an error panel saying what failed, never a blank page.
 */
import { render } from 'preact';
import { loadModel } from './data/load-model.js';
import { App } from './ui/app.js';

const root = document.getElementById('app') as HTMLElement;
root.textContent = 'reading the image model…';
loadModel()
  .then((model) => {
    root.textContent = '';
    render(<App model={model} />, root);
  })
  .catch((e: unknown) => {
    root.textContent = '';
    render(
      <div class="error-panel" role="alert">
        <h2>The explorer could not load this image</h2>
        <p>{(e as Error).message}</p>
      </div>,
      root,
    );
  });
