// Entry point of the packing page bundle (media/dist/packing.js).
import { PackingPage, type WebviewApi } from './page';

declare function acquireVsCodeApi(): WebviewApi;

const root = document.getElementById('app');
if (root) {
  new PackingPage(root, acquireVsCodeApi()).start();
}
