/**
 * Roles and escalation policies the host knows (GET /api/designer/config), handed to the modeler as its `rf` option and
 * injected into the rf modules as `config.rf`. Not loaded: the panel offers free text and the lint skips those checks.
 */
export interface RoleInfo {
  key: string;
  name: string;
  agencies: string[];
}

export interface DesignerConfig {
  roles: RoleInfo[];
  policies: string[];
  loaded: boolean;
}

export const emptyConfig = (): DesignerConfig => ({ roles: [], policies: [], loaded: false });

/** `config.rf` as injected: the modeler may have been created without it. */
export const rfConfig = (injected: DesignerConfig | null | undefined): DesignerConfig => injected ?? emptyConfig();
