import assert from 'node:assert/strict';
import { MAX_QUEUED_PROMPTS, PromptQueue } from '../../../../media/chat/promptQueue';

describe('media/chat/promptQueue: messages typed while a reply streams', () => {
  it('sends them in the order typed', () => {
    const queue = new PromptQueue();
    queue.add('first');
    queue.add('second');
    assert.equal(queue.next()?.text, 'first');
    assert.equal(queue.next()?.text, 'second');
    assert.equal(queue.next(), undefined);
  });
  it('a removed message is not sent', () => {
    const queue = new PromptQueue();
    const first = queue.add('first');
    queue.add('second');
    assert.ok(first && queue.remove(first.id));
    assert.equal(queue.remove(first.id), false, 'removing twice finds nothing');
    assert.deepEqual([queue.next()?.text, queue.size], ['second', 0]);
  });
  it(`a full queue (${MAX_QUEUED_PROMPTS}) refuses the next message instead of dropping it silently`, () => {
    const queue = new PromptQueue();
    for (let index = 0; index < MAX_QUEUED_PROMPTS; index++) assert.ok(queue.add(`m${index}`));
    assert.equal(queue.add('one too many'), undefined);
    assert.equal(queue.size, MAX_QUEUED_PROMPTS);
  });
  it('clear (a new chat) empties it', () => {
    const queue = new PromptQueue();
    queue.add('old chat');
    queue.clear();
    assert.equal(queue.next(), undefined);
  });
});
