/**
 * The app's icon where browsers and phones look for it: /favicon.ico (browsers ask for it on every first
 * page, whatever the page links) and /manifest.webmanifest (the home-screen icon). The images live in
 * views/assets/brand/ (icon.svg is the source; the PNGs and the ICO are drawn from it).
 */
import { Router } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BRAND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../views/assets/brand');

const MANIFEST = {
  name: 'Ledgerside',
  short_name: 'Ledgerside',
  description: 'The CRM beside your Xero ledger',
  start_url: '/dashboard',
  display: 'standalone',
  background_color: '#f4f6f9',
  theme_color: '#13202e',
  icons: [
    { src: '/assets/brand/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/assets/brand/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/assets/brand/icon.svg', sizes: 'any', type: 'image/svg+xml' },
  ],
};

export function brandRoutes(options: { maxAge: string | number }): Router {
  const router = Router();
  router.get('/favicon.ico', (_req, res) => {
    res.sendFile(path.join(BRAND, 'favicon.ico'), { maxAge: options.maxAge, headers: { 'Content-Type': 'image/x-icon' } });
  });
  router.get('/manifest.webmanifest', (_req, res) => {
    res.type('application/manifest+json').send(JSON.stringify(MANIFEST));
  });
  return router;
}
