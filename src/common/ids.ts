// Every command, view and context-key id the extension uses, in one place: package.json
// contributes them, the code registers/reveals/sets them through these names. A unit test
// (test/unit/common/ids.test.ts) holds the two sides together.

export const COMMANDS = {
  // Session (src/session)
  signIn: 'oto.signIn',
  signOut: 'oto.signOut',
  useSandbox: 'oto.useSandbox',
  selectEnvironment: 'oto.selectEnvironment',
  copySandboxBaseUrl: 'oto.copySandboxBaseUrl',
  copySandboxRefreshToken: 'oto.copySandboxRefreshToken',
  // Stock view (src/stock)
  refresh: 'oto.refresh',
  groupBySku: 'oto.groupBySku',
  groupByLocation: 'oto.groupByLocation',
  filterLowStock: 'oto.filterLowStock',
  showAllStock: 'oto.showAllStock',
  filter: 'oto.filter',
  clearFilter: 'oto.clearFilter',
  copySku: 'oto.copySku',
  revealSku: 'oto.revealSku',
  // Stock changes and inventory orders (src/orders)
  adjustStock: 'oto.adjustStock',
  setStock: 'oto.setStock',
  createInventoryOrder: 'oto.createInventoryOrder',
  showRecentChanges: 'oto.showRecentChanges',
  // Packing (src/packing)
  openPackingQueue: 'oto.openPackingQueue',
  // Developer tools (src/devtools)
  showLog: 'oto.showLog',
  filterRequests: 'oto.filterRequests',
  clearRequests: 'oto.clearRequests',
  openRequest: 'oto.openRequest',
  copyRequestAsCurl: 'oto.copyRequestAsCurl',
  copyResponse: 'oto.copyResponse',
  replayRequest: 'oto.replayRequest',
  saveStockSnapshot: 'oto.saveStockSnapshot',
  compareStockSnapshots: 'oto.compareStockSnapshots',
  checkStockOfSelection: 'oto.checkStockOfSelection',
  exportStock: 'oto.exportStock',
  // Operator tools (src/operations)
  applyStockChanges: 'oto.applyStockChanges',
  reviewStockChanges: 'oto.reviewStockChanges',
  transferStock: 'oto.transferStock',
  showStockHistory: 'oto.showStockHistory',
  // The in-process sandbox (src/sandboxHost)
  resetSandbox: 'oto.resetSandbox',
  injectSandboxFault: 'oto.injectSandboxFault',
  showSandboxFaults: 'oto.showSandboxFaults',
  clearSandboxFaults: 'oto.clearSandboxFaults',
  saveSandboxStateAsScenario: 'oto.saveSandboxStateAsScenario',
  saveSandboxForCi: 'oto.saveSandboxForCi',
  // The recording proxy (src/recording, over src/proxy)
  startRecordingProxy: 'oto.startRecordingProxy',
  stopRecordingProxy: 'oto.stopRecordingProxy',
  saveRecording: 'oto.saveRecording',
  replayRecording: 'oto.replayRecording',
  // The integration workbench's Sandbox Traffic view (src/workbench)
  clearSandboxTraffic: 'oto.clearSandboxTraffic',
  copySandboxCurl: 'oto.copySandboxCurl',
  copySandboxExchangeAsCurl: 'oto.copySandboxExchangeAsCurl',
  openSandboxExchange: 'oto.openSandboxExchange',
  replaySandboxExchange: 'oto.replaySandboxExchange',
  sandboxTrafficAllClients: 'oto.sandboxTraffic.allClients',
  sandboxTrafficAllExchanges: 'oto.sandboxTraffic.allExchanges',
  sandboxTrafficFindingsOnly: 'oto.sandboxTraffic.findingsOnly',
  sandboxTrafficOthersOnly: 'oto.sandboxTraffic.othersOnly',
  sandboxTrafficShowOwnReads: 'oto.sandboxTraffic.showOwnReads',
  sandboxTrafficHideOwnReads: 'oto.sandboxTraffic.hideOwnReads',
  // The Webhook Inbox and triggered events (src/webhookInbox, over src/webhooks)
  connectWebhookInbox: 'oto.connectWebhookInbox',
  disconnectWebhookInbox: 'oto.disconnectWebhookInbox',
  forwardWebhooks: 'oto.forwardWebhooks',
  openWebhookEvent: 'oto.openWebhookEvent',
  clearWebhookInbox: 'oto.clearWebhookInbox',
  verifyWebhookSignature: 'oto.verifyWebhookSignature',
  triggerWebhookEvent: 'oto.triggerWebhookEvent',
  sendWebhookEvent: 'oto.sendWebhookEvent',
  advanceOrderStatus: 'oto.advanceOrderStatus',
  // The Webhooks view: the environment's webhooks through OTO's API (src/webhookInbox/accountWebhooks.ts)
  refreshWebhooks: 'oto.refreshWebhooks',
  addWebhook: 'oto.addWebhook',
  removeWebhook: 'oto.removeWebhook',
  sendTestWebhookEvent: 'oto.sendTestWebhookEvent',
  copyWebhookUrl: 'oto.copyWebhookUrl',
} as const;

/**
 * Commands registered but deliberately not contributed in package.json (links, internal hooks).
 * A registered command must be contributed or listed here.
 */
export const INTERNAL_COMMANDS: readonly string[] = [];

export const VIEWS = {
  stock: 'oto.stock',
  requests: 'oto.requests',
  sandboxTraffic: 'oto.sandboxTraffic',
  webhookInbox: 'oto.webhookInbox',
  webhooks: 'oto.webhooks',
} as const;

/** The webview panel type of the packing queue (package.json activates on it). */
export const PACKING_PANEL = 'oto.packing';

/** The webview panel type of Stock History (not restored with the window, so not in package.json). */
export const HISTORY_PANEL = 'oto.history';

/** The URI scheme of the Stock view's location rows, whose file decoration is their low-stock badge. */
export const LOW_STOCK_SCHEME = 'oto-low-stock';

/** The URI scheme of captured exchanges' documents (registered at start: restored editors use it). */
export const TRAFFIC_SCHEME = 'oto-traffic';

/** The URI scheme of the Webhook Inbox's event documents. */
export const WEBHOOK_SCHEME = 'oto-webhook';

/** VS Code's own command that shows and focuses a contributed view. */
export function focusViewCommand(view: (typeof VIEWS)[keyof typeof VIEWS]): string {
  return `${view}.focus`;
}

/** Keys set with `setContext`, read by package.json's `when` clauses. */
export const CONTEXT_KEYS = {
  sessionReady: 'oto.sessionReady',
  signedIn: 'oto.signedIn',
  environment: 'oto.environment',
  stockGrouping: 'oto.stock.grouping',
  stockLowOnly: 'oto.stock.lowOnly',
  stockFiltered: 'oto.stock.filtered',
  /** A filter is on and no row matches it: the view's welcome offers to clear it. */
  stockFilterEmpty: 'oto.stock.filterEmpty',
  /** The first read was cancelled: nothing to show, and the view's welcome says so with Refresh. */
  stockLoadCancelled: 'oto.stock.loadCancelled',
  sandboxFaults: 'oto.sandbox.faults',
  proxyRunning: 'oto.proxy.running',
  trafficFindingsOnly: 'oto.traffic.findingsOnly',
  trafficOthersOnly: 'oto.traffic.othersOnly',
  trafficOwnReads: 'oto.traffic.ownReads',
  /** The Webhook Inbox's receiver is listening and registered with the sandbox. */
  webhooksConnected: 'oto.webhooks.connected',
} as const;
