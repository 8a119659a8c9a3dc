/** Moved to model/suggest.ts (one implementation); this name stays until chaos/faults/targets.ts imports it from there. */
export { didYouMean as suggestion } from '../model/suggest.ts';
