import * as vscode from 'vscode';
import type { Anomaly, AnomalyAnswer, AnomalyPrompt } from '../core/anomaly/anomaly';

const CONTINUE = 'Continue';
const STOP = 'Stop';

/**
 * Asks in a modal whether a paused turn goes on. Closing the dialog is a stop; so is the turn
 * being stopped from the panel while the dialog is open.
 */
export class AnomalyDialog implements AnomalyPrompt {
  async ask(anomaly: Anomaly, signal: AbortSignal): Promise<AnomalyAnswer> {
    const detail = `${anomaly.message}\n\nContinue lets this turn go on and raises this threshold for the rest of it. Stop ends the turn.`;
    const stopped = new Promise<undefined>((resolve) => {
      if (signal.aborted) resolve(undefined);
      signal.addEventListener('abort', () => resolve(undefined), { once: true });
    });
    // Stop comes first, so it is the default button: Enter does not wave the turn on.
    const choice = await Promise.race([vscode.window.showWarningMessage(`Airlock paused this turn: ${headline(anomaly)}`, { modal: true, detail }, STOP, CONTINUE), stopped]);
    return choice === CONTINUE && !signal.aborted ? 'continue' : 'stop';
  }
}

function headline(anomaly: Anomaly): string {
  switch (anomaly.kind) {
    case 'denied-reads':
      return 'many file reads were refused';
    case 'blocked-requests':
      return 'many web requests were blocked';
    case 'tool-calls':
      return 'a flood of tool calls';
    case 'sent-volume':
      return 'an unusual amount of data sent to the model';
    case 'read-volume':
      return 'an unusual amount of data read from the workspace';
  }
}
