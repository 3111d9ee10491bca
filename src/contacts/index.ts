/** Contacts: the public surface other capabilities may use. */
export type { Contact, ContactInput, ContactKind, ContactSummary, Address, PaymentTermsType } from './contact.js';
export { PAYMENT_TERMS_TYPES, addressLines, nameKey } from './contact.js';
export { contactRoutes, contactListFilters } from './contact-routes.js';
export { contactService, type ContactService, type LoadedContact } from './contact-service.js';
export { contactRepository, contactFromRow, type ContactRepository, type ContactSendState } from './contact-repository.js';
export {
  contactChoices,
  contactFilterChoices,
  contactPickerView,
  contactStanding,
  supplierContacts,
  supplierChoices,
  supplierPickerView,
  CONTACT_CHOICE_LIMIT,
  CONTACT_SEARCH_LIMIT,
  FILTER_CHOICE_LIMIT,
  type ContactChoices,
  type ContactStanding,
} from './contact-choices.js';
export { contactDashboard } from './contact-dashboard.js';
export { contactSearch } from './contact-search.js';
export { CONTACT_SECTION_LIMIT, type ContactContribution, type ContactRecordRow, type ContactRef, type ContactSection } from './contact-contributions.js';
