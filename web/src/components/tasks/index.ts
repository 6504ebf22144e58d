/** Task and internal-request pieces any page may embed (My work, an account's Tasks tab, later others). */

export { AccountPicker } from './AccountPicker';
export { invalidateWork, useRequestActions, useTaskActions } from './actions';
export { RequestModal } from './RequestModal';
export { RequestTable } from './RequestTable';
export { TaskModal } from './TaskModal';
export { TaskTable } from './TaskTable';
