// Entry point of the packing page bundle (media/dist/packing.js).
import { acquireWebviewApi } from '../common/webviewApi';
import { PackingPage } from './page';

const root = document.getElementById('app');
if (root) {
  new PackingPage(root, acquireWebviewApi()).start();
}
