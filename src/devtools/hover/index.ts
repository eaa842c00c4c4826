// SKUs in the editor: the stock hover over a SKU (batched refreshes); "Check Stock of Selection"
// (checkStockCommand.ts) is in the lazily loaded tools (../lazy.ts).
export { registerSkuHover } from './hoverProvider';
export { HoverStock, hoverStoreOf } from './hoverStock';
