// Element Timing (https://wicg.github.io/element-timing/): React passes the attribute through; its types lack it.
import 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- merging requires React's own parameter name
  interface HTMLAttributes<T> {
    elementtiming?: string | undefined;
  }
}
