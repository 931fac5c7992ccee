// Entry of the `chat-highlight.js` chunk: highlight.js, loaded with the first code block.
import { registerChunk } from './chunkRegistry';
import * as highlight from './highlight';

registerChunk('highlight', highlight);
