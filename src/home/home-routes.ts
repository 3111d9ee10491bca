import { Router } from 'express';
import { signedInOf } from '../http/request-context.js';

/** The front door: the sign-in page for visitors, the dashboard for the signed in. (Sign-out is with sign-in, in src/auth.) */
export function homeRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    if (signedInOf(res)) return res.redirect(303, '/dashboard');
    res.render('home/sign-in', { title: 'Sign in' });
  });
  return router;
}
