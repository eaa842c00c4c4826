// Entry point of the stock history page bundle (media/dist/history.js).
import { acquireWebviewApi } from '../common/webviewApi';
import { HistoryPage } from './page';

const root = document.getElementById('app');
if (root) {
  new HistoryPage(root, acquireWebviewApi()).start();
}
