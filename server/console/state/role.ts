// What the signed-in console user may do. Viewers read everything and change nothing; editors
// change definitions but not users, keys or settings; admins do everything. The server enforces
// the same rules: hiding controls here only spares people a refusal.
import { computed } from '@preact/signals';
import { session } from '../state.ts';

export const role = computed(() => session.value?.user.role ?? 'viewer');
export const canEdit = computed(() => role.value === 'admin' || role.value === 'editor');
export const canAdmin = computed(() => role.value === 'admin');
