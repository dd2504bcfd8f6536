// Stores are made only through this module, so the state library stays swappable (lint bans
// importing zustand anywhere else).
export { create as createStore } from 'zustand';
export { useShallow } from 'zustand/react/shallow';
