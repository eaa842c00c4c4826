// "Export Stock": the current figures as CSV or JSON.
export { registerExportCommand } from './exportCommand';
