// SKUs in the editor: the stock hover over a SKU (batched refreshes) and "Check Stock of Selection".
export { registerCheckStockCommand } from './checkStockCommand';
export { registerSkuHover } from './hoverProvider';
export { HoverStock, hoverStoreOf } from './hoverStock';
