/**
 * A component that re-renders only when one of its props changes (shallow), like React's memo, without
 * pulling in preact/compat. The council page keeps its long sections' props stable across date changes,
 * so that a new date re-renders what depends on it (the seats, the members) and not every table.
 */
import { Component, createElement, type FunctionComponent } from 'preact';

export function memo<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const prev = this.props as Record<string, unknown>;
      const now = next as Record<string, unknown>;
      for (const k in now) if (k !== 'children' && prev[k] !== now[k]) return true;
      for (const k in prev) if (!(k in now)) return true;
      return false;
    }
    override render(props: P) {
      return createElement(render, props);
    }
  }
  (Memo as unknown as { displayName: string }).displayName = `memo(${render.displayName ?? render.name})`;
  return Memo as unknown as FunctionComponent<P>;
}
