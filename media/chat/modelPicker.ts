/**
 * The model picker in the panel header: the models the server lists. A pick is stored by the
 * extension as the user's own choice, never in the workspace's settings.
 */
export class ModelPicker {
  constructor(private readonly select: HTMLSelectElement, pick: (name: string) => void) {
    select.addEventListener('change', () => pick(select.value));
  }

  show(current: string, names: readonly string[]): void {
    this.select.replaceChildren(...names.map((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      option.selected = name === current;
      return option;
    }));
    this.select.hidden = names.length === 0;
  }
}
