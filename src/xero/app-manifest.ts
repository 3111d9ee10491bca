/** The add-on listing manifest is the single source of the scopes and paths the app registers with Xero. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const manifestSchema = z.object({
  name: z
    .string()
    .min(1)
    .refine((name) => !/xero/i.test(name), 'The app name must not contain "Xero"'),
  description: z.string().min(1),
  scopes: z.array(z.string().regex(/^[a-z_.]+$/)).min(1),
  redirectUriPath: z.string().startsWith('/'),
  webhookPath: z.string().startsWith('/'),
  connectionLinkPath: z.string().startsWith('/'),
  supportUrl: z.url(),
});

export type AppManifest = z.infer<typeof manifestSchema>;

export const MANIFEST_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../app-manifest.json');

export function loadAppManifest(file = MANIFEST_FILE): AppManifest {
  return manifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export const appManifest: AppManifest = loadAppManifest();
export const XERO_SCOPES: readonly string[] = appManifest.scopes;
