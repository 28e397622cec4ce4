/** Roles and escalation policies the host knows (GET /api/designer/config); empty until loaded. */
export interface RoleInfo { key: string; name: string; agencies: string[] }
export interface DesignerConfig { roles: RoleInfo[]; policies: string[]; loaded: boolean }

export const designerConfig: DesignerConfig = { roles: [], policies: [], loaded: false };
