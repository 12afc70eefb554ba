/** Line icons drawn as inline SVG (DOM, not a `<style>`: fine under the CSP), in the text colour. */
const common = { width: 16, height: 16, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

export function SpeakerIcon({ muted }: { muted: boolean }): React.JSX.Element {
  return (
    <svg {...common}>
      <path d="M2.5 6h2.5l3.5-3v10l-3.5-3h-2.5z" fill="currentColor" fillOpacity={0.25} />
      {muted ? (
        <path d="M11 6l3.5 4M14.5 6l-3.5 4" />
      ) : (
        <>
          <path d="M10.8 5.6a3.2 3.2 0 0 1 0 4.8" />
          <path d="M12.6 3.8a5.8 5.8 0 0 1 0 8.4" />
        </>
      )}
    </svg>
  );
}

/** A tray with an arrow: commands leaving for the hub. */
export function OutboxIcon(): React.JSX.Element {
  return (
    <svg {...common}>
      <path d="M2 9.5v3.5h12v-3.5" />
      <path d="M2 9.5h3.2l1 1.5h3.6l1-1.5h3.2" />
      <path d="M8 8.5v-6M5.5 5l2.5-2.5 2.5 2.5" />
    </svg>
  );
}
