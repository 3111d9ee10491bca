import type { Router } from 'express';
import type { ApiRuntime } from './http.js';

export function mountRepeatingInvoiceRoutes(_router: Router, _rt: ApiRuntime): void {}
