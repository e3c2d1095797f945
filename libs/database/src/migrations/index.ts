import { Foundation1763769600000 } from './1763769600000-foundation';
import { Contacts1763856000000 } from './1763856000000-contacts';

// every migration, in order; listed rather than globbed so ts (tests) and js (dist) agree
export const MIGRATIONS = [Foundation1763769600000, Contacts1763856000000];
