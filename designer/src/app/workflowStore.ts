/** The workflows on the host: list, open a draft or a published version, save, validate and publish the open one. */
import type { Api, Report, WorkflowItem } from '../api';

/** The workflow open in the modeler: a draft (revision null until first saved) or a read-only published version. */
export interface OpenWorkflow {
  key: string;
  revision: number | null;
  version: number | null;
  readOnly: boolean;
}

export class WorkflowStore {
  /** What is open; set by the page once the modeler has imported it. */
  current: OpenWorkflow | null = null;

  constructor(private readonly client: Api) {}

  async list(): Promise<WorkflowItem[]> {
    return (await this.client.list()).data;
  }

  async draft(key: string): Promise<{ xml: string; open: OpenWorkflow }> {
    const { data } = await this.client.draft(key);
    return { xml: data.xml, open: { key, revision: data.revision, version: null, readOnly: false } };
  }

  async version(key: string, version: number): Promise<{ xml: string; open: OpenWorkflow }> {
    const { data } = await this.client.version(key, version);
    return { xml: data.xml, open: { key, revision: null, version, readOnly: true } };
  }

  /** A new workflow that is not on the host yet. */
  static unsaved(key: string): OpenWorkflow {
    return { key, revision: null, version: null, readOnly: false };
  }

  /** An uploaded diagram continues the host's draft of the same process id, if there is one. */
  async uploaded(processId: string | undefined): Promise<OpenWorkflow> {
    const existing = (await this.list()).find((w) => w.key === processId);
    return { key: processId ?? 'workflow', revision: existing?.draftRevision ?? null, version: null, readOnly: false };
  }

  /** Creates or updates the draft (If-Match on its revision); returns the host's validation of what was saved. */
  async save(xml: string): Promise<Report | null> {
    const open = this.current;
    if (!open || open.readOnly) return null;
    const result = open.revision === null ? await this.client.create(xml) : await this.client.save(open.key, xml, open.revision);
    open.revision = result.data.revision;
    return result.data.validation;
  }

  async validate(xml: string): Promise<Report> {
    return (await this.client.validate(xml)).data;
  }

  /** Publishes the saved draft revision as the next version. */
  async publish(): Promise<{ key: string; version: number } | null> {
    const open = this.current;
    if (!open || open.revision === null) return null;
    return (await this.client.publish(open.key, open.revision)).data;
  }
}
