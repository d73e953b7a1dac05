// Cells every table shares: the masked secret that keeps both ends, and compact dates with the full date kept.

const FULL_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });
const FULL_DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * A masked secret ("shippo_live_ab…9f3c"): when the column is narrow the head is cut, never the tail after the
 * ellipsis (the part people compare). The text stays one string for copying and for screen readers.
 */
export function Masked({ masked }: { masked: string }) {
  const cut = masked.lastIndexOf('…');
  const at = cut >= 0 ? cut : Math.max(0, masked.length - 4);
  return (
    <code className="masked dt-masked" title={masked}>
      <span className={cut >= 0 ? 'dt-mask-head' : 'dt-mask-head dt-mask-cut'}>{masked.slice(0, at)}</span>
      <span className="dt-mask-tail">{masked.slice(at)}</span>
    </code>
  );
}

/** A day as YYYY-MM-DD (short, and the same width in every row); the full date on hover and to screen readers. */
export function CompactDay({ iso }: { iso: string }) {
  const full = FULL_DATE.format(new Date(iso));
  return (
    <time dateTime={iso} title={full}>
      <span aria-hidden="true">{iso.slice(0, 10)}</span>
      <span className="sr-only">{full}</span>
    </time>
  );
}

/** A moment as "YYYY-MM-DD HH:MM" in local time; the full date and time on hover and to screen readers. */
export function CompactDateTime({ iso }: { iso: string }) {
  const d = new Date(iso);
  const full = FULL_DATE_TIME.format(d);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return (
    <time dateTime={iso} title={full}>
      <span aria-hidden="true">
        {day} {TIME.format(d)}
      </span>
      <span className="sr-only">{full}</span>
    </time>
  );
}
