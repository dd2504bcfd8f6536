import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import * as Tabs from '@radix-ui/react-tabs';
import { useLayoutEffect, useRef, useState } from 'react';
import { useAppStore } from '../../state/app-store';
import { WORK_VIEWS } from '../views';

/**
 * The work surface's tabs on one line: the row scrolls rather than wrapping onto a second row
 * (which moved everything below whenever the window narrowed), and the tabs out of sight are
 * also offered in a "More" menu. The tab pattern itself (roles, roving focus, arrow keys, Home/End)
 * is Radix Tabs; the root sits in ProjectWindow so the tab body is the tab panel.
 */
export function WorkTabs() {
  const view = useAppStore((s) => s.view);
  const nav = useRef<HTMLDivElement>(null);
  const [outOfSight, setOutOfSight] = useState<readonly string[]>([]);

  useLayoutEffect(() => {
    const el = nav.current;
    if (!el) return;
    const measure = () => {
      const tabs = [...el.querySelectorAll<HTMLElement>('[data-work-tab]')];
      // All fit in the whole row (the More button gone): nothing is out of sight.
      if (el.scrollWidth <= (el.parentElement?.clientWidth ?? el.clientWidth)) {
        setOutOfSight((was) => (was.length === 0 ? was : []));
        return;
      }
      // Measured on screen: offsetLeft counts from the nearest positioned ancestor, not from the row.
      const row = el.getBoundingClientRect();
      const right = row.left + el.clientWidth;
      const gone = tabs
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return r.left < row.left - 1 || r.right > right + 1;
        })
        .map((t) => t.dataset.workTab!);
      setOutOfSight((was) => (was.join() === gone.join() ? was : gone));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, []);

  const hidden = WORK_VIEWS.filter((t) => outOfSight.includes(t.id));
  const activeHidden = hidden.some((t) => t.id === view);
  return (
    <div className="tabs-row">
      <Tabs.List className="tabs" aria-label="Work surface tabs" ref={nav} loop={false}>
        {WORK_VIEWS.map((t) => (
          <Tabs.Trigger key={t.id} value={t.id} data-work-tab={t.id} className={view === t.id ? 'tab active' : 'tab'}>
            {t.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {hidden.length > 0 && (
        <DropdownMenu.Root>
          <DropdownMenu.Trigger className={activeHidden ? 'tab tabs-more active' : 'tab tabs-more'} aria-label={`More tabs (${hidden.length})`}>
            {activeHidden ? WORK_VIEWS.find((t) => t.id === view)!.label : 'More'} ▾
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu-content" align="end" sideOffset={2}>
              {hidden.map((t) => (
                <DropdownMenu.Item
                  key={t.id}
                  className="menu-item"
                  onSelect={() => {
                    useAppStore.setState({ view: t.id });
                    nav.current?.querySelector(`[data-work-tab="${t.id}"]`)?.scrollIntoView({ inline: 'nearest', block: 'nearest' });
                  }}
                >
                  {t.label}
                </DropdownMenu.Item>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      )}
    </div>
  );
}
