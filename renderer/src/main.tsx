import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/500.css';
import '@fontsource/noto-sans-sc/700.css';
import './theme/theme.css';
import { App } from './App';
import { initI18n } from './i18n';
import { platform } from './platform';
import { DEFAULT_LANGUAGE } from '@shared/i18n';

async function start(): Promise<void> {
  const settings = await platform.settings();
  await initI18n(settings.ok ? settings.value.language : DEFAULT_LANGUAGE);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
