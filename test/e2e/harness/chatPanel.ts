// Reading and driving the Airlock chat webview through the DOM the contract defines
// (#status, #notice, #prompt, #send, #stop, #messages > .message).
import type { FrameLocator, Locator } from 'playwright-core';
import { DEFAULT_WAIT_MS, waitForValue } from './waitFor';

export type StatusState = 'checking' | 'ready' | 'unreachable' | 'invalid' | 'refused';
export type MessageState = 'streaming' | 'done' | 'stopped' | 'error';

export interface StatusSnapshot {
  state: string | null;
  text: string;
}

export interface NoticeSnapshot {
  visible: boolean;
  kind: string | null;
  text: string;
}

export interface MessageSnapshot {
  state: string | null;
  /** The rendered body's text. */
  text: string;
  /** The `.message-error` text; empty when there is none. */
  error: string;
}

export interface SentPrompt {
  user: Locator;
  /** The assistant message that answers it (it may not exist yet, or ever, if sending failed). */
  assistant: Locator;
}

export function messagesOf(view: FrameLocator, role: 'user' | 'assistant'): Locator {
  return view.locator(`#messages .message[data-role="${role}"]`);
}

/** Types into #prompt and presses Enter; resolves once the user message is shown. */
export async function sendPrompt(view: FrameLocator, text: string): Promise<SentPrompt> {
  const users = messagesOf(view, 'user');
  const assistants = messagesOf(view, 'assistant');
  const usersBefore = await users.count();
  const assistantsBefore = await assistants.count();
  const prompt = view.locator('#prompt');
  await prompt.fill(text);
  await prompt.press('Enter');
  const user = users.nth(usersBefore);
  await waitForValue(`a new user message with "${text}"`, async () => (await user.count()) > 0 && (await user.textContent())?.includes(text), Boolean);
  return { user, assistant: assistants.nth(assistantsBefore) };
}

/** Reads the body before the state: a `streaming` state read after the text proves the text was partial. */
export async function readMessage(message: Locator): Promise<MessageSnapshot> {
  const text = (await message.locator('.message-body').allTextContents()).join('');
  const state = await message.getAttribute('data-state');
  const error = (await message.locator('.message-error').allTextContents()).join('').trim();
  return { state, text, error };
}

/** Waits for a message to reach `state`, then reads it again: text in a final state no longer changes. */
export async function waitForMessageState(message: Locator, state: MessageState, timeoutMs = DEFAULT_WAIT_MS): Promise<MessageSnapshot> {
  await waitForValue(`the message to reach data-state="${state}"`, () => readMessage(message), (seen) => seen.state === state, timeoutMs);
  return readMessage(message);
}

export async function readStatus(view: FrameLocator): Promise<StatusSnapshot> {
  const status = view.locator('#status');
  return { state: await status.getAttribute('data-state'), text: (await status.textContent()) ?? '' };
}

export function waitForStatus(view: FrameLocator, state: StatusState, timeoutMs = DEFAULT_WAIT_MS): Promise<StatusSnapshot> {
  return waitForValue(`#status data-state="${state}"`, () => readStatus(view), (seen) => seen.state === state, timeoutMs);
}

export async function readNotice(view: FrameLocator): Promise<NoticeSnapshot> {
  const notice = view.locator('#notice');
  return { visible: await notice.isVisible(), kind: await notice.getAttribute('data-kind'), text: (await notice.textContent()) ?? '' };
}
