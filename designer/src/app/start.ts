/** Boots the designer into `root`: sign-in, the host's roles and policies, the page and the modeler. */
import { api, type Api } from '../api';
import { emptyConfig, type DesignerConfig } from '../config';
import { language } from '../i18n';
import { Designer } from './designer';
import { createModeler } from './modeler';
import { signIn } from './session';
import { renderShell } from './shell';
import { templateKeys } from './templates';
import { WorkflowStore } from './workflowStore';

async function loadConfig(client: Api): Promise<DesignerConfig> {
  try {
    const { data } = await client.config();
    return { roles: data.roles, policies: data.policies, loaded: true };
  } catch {
    return emptyConfig(); // free-text fallback in the panel
  }
}

export async function startDesigner(root: HTMLElement, client: Api = api): Promise<void> {
  document.documentElement.lang = language();
  const me = await signIn(root, client);
  const config = await loadConfig(client);
  const shell = renderShell(root, templateKeys);
  const modeler = createModeler(shell, config);
  // The browser tests place shapes through the modeler (mouse drawing is brittle headless).
  (window as unknown as { __rfModeler: unknown }).__rfModeler = modeler;
  await new Designer(shell, modeler, new WorkflowStore(client), me).start(new URLSearchParams(location.search).get('workflow'));
  document.body.dataset.ready = 'true';
}
