// Entry point of the stock history page bundle (media/dist/history.js).
import { HistoryPage, type WebviewApi } from './page';

declare function acquireVsCodeApi(): WebviewApi;

const root = document.getElementById('app');
if (root) {
  new HistoryPage(root, acquireVsCodeApi()).start();
}
