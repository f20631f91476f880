// The rankings page bench (server response and time to table + chart in Chromium) lives with the app's scripts.
export { run } from '../bench-pages';
