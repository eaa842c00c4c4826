// The account and its product catalogue: healthCheck, accountInfo and productList.
import { bodyOf, type Endpoint } from './api';
import { looseInteger } from '../../oto';
import { otoFailure } from '../http/errors';

export const healthCheck: Endpoint = () => ({ status: 'ok' });

/** OTO's accountInfo answer has no `success` field. */
export const accountInfo: Endpoint = (state) => ({ ...state.account });

export const productList: Endpoint = (state, request) => {
  const body = bodyOf(request);
  const pageSize = body.pageSize === undefined ? 100 : looseInteger(body.pageSize);
  const currentPage = body.currentPage === undefined ? 1 : looseInteger(body.currentPage);
  if (pageSize === undefined || currentPage === undefined || pageSize < 1 || currentPage < 1) {
    throw otoFailure('OTO1142');
  }
  const start = (currentPage - 1) * pageSize;
  return {
    success: true,
    productCount: state.products.length,
    products: state.products.slice(start, start + pageSize).map((product) => ({
      name: product.name,
      productImage: product.productImage,
      sku: product.sku,
      barcode: product.barcode,
    })),
  };
};
