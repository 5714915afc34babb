import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LocaleProvider } from '../shared/i18n/i18n.tsx';
import { App } from './App.tsx';
import { AuthProvider } from './auth/AuthProvider.tsx';
import { Providers } from './Providers.tsx';
import './global.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <Providers>
        <AuthProvider>
          <App />
        </AuthProvider>
      </Providers>
    </LocaleProvider>
  </StrictMode>,
);
