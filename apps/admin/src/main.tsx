import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { getLocale } from './i18n/locale-store';
import { loadCatalogue } from './i18n/t';
// A stylesheet file, not inline styles: the gateway's CSP allows only 'self' for style-src.
import './styles.css';
import './styles/charts.css';
import './styles/controls.css';
import './styles/playground.css';
import './styles/site.css';
import './styles/i18n.css';

// The page's language follows the choice (screen readers, fonts, hyphenation).
document.documentElement.lang = getLocale();

// A saved non-English choice is fetched before the first paint; should that fail, the
// dashboard starts in English rather than not at all.
void loadCatalogue(getLocale())
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
