/** Contracts: the public surface for the app (see README.md). */
export { contractOfSalesOrder, contractRoutes } from './contract-routes.js';
export { contractUploadParser } from './contract-file-routes.js';
export { contractService, type ContractService } from './contract-service.js';
export { contractRepository, type ContractRepository } from './contract-repository.js';
export { CONTRACT_KIND } from './contract-kind.js';
export { contractRevenue, nextBillingDate, XERO_SCHEDULE, type ContractRevenue, type RevenueLine } from './contract-revenue.js';
export { contractFiles, filesOfLoadedContract, type ContractFile } from './contract-files.js';
export {
  BILLING_FREQUENCIES,
  CONTRACT_STATUSES,
  type BillingFrequency,
  type Contract,
  type ContractLine,
  type ContractStatus,
  type ContractSummary,
} from './contract.js';
export { contractContactContribution } from './contract-contact-contribution.js';
