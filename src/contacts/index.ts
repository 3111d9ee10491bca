/** Contacts: the public surface other capabilities may use. */
export type { Contact, ContactInput, ContactKind, ContactSummary, Address, PaymentTermsType } from './contact.js';
export { PAYMENT_TERMS_TYPES, nameKey } from './contact.js';
export { contactRoutes } from './contact-routes.js';
export { contactService, type ContactService } from './contact-service.js';
export { contactRepository, contactFromRow, type ContactRepository } from './contact-repository.js';
