// The phone layout as a signal, matching the stylesheet's breakpoint: there the sidebar is a modal drawer.
import { computed, signal } from '@preact/signals';
import { sidebarOpen } from './model.ts';

const query = matchMedia('(max-width: 760px)');
export const phone = signal(query.matches);
query.addEventListener('change', (e) => (phone.value = e.matches));

/** The drawer is a modal only while it is open on a phone; on a desktop the sidebar is a plain landmark. */
export const drawerModal = computed(() => phone.value && sidebarOpen.value);
