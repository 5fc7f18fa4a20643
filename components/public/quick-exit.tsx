"use client";

type TProps = { href: string; label: string; description: string };

/**
 * "Snel weg": leaves for a neutral site. With JavaScript the current history entry is
 * replaced, so Back does not return to the form; without it, it is a plain link.
 */
export function QuickExit({ href, label, description }: TProps) {
  return (
    <a
      className="quick-exit"
      href={href}
      rel="noreferrer noopener"
      title={description}
      aria-label={`${label}: ${description}`}
      data-testid="quick-exit"
      onClick={(event) => {
        event.preventDefault();
        window.location.replace(href);
      }}
    >
      {label}
    </a>
  );
}
