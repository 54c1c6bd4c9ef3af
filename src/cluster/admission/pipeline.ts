import { CapstanError } from '../../core/index.ts';
import { ADMISSION_SLOTS, type AdmissionRequest, type AdmissionStep } from './types.ts';

/**
 * The ordered admission steps every write goes through, whether it comes over HTTP or from the
 * in-process API: same steps, same order, same errors.
 */
export class AdmissionPipeline {
  #steps: AdmissionStep[] = [];

  /** Adds a step to its slot, after the steps already there. */
  add(step: AdmissionStep): void {
    if (this.#steps.some((s) => s.name === step.name)) {
      throw new CapstanError(`admission step ${step.name}: already registered`, {
        code: 'ADMISSION_DUPLICATE',
      });
    }
    if (!ADMISSION_SLOTS.includes(step.slot)) {
      throw new CapstanError(`admission step ${step.name}: unknown slot ${String(step.slot)}`, {
        code: 'ADMISSION_SLOT',
      });
    }
    const order = ADMISSION_SLOTS.indexOf(step.slot);
    const at = this.#steps.findIndex((s) => ADMISSION_SLOTS.indexOf(s.slot) > order);
    if (at < 0) this.#steps.push(step);
    else this.#steps.splice(at, 0, step);
  }

  /** Takes a step out; returns whether it was there. */
  remove(name: string): boolean {
    const before = this.#steps.length;
    this.#steps = this.#steps.filter((s) => s.name !== name);
    return this.#steps.length !== before;
  }

  /** The steps in run order, as `slot/name`. */
  describe(): string[] {
    return this.#steps.map((s) => `${s.slot}/${s.name}`);
  }

  async run(request: AdmissionRequest): Promise<void> {
    for (const step of this.#steps) {
      if (step.matches && !step.matches(request)) continue;
      const result = step.admit(request);
      if (result) await result;
    }
  }
}
