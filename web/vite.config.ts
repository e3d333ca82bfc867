import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

// The Spring Boot server (default http://localhost:8080) serves the built files from classpath:/static.
// In development Vite serves the UI and forwards API calls to it.
const backend = process.env.YINGJI_BACKEND ?? 'http://localhost:8080'

// changeOrigin stays false: the server then sees the same Host as the browser's Origin,
// so same-origin checks (CORS, CSRF) behave exactly as in production.
const proxied = ['/api', '/actuator', '/v3', '/swagger-ui']

export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: backend, changeOrigin: false }])),
  },
  build: {
    target: 'es2022',
    // Element Plus is imported whole (one shared chunk); OpenLayers is only in the map chunk.
    chunkSizeWarningLimit: 1200,
  },
})
