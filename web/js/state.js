// state.js — what the pages share: the logged-in user (/me, with its capabilities) and the
// units it may see. No imports, so that app.js and every page can read it without a cycle.
export const state = { me: null, units: [] };
