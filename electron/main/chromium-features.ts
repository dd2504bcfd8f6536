/**
 * Chromium features the desktop app turns off; the bench launches Chromium the same way.
 *
 * DeferRendererTasksAfterInput holds back the page's other tasks after a keypress until the next
 * frame is drawn. The project's answer to "apply this code" would then wait behind that frame
 * instead of joining it, and the stored coding would reach the transcript a frame later.
 */
export const DISABLED_CHROMIUM_FEATURES: readonly string[] = ['DeferRendererTasksAfterInput'];
