/**
 * Following the kernels of notebooks and consoles: shared by every plugin that
 * must act when a Python kernel starts (the start-up snippet, the slow-start
 * watchdog).
 */
import { ISessionContext, IWidgetTracker } from '@jupyterlab/apputils';
import { Kernel } from '@jupyterlab/services';
import { Widget } from '@lumino/widgets';

/** A tracker of widgets that have a session: notebooks, consoles. */
export type SessionTracker = IWidgetTracker<
  Widget & { sessionContext: ISessionContext }
>;

/** Call `watch` for the session context of every present and future widget of the trackers. */
export function watchEverySession(
  trackers: (SessionTracker | null)[],
  watch: (context: ISessionContext) => void
): void {
  for (const tracker of trackers) {
    if (!tracker) {
      continue;
    }
    tracker.forEach(widget => watch(widget.sessionContext));
    tracker.widgetAdded.connect((_, widget) => watch(widget.sessionContext));
  }
}

/**
 * Call `onKernel` for the kernel a session context has now and for each kernel it
 * gets later; a context is followed once (`seen` remembers it).
 */
export function followKernels(
  context: ISessionContext,
  seen: WeakSet<ISessionContext>,
  onKernel: (kernel: Kernel.IKernelConnection) => void
): void {
  if (seen.has(context)) {
    return;
  }
  seen.add(context);
  context.kernelChanged.connect((_, change) => {
    if (change.newValue) {
      onKernel(change.newValue);
    }
  });
  // The kernel may have been connected before the widget reached us.
  const kernel = context.session?.kernel;
  if (kernel) {
    onKernel(kernel);
  }
}
