// Line icons for the navigation (24×24, drawn in the text colour); decorative: each item is named by its label.
const PATHS = {
  home: 'M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10',
  inventory: 'M4 6h16M4 12h16M4 18h16',
  stores: 'M4 9l2-5h12l2 5M4 9v11h16V9M4 9h16M9 20v-6h6v6',
  findings: 'M5 21V4M5 4h11l-2 4 2 4H5',
  expiry: 'M12 7v5l3 2M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18',
  quickCheck: 'M4 12l5 5L20 6',
  audit: 'M7 3h10v18H7zM10 8h4M10 12h4M10 16h4',
  transfer: 'M7 4v16M3 8l4-4 4 4M17 20V4M13 16l4 4 4-4',
  settings:
    'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6M19 12l2-1-1-3-2 .5-1.5-1.5.5-2-3-1-1 2h-2l-1-2-3 1 .5 2L5 7.5 3 7 2 10l2 1v2l-2 1 1 3 2-.5L6.5 17 6 19l3 1 1-2h2l1 2 3-1-.5-2 1.5-1.5 2 .5 1-3-2-1z',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13M15.5 15.5L20 20',
  collapse: 'M15 5l-7 7 7 7',
  expand: 'M9 5l7 7-7 7',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
