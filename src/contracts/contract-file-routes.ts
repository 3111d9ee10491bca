/**
 * A contract's files and its generated document: upload (the multipart body is read by
 * `contractUploadParser`, mounted in app.ts before the CSRF check so the form's token can be read from
 * it), download (Cache-Control: no-store), delete with a confirmation page, and "Generate contract".
 * Every route first finds the contract in this organisation (another's id is a 404).
 */
import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { ValidationError, NotFoundError } from '../common/errors.js';
import { displayName } from '../common/tenancy.js';
import { todayIso } from '../common/dates.js';
import { contactRepository } from '../contacts/index.js';
import { lookupsFor } from '../documents/index.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { requestContext } from '../http/request-context.js';
import { addressLines, contractDocument } from './contract-document.js';
import { MAX_FILE_BYTES } from './contract-file-types.js';
import { contractFiles } from './contract-files.js';
import { CONTRACT_KIND } from './contract-kind.js';
import { contractService } from './contract-service.js';

type UploadRequest = Request & { contractUploadError?: string };

/** Reads one file (field "file", ≤ 10 MB, in memory); a refusal by size is kept for the route to say. */
export function contractUploadParser(): RequestHandler {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } }).single('file');
  return (req, res, next) => {
    parse(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        (req as UploadRequest).contractUploadError =
          error.code === 'LIMIT_FILE_SIZE' ? 'The file was not added: it is larger than 10 MB.' : `The file was not added: ${error.message}.`;
        return next();
      }
      next(error);
    });
  };
}

const fileIdParam = (req: Request): string => {
  const id = req.params.fileId;
  if (typeof id !== 'string' || id.length > 36) throw new NotFoundError('file');
  return id;
};

/** RFC 6266 filename and filename* for a stored name. */
const disposition = (name: string): string =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/\\/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function contractFileRoutes(): Router {
  const router = Router();
  const contractOf = async (req: Request, res: Parameters<typeof requestContext>[0]) => {
    const ctx = requestContext(res);
    const contract = await contractService({ tdb: ctx.tdb, lookups: lookupsFor(ctx, CONTRACT_KIND) }).get(idParam(req));
    return { ctx, contract, files: contractFiles(ctx.tdb) };
  };

  router.post('/contracts/:id/files', async (req, res) => {
    const { ctx, contract, files } = await contractOf(req, res);
    const back = `/contracts/${contract.id}#files`;
    const refused = (req as UploadRequest).contractUploadError;
    if (refused) {
      flash(req, 'error', refused);
      return res.redirect(303, back);
    }
    if (!req.file) {
      flash(req, 'error', 'Choose a file to upload.');
      return res.redirect(303, back);
    }
    try {
      const saved = await files.addUpload(contract.id, { name: req.file.originalname, bytes: req.file.buffer }, displayName(ctx.user));
      flash(req, 'success', `“${saved.fileName}” added.`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, back);
  });

  router.get('/contracts/:id/files/:fileId', async (req, res) => {
    const { contract, files } = await contractOf(req, res);
    const file = await files.get(contract.id, fileIdParam(req));
    if (!file) throw new NotFoundError('file');
    res.set({
      'Content-Type': file.contentType,
      'Content-Disposition': disposition(file.fileName),
      'Cache-Control': 'no-store',
      'Content-Length': String(file.sizeBytes),
    });
    res.end(file.content);
  });

  router.get('/contracts/:id/files/:fileId/delete', async (req, res) => {
    const { contract, files } = await contractOf(req, res);
    const file = await files.get(contract.id, fileIdParam(req));
    if (!file) throw new NotFoundError('file');
    res.render('contracts/file-delete', {
      title: `Delete ${file.fileName}`,
      file: { name: file.fileName, action: `/contracts/${contract.id}/files/${file.id}/delete`, back: `/contracts/${contract.id}#files` },
      contract: { number: contract.number },
    });
  });

  router.post('/contracts/:id/files/:fileId/delete', async (req, res) => {
    const { contract, files } = await contractOf(req, res);
    const file = await files.get(contract.id, fileIdParam(req));
    if (!file) throw new NotFoundError('file');
    await files.remove(contract.id, file.id);
    flash(req, 'success', `“${file.fileName}” deleted.`);
    res.redirect(303, `/contracts/${contract.id}#files`);
  });

  router.post('/contracts/:id/generate', async (req, res) => {
    const { ctx, contract, files } = await contractOf(req, res);
    const [customer, lookups] = await Promise.all([contactRepository(ctx.tdb).findById(contract.contactId), lookupsFor(ctx, CONTRACT_KIND)()]);
    const pdf = await contractDocument({
      contract,
      // The organisation's own address and tax number as Xero has them (read at sign-in).
      supplier: { name: ctx.organisation.name, address: ctx.organisation.addressLines ?? [], taxNumber: ctx.organisation.taxNumber ?? null },
      customer: {
        name: contract.contactName,
        address: customer ? addressLines(customer.streetAddress.line1 ? customer.streetAddress : customer.postalAddress) : [],
        taxNumber: customer?.taxNumber ?? null,
      },
      taxLabels: new Map(lookups.taxRates.map((r) => [r.taxType, r.label])),
      generatedOn: todayIso(),
    });
    const saved = await files.addGenerated(contract.id, contract.number, pdf, displayName(ctx.user));
    flash(req, 'success', `Contract document generated: “${saved.fileName}”.`);
    res.redirect(303, `/contracts/${contract.id}#files`);
  });

  return router;
}
