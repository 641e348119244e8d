// All renderer text comes from these catalogs (pt-BR and fr-FR will join English).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
