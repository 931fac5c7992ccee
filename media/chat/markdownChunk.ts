// Entry of the `chat-markdown.js` chunk: markdown-it and DOMPurify, loaded with the first reply.
import { registerChunk } from './chunkRegistry';
import * as markdown from './markdown';

registerChunk('markdown', markdown);
