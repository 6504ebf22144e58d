import type { LifecyclePhase, PlaybookKind } from '../../../domain/enums.js';

export interface TemplateItem {
  title: string;
  details: string;
  /** Days after the run's start that the item's task is due. */
  dueOffsetDays: number;
}

/** A prebuilt playbook; `key` is stable across releases (copied playbooks remember it in playbooks.template_key). */
export interface PlaybookTemplate {
  key: string;
  name: string;
  kind: PlaybookKind;
  phase: LifecyclePhase | null;
  /** Markdown. */
  description: string;
  items: TemplateItem[];
}
