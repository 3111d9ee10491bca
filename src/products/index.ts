/** Products: the public surface other capabilities may use. */
export type { Product, ProductInput, ProductSummary } from './product.js';
export { formatPrice, parsePrice, codeKey } from './product.js';
export { productRoutes } from './product-routes.js';
export { productService, type ProductService, type ProductFormOptions } from './product-service.js';
export { productRepository, productFromRow, type ProductRepository } from './product-repository.js';
export {
  productChoices,
  productCostPrices,
  productPurchaseDefaults,
  type ProductPurchaseDefaults,
  PRODUCT_CHOICE_LIMIT,
  PRODUCT_SEARCH_LIMIT,
  type ProductChoice,
  type ProductOffer,
} from './product-choices.js';
