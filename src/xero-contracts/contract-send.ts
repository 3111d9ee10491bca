/**
 * Contract → Xero repeating invoice, one operation of the sync engine (record kind 'contract'):
 * 1. cancelled: delete its repeating invoice in Xero (Status DELETED, as Xero does), nothing else;
 * 2. the customer first (ensureContact), then what would stop it before any call (no services,
 *    archived defaults, lines without account or tax rate; the settings cache's mapping check);
 * 3. no repeating invoice yet: create one (a re-run after a lost answer links the one Xero has with
 *    the contract number as Reference first);
 * 4. one already, unchanged → no template call. Changed: Xero's API does not edit a template (it only
 *    creates and deletes them), so the old one is deleted and a new one created; once the old one has
 *    generated invoices the new one starts at the first billing date on or after its next scheduled
 *    date, so no period is billed twice;
 * 5. attach the newest generated contract PDF and the ticked files the template does not have yet.
 */
import type { RepeatingInvoice } from 'xero-node';
import { contractFiles, nextBillingDate, type Contract } from '../contracts/index.js';
import {
  checkMapping,
  CONFIRMED_AFTER_LOST_ANSWER,
  createOnce,
  ensureContact,
  SyncStop,
  type RecordHandler,
  type SendContext,
  type SendResult,
} from '../xero-sync/index.js';
import { repeatingInvoicePayload } from '../xero/index.js';
import { contractXeroInputs } from './contract-inputs.js';
import { calendarDate, contractXeroLinks, CONTRACT_RECORD_KIND, templateState, type AttachedFile, type ContractTemplate } from './contract-xero-links.js';

export const repeatingInvoiceXeroPath = (repeatingInvoiceId: string): string => `/RepeatTransactions/Edit.aspx?invoiceID=${repeatingInvoiceId}`;

function requireId(saved: RepeatingInvoice): string {
  const id = saved.repeatingInvoiceID ?? saved.iD;
  if (!id)
    throw new SyncStop(
      'Xero answered without the repeating invoice’s ID.',
      'Press Retry: the repeating invoice is looked up before anything is created again.',
    );
  return id;
}

/** Deletes the template in Xero unless Xero has already (or no longer has it). */
async function deleteTemplate(ctx: SendContext, template: ContractTemplate): Promise<void> {
  const links = contractXeroLinks(ctx.tdb);
  const inXero = await ctx.gateway.getRepeatingInvoice(template.repeatingInvoiceId);
  if (inXero && String(inXero.status) !== 'DELETED')
    await ctx.gateway.deleteRepeatingInvoice(template.repeatingInvoiceId, ctx.idempotencyKey(`repeating-delete-${template.repeatingInvoiceId}`, 'DELETED'));
  await links.markDeleted(template.repeatingInvoiceId, ctx.now());
}

/** Attaches what the template does not have yet; answers how many were attached. */
async function attachFiles(ctx: SendContext, contractId: string, repeatingInvoiceId: string, already: AttachedFile[]): Promise<number> {
  const files = await contractFiles(ctx.tdb).forXero(contractId);
  const attached = [...already];
  let count = 0;
  for (const file of files) {
    if (attached.some((a) => a.fileId === file.id)) continue;
    await ctx.gateway.attachToRepeatingInvoice(
      repeatingInvoiceId,
      file.fileName,
      file.content,
      ctx.idempotencyKey(`attach-${repeatingInvoiceId}-${file.id}`, file.id),
    );
    attached.push({ fileId: file.id, fileName: file.fileName });
    await contractXeroLinks(ctx.tdb).recordAttached(repeatingInvoiceId, attached);
    count++;
  }
  return count;
}

/**
 * Where a template replacing `old` starts: the contract's first invoice date while the old one has
 * generated nothing; else the first billing date after what it generated (its next scheduled date, or
 * the day after its last invoice), so no period is billed twice.
 */
async function replacementStart(ctx: SendContext, contract: Contract, old: ContractTemplate): Promise<string> {
  const links = contractXeroLinks(ctx.tdb);
  const inXero = await ctx.gateway.getRepeatingInvoice(old.repeatingInvoiceId);
  const next = (inXero ? templateState(inXero).nextScheduledDate : null) ?? old.nextScheduledDate;
  const last = await links.lastInvoiceDate(old.repeatingInvoiceId);
  if (!last && (!next || next <= old.startDate)) return contract.firstInvoiceDate;
  const dayAfterLast = last ? new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : null;
  const from =
    [next, dayAfterLast, contract.firstInvoiceDate]
      .filter((d): d is string => Boolean(d))
      .sort()
      .pop() ?? contract.firstInvoiceDate;
  const start = nextBillingDate(contract.firstInvoiceDate, contract.billingFrequency, contract.endDate, from);
  if (!start)
    throw new SyncStop(
      `Contract ${contract.number} has no invoices left to make in its term after ${from}.`,
      'Extend the term (or make it open-ended) if it should go on billing, then press Retry.',
    );
  return start;
}

