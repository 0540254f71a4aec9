// Subscribe to a context and keep only a slice of it. Unlike ContextConsumer,
// this never requests an update itself: the host stores the slice in a
// reactive property, so Lit's identity check decides whether to re-render.
// That is what lets <care-record> replace the record as each section streams
// in while only the sections whose objects changed render again.

import { ContextEvent, type Context, type ContextType } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ContextSelector<C extends Context<unknown, unknown>> implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly context: C,
    private readonly select: (value: ContextType<C>) => void,
  ) {
    host.addController(this);
  }

  // Stable identity: providers de-duplicate subscriptions by callback.
  private readonly receive = (value: ContextType<C>, unsubscribe?: () => void): void => {
    if (this.unsubscribe && this.unsubscribe !== unsubscribe) this.unsubscribe();
    this.unsubscribe = unsubscribe;
    this.select(value);
  };

  hostConnected(): void {
    this.host.dispatchEvent(new ContextEvent(this.context, this.host, this.receive, true));
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
