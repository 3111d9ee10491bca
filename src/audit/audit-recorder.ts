/**
 * Records every successful change made through the app's forms, for every record kind, without each
 * capability wiring it: a POST on an organisation page that ends in a redirect (the app's "saved"
 * answer; refusals re-render or error instead) is an audit entry, written before the redirect is sent.
 * The action comes from the route's shape: `POST /<kind>` or `/<kind>/new` → created (the record is
 * the one redirected to), `/<kind>/<id>/archive` → archived, `/delete` → deleted, `/restore` or
 * `/unarchive` → restored, `/notes` → added a note, `/send…` → asked to send to Xero, anything else on a record → changed.
 */
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../common/logger.js';
import { displayName } from '../common/tenancy.js';
import { isUuid } from '../http/input-boundary.js';
import { signedInOf } from '../http/request-context.js';
import { auditRepository, type AuditAction } from './audit-repository.js';

/** Form actions that change nothing (they re-render), and pages that are not records. */
const NOT_RECORDS = new Set(['dashboard', 'search', 'settings', 'import', 'sync-log', 'audit', 'organisations', 'auth', 'sign-out']);

function actionOf(verb: string | undefined): AuditAction {
  if (verb === undefined || verb === 'edit' || verb === 'status') return 'changed';
  if (verb === 'archive') return 'archived';
  if (verb === 'restore' || verb === 'unarchive') return 'restored';
  if (verb === 'delete') return 'deleted';
  if (verb === 'notes') return 'added a note';
  // The sync engine records the send itself once Xero has answered (audit-sinks.ts).
  if (verb.startsWith('send') || verb === 'xero') return 'asked to send to Xero';
  return 'changed';
}

/** What a successful POST to `path` redirecting to `location` did, or null when it is not a record's change. */
export function auditedChange(path: string, location: string): { action: AuditAction; recordKind: string; recordId: string | null } | null {
  const [kind, second, verb] = path.split('/').filter(Boolean);
  if (!kind || NOT_RECORDS.has(kind)) return null;
  if (second === undefined || second === 'new') {
    const target = location.split('?')[0]?.split('/').filter(Boolean) ?? [];
    const id = target[0] === kind && isUuid(target[1]) ? target[1] : null;
    return id ? { action: 'created', recordKind: kind, recordId: id } : null;
  }
  if (!isUuid(second)) return null;
  return { action: actionOf(verb), recordKind: kind, recordId: second };
}

export function auditRecorder(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const original = res.redirect.bind(res) as (status: number, url: string) => void;
    (res as Response & { redirect: unknown }).redirect = (...args: unknown[]) => {
      const [status, url] = typeof args[0] === 'number' ? [args[0], String(args[1])] : [302, String(args[0])];
      const signedIn = signedInOf(res);
      const change = signedIn?.context ? auditedChange(req.path, url) : null;
      if (!signedIn?.context || !change || status >= 400) return original(status, url);
      auditRepository(signedIn.context.tdb)
        .record({ ...change, userId: signedIn.user.id, userName: displayName(signedIn.user), path: req.path })
        .catch((error: unknown) => logger.error({ err: error, path: req.path }, 'audit entry not written'))
        .finally(() => original(status, url));
    };
    next();
  };
}
