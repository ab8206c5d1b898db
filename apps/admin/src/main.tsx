import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
// A stylesheet file, not inline styles: the gateway's CSP allows only 'self' for style-src.
import './styles.css';
import './styles/charts.css';
import './styles/controls.css';
import './styles/playground.css';
import './styles/site.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
