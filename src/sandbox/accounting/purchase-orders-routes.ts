import type { Router } from 'express';
import type { ApiRuntime } from './http.js';

export function mountPurchaseOrderRoutes(_router: Router, _rt: ApiRuntime): void {}
