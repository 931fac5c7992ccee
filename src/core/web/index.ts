export { readWebPage, DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, type FetchFunction, type ReadWebPageOptions, type WebPage } from './webReader';
export { WebReadError, isWebReadError, type WebReadErrorCode } from './webReadError';
