/** The badge model's pure core: types, the core's rules and starter achievements, the engine. No module is named here. */
export * from './types';
export { CORE_RULES, proposeAwards, whyMessageKey, tookPart, workshops, activitiesOfType, minParam, nameParam, inOrder, perLog, tookPartIn, result, NOT_MET } from './rules';
export { CORE_STARTER } from './starter';
