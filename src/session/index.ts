export { Session } from './session';
export type { SandboxEndpoint, SessionChange, SessionDeps, SessionRequestEvent } from './session';
export { ENVIRONMENTS, REMOTE_BASE_URLS, isEnvironment, isRemote, tokenKey } from './environment';
export type { Environment, RemoteEnvironment } from './environment';
export { BaseUrlError, EnvironmentSwitchError, KeyringError, WrongEnvironmentError } from './errors';
export type { SecretStore, SessionSettings, SessionSettingsValues, SandboxStarter } from './ports';
