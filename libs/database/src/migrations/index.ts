import { Foundation1763769600000 } from './1763769600000-foundation';

// every migration, in order; listed rather than globbed so ts (tests) and js (dist) agree
export const MIGRATIONS = [Foundation1763769600000];
