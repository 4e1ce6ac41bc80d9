// The frame of every screen: its heading (focused when the screen opens, for keyboard and
// screen-reader users), the browser tab's title, and actions on the right.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

export function Screen({ title, lead, actions, children }: { title: string; lead?: ComponentChildren; actions?: ComponentChildren; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Uptake`;
  }, [title]);
  return (
    <>
      <div class="screen-head">
        <div>
          <h1 id="screen-title" tabIndex={-1}>
            {title}
          </h1>
          {lead && <p class="lead">{lead}</p>}
        </div>
        {actions && <div class="actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

/** A titled card on a screen. */
export function Panel({ title, id, actions, children, class: className }: { title: string; id?: string; actions?: ComponentChildren; children: ComponentChildren; class?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/\W+/g, '-')}-title`;
  return (
    <section id={id} class={className ? `panel ${className}` : 'panel'} aria-labelledby={headingId}>
      <div class="panel-head">
        <h2 id={headingId}>{title}</h2>
        {actions && <div class="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** The heading of a table's column of row buttons: read out by screen readers, not shown. */
export function ActionsHeading() {
  return (
    <th scope="col">
      <span class="sr-only">Actions</span>
    </th>
  );
}
