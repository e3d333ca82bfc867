import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import { locale, missingTranslations } from './locales'
import './styles/global.css'

document.documentElement.lang = locale.value

if (import.meta.env.DEV) {
  const missing = missingTranslations()
  if (missing.length) console.warn('[i18n] keys missing in en:', missing)
}

createApp(App).use(ElementPlus).use(router).mount('#app')
