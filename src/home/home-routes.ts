import { Router } from 'express';
import { flash } from '../http/flash.js';

/** The front door: the sign-in page for visitors, sign-out for everyone. */
export function homeRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    if (res.locals.user) return res.redirect(303, '/dashboard');
    res.render('home/sign-in', { title: 'Sign in' });
  });
  router.post('/sign-out', (req, res, next) => {
    req.session.regenerate((err) => {
      if (err) return next(err);
      flash(req, 'info', 'You have signed out.');
      res.redirect(303, '/');
    });
  });
  return router;
}