async function send(ctx: SendContext): Promise<SendResult> {
  const links = contractXeroLinks(ctx.tdb);
  const inputs = await contractXeroInputs(ctx.tdb, ctx.operation.recordId);
  if (!inputs) throw new SyncStop('The contract no longer exists in Ledgerside.', 'Cancel this send.');
  const { contract } = inputs;
  const current = await links.current(contract.id);

  if (contract.status === 'cancelled') {
    if (!current) throw new SyncStop(`Contract ${contract.number} is cancelled and Xero has no repeating invoice of it.`, 'Nothing to do: cancel this send.');
    await deleteTemplate(ctx, current);
    return {
      kind: 'done',
      outcome: 'updated',
      xeroId: current.repeatingInvoiceId,
      message: 'Repeating invoice deleted in Xero: no more invoices are made from it.',
    };
  }
  if (contract.status === 'expired')
    throw new SyncStop(`Contract ${contract.number} has expired.`, 'Renew it (a new term) or set it back to Active before sending it to Xero.');

  const contact = await ensureContact(ctx, contract.contactId, {
    ...(ctx.operation.createNew ? { createNew: true } : {}),
    ...(ctx.operation.xeroId && !current ? { linkTo: ctx.operation.xeroId } : {}),
  });
  if (contact.kind === 'choose') return contact;
  if (inputs.problems.length)
    throw new SyncStop(
      `Contract ${contract.number} cannot be sent to Xero as it is.`,
      'Correct the contract, its products or the defaults on the Xero settings page, then press Retry.',
      inputs.problems,
    );
  const fresh = repeatingInvoicePayload(inputs.forXero, contact.xeroId, inputs.defaults);
  const items = fresh.repeatingInvoice.lineItems ?? [];
  await checkMapping(ctx.tdb, {
    accountCodes: items.map((l, i) => (l.accountCode ? { value: l.accountCode, where: `line ${i + 1}` } : null)),
    taxTypes: items.map((l, i) => (l.taxType ? { value: l.taxType, where: `line ${i + 1}` } : null)),
    itemCodes: items.map((l, i) => (l.itemCode ? { value: l.itemCode, where: `line ${i + 1}` } : null)),
    tracking: items.flatMap((l, i) => (l.tracking ?? []).map((t) => ({ category: t.name ?? '', option: t.option ?? '', where: `line ${i + 1}` }))),
    brandingThemeId: fresh.repeatingInvoice.brandingThemeID ?? null,
    currencies: [contract.currency],
  });

  if (current && current.fingerprint === fresh.fingerprint) {
    const attached = await attachFiles(ctx, contract.id, current.repeatingInvoiceId, current.attached);
    return attached
      ? { kind: 'done', outcome: 'updated', xeroId: current.repeatingInvoiceId, message: `${attached} file${attached === 1 ? '' : 's'} attached in Xero.` }
      : { kind: 'done', outcome: 'unchanged', xeroId: current.repeatingInvoiceId, message: 'Xero already has this contract as it is: nothing sent.' };
  }

  // A contract that had a template before (replaced now, or deleted by a cancel or a failed replacement) goes on from where it stopped.
  const previous = current ?? (await links.latest(contract.id));
  const payload = previous
    ? repeatingInvoicePayload(inputs.forXero, contact.xeroId, inputs.defaults, { startDate: await replacementStart(ctx, contract, previous) })
    : fresh;
  if (current) await deleteTemplate(ctx, current);
  // A create whose answer never came (an earlier attempt started it): Xero may have it, with the contract number as its Reference (the old ones are deleted).
  const { record: saved, found } = await createOnce(ctx, {
    find: async () =>
      /["\\]/.test(contract.number)
        ? null
        : ((await ctx.gateway.getRepeatingInvoices(`Reference=="${contract.number}"`)).find((t) => String(t.status) !== 'DELETED') ?? null),
    create: () =>
      ctx.gateway.createRepeatingInvoice(
        payload.repeatingInvoice,
        ctx.idempotencyKey('repeating-create', `${payload.fingerprint}:${previous?.repeatingInvoiceId ?? ''}`),
      ),
  });
  const id = requireId(saved);
  await record(ctx, contract, saved, id, fresh.fingerprint);
  const attached = await attachFiles(ctx, contract.id, id, []);
  if (found) return { kind: 'done', outcome: 'created', xeroId: id, message: `Repeating invoice created in Xero${CONFIRMED_AFTER_LOST_ANSWER}.` };
  const files = attached ? `, ${attached} file${attached === 1 ? '' : 's'} attached` : '';
  return previous
    ? {
        kind: 'done',
        outcome: 'updated',
        xeroId: id,
        message: `Repeating invoice replaced in Xero (Xero does not edit one), from ${payload.repeatingInvoice.schedule?.startDate ?? ''}${files}.`,
      }
    : { kind: 'done', outcome: 'created', xeroId: id, message: `Repeating invoice created in Xero${files}.` };
}

async function record(ctx: SendContext, contract: Contract, saved: RepeatingInvoice, id: string, fingerprint: string): Promise<void> {
  const state = templateState(saved);
  await contractXeroLinks(ctx.tdb).recordTemplate(
    contract.id,
    {
      repeatingInvoiceId: id,
      status: state.status,
      startDate: calendarDate(saved.schedule?.startDate) ?? contract.firstInvoiceDate,
      endDate: calendarDate(saved.schedule?.endDate),
      nextScheduledDate: state.nextScheduledDate,
    },
    fingerprint,
    ctx.now(),
  );
}

export const contractRepeatingInvoiceHandler: RecordHandler = {
  kind: CONTRACT_RECORD_KIND,
  noun: 'Contract',
  href: (id) => `/contracts/${encodeURIComponent(id)}`,
  xeroPath: repeatingInvoiceXeroPath,
  send,
};
