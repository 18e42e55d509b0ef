import type { PayloadOf } from '../activities/spec';
import type { CORE_COMMANDS, CoreCommandName } from './schemas';
import type { CoreErrorCode, CoreResults } from './events';

type CoreCommandMap = { [C in CoreCommandName]: { payload: PayloadOf<(typeof CORE_COMMANDS)[C]>; result: CoreResults[C] } };

/**
 * Every command with its payload and its acknowledgement's data: the core's are declared here, and each activity
 * module adds its own by augmenting this interface in its spec (`declare module`), so the core's typed `send`
 * knows every module's commands without importing any module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommandMap extends CoreCommandMap {}
export type CommandName = keyof CommandMap & string;
export type CommandPayload<C extends CommandName> = CommandMap[C]['payload'];
export type CommandResult<C extends CommandName> = CommandMap[C]['result'];

type CoreErrorMap = { [E in CoreErrorCode]: true };
/** Every refusal code: the core's here, each module's added by augmentation in its spec. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorCodeMap extends CoreErrorMap {}
export type ErrorCode = keyof ErrorCodeMap & string;
