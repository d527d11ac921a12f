// The UI's entry: mounts the app. Everything else loads from here; vega-embed only when a chart appears.
import { render } from 'preact';
import { App } from './components/App.tsx';

render(<App />, document.getElementById('app')!);
