/** Small helpers of the panels' pages. */

/** The page's element of that id (the panel's markup has it). */
export const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** A colour of the VS Code theme (a CSS variable the webview gets), for what is drawn on a canvas. */
export const themeColour = (name: string, fallback: string): string => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
