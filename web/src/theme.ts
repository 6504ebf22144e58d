import { type CSSVariablesResolver, createTheme, FileInput, type MantineColorsTuple, Menu, Modal, ModalHeader } from '@mantine/core';

/**
 * Mantine's teal with its darker half shifted down, so that the shades Mantine uses for text meet WCAG AA (4.5:1):
 * 6 (filled buttons, badges and links; white text on it, or it on white/striped rows) is 5:1, and 9 (the text of
 * light buttons and badges) is 7.7:1 on 1 (their background). Shades 0–4 keep Mantine's values for backgrounds and charts.
 */
const teal: MantineColorsTuple = ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#20c997', '#0ca678', '#087f5b', '#07704f', '#066246', '#05553c'];

/**
 * The status colours, treated the same way: filled shade 6 carries white text at 4.5:1 or more, and shade 9 (light
 * badges' text) reads at 4.5:1 or more on shade 1. Shades 0–5 are Mantine's.
 */
const red: MantineColorsTuple = ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#c92a2a', '#b02525', '#9c2121', '#8a1c1c'];
const orange: MantineColorsTuple = ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#c2410c', '#b8420b', '#a33c0a', '#8f3509'];
const yellow: MantineColorsTuple = ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#8a5a00', '#835500', '#7f5200', '#7a5000'];
const blue: MantineColorsTuple = ['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#1971c2', '#1864ab', '#145591', '#114a7f'];

export const theme = createTheme({
  primaryColor: 'teal',
  colors: { teal, red, orange, yellow, blue },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  // Keyboard users always see where they are.
  focusRing: 'auto',
  components: {
    // Mantine's icon-only buttons have no accessible name of their own.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    // Mantine renders a dialog's title bar as <header>, which reads as a second page banner.
    ModalHeader: ModalHeader.extend({ defaultProps: { role: 'none' } }),
    FileInput: FileInput.extend({ defaultProps: { clearButtonProps: { 'aria-label': 'Clear the chosen file' } } }),
    // The placeholder is a focusable role="presentation" element inside role="menu", which assistive technology
    // cannot make sense of; without it the first item takes the focus on opening, as the WAI-ARIA menu pattern expects.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
  },
});

/** Mantine's dimmed text (gray 6, 3.3:1 on white) is too faint for AA; this grey is 5.8:1 on white, 5:1 on teal 1. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5f666d' },
  dark: {},
});
